// Place material for the synthetic city: 凉山彝族自治州 and its counties (real GB/T 2260 codes and
// some real township names from the seeds), plus Han and Yi syllables for invented townships and villages.

export const PROVINCE = { code: '510000000000', name: '四川省' } as const;
export const CITY = { code: '513400000000', name: '凉山彝族自治州', short: '凉山州' } as const;

export interface CountySeed {
  code: string; // 6 digits
  name: string;
  yiShare: number; // share of Yi villages
  tibetanShare: number; // share of Tibetan households outside Yi villages
  townships: readonly string[]; // real names first; the first is the county seat
}

/** In the order they are used: a run with n counties takes the first n. 甘洛 first (seed 001). */
export const COUNTIES: readonly CountySeed[] = [
  { code: '513435', name: '甘洛县', yiShare: 0.55, tibetanShare: 0.01,
    townships: ['新市坝镇', '田坝镇', '海棠镇', '吉米镇', '斯觉镇', '普昌镇', '玉田镇', '前进镇', '胜利镇', '苏雄乡', '尼尔觉乡', '坪坝乡', '里克乡'] },
  { code: '513434', name: '越西县', yiShare: 0.6, tibetanShare: 0,
    townships: ['越城镇', '中所镇', '新民镇', '乃托镇', '普雄镇', '大花镇', '书古镇', '南箐镇'] },
  { code: '513433', name: '冕宁县', yiShare: 0.35, tibetanShare: 0.03,
    townships: ['城厢镇', '漫水湾镇', '泸沽镇', '复兴镇', '沙坝镇', '大桥镇', '彝海镇', '宏模镇'] },
  { code: '513432', name: '喜德县', yiShare: 0.7, tibetanShare: 0,
    townships: ['光明镇', '冕山镇', '红莫镇', '且拖乡', '尼波镇', '贺波洛乡', '拉克乡', '两河口镇'] },
  { code: '513431', name: '昭觉县', yiShare: 0.75, tibetanShare: 0,
    townships: ['新城镇', '谷曲镇', '竹核乡', '四开乡', '洒拉地坡乡', '比尔镇', '解放乡', '三岔河乡'] },
  { code: '513436', name: '美姑县', yiShare: 0.75, tibetanShare: 0,
    townships: ['巴普镇', '牛牛坝乡', '瓦侯乡', '洪溪镇', '依果觉乡', '拉木阿觉乡'] },
  { code: '513437', name: '雷波县', yiShare: 0.45, tibetanShare: 0,
    townships: ['锦城镇', '汶水镇', '金沙镇', '西宁镇', '黄琅镇', '马湖乡', '上田坝镇'] },
  { code: '513429', name: '布拖县', yiShare: 0.7, tibetanShare: 0,
    townships: ['特木里镇', '拖觉镇', '补尔乡', '乐安镇', '西溪河镇', '地洛乡'] },
  { code: '513430', name: '金阳县', yiShare: 0.6, tibetanShare: 0,
    townships: ['天地坝镇', '派来镇', '芦稿镇', '对坪镇', '丙底乡', '热柯觉乡'] },
  { code: '513428', name: '普格县', yiShare: 0.55, tibetanShare: 0,
    townships: ['普基镇', '螺髻山镇', '荞窝镇', '五道箐乡', '特补乡'] },
  { code: '513423', name: '盐源县', yiShare: 0.4, tibetanShare: 0.08,
    townships: ['盐井镇', '卫城镇', '梅雨镇', '泸沽湖镇', '白乌镇'] },
  { code: '513422', name: '木里藏族自治县', yiShare: 0.25, tibetanShare: 0.45,
    townships: ['乔瓦镇', '瓦厂镇', '茶布朗镇', '水洛乡', '博科乡'] },
  { code: '513424', name: '德昌县', yiShare: 0.2, tibetanShare: 0,
    townships: ['德州镇', '麻栗镇', '永郎镇', '锦川镇'] },
  { code: '513427', name: '宁南县', yiShare: 0.1, tibetanShare: 0,
    townships: ['披砂镇', '松新镇', '白鹤滩镇', '华弹镇'] },
  { code: '513426', name: '会东县', yiShare: 0.1, tibetanShare: 0,
    townships: ['鲹鱼河镇', '姜州镇', '铅锌镇', '大崇镇'] },
  { code: '513402', name: '会理市', yiShare: 0.08, tibetanShare: 0,
    townships: ['古城街道', '鹿厂镇', '黎溪镇', '通安镇'] },
  { code: '513401', name: '西昌市', yiShare: 0.2, tibetanShare: 0,
    townships: ['北城街道', '安宁镇', '川兴镇', '礼州镇'] },
];

/** Two-character Han place names for invented townships and villages. */
export const HAN_PLACE = [
  '新华', '红星', '团结', '和平', '胜利', '前进', '光明', '新民', '大桥', '石门', '河东', '河西', '白果',
  '黄坪', '回龙', '青龙', '金星', '新桥', '马鞍', '龙泉', '松林', '两河', '三岔', '高峰', '永安', '太平',
  '清水', '大坪', '沙坝', '双河', '桃园', '杉树', '核桃', '红旗', '新农', '联合', '民主', '建设', '幸福',
  '向阳', '东风', '长春', '安乐', '乐山', '石坪', '大湾', '小河', '观音', '庙坝', '坪山', '龙潭', '茶园',
  '兴隆', '富强', '新街', '板桥', '李子', '柏香', '竹林', '青杠', '梨园', '水井', '岩脚', '中坝', '上坝',
];

/** Yi syllables as written in Chinese place names (阿嘎, 则洛, 斯觉...). */
export const YI_SYLLABLES = [
  '阿', '尔', '则', '拉', '乌', '史', '斯', '觉', '吉', '米', '沙', '岱', '嘎', '黑', '马', '莫', '铁', '瓦',
  '洛', '依', '达', '苏', '雄', '尼', '克', '乃', '托', '书', '古', '特', '布', '洒', '日', '哈', '竹', '吼',
  '补', '约', '呷', '库', '普', '格', '谷', '曲', '支', '的', '波', '火', '且', '甘', '里', '木', '勒', '博',
];
