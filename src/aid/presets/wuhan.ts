// 武汉 preset — 武汉市教育局《教育精准扶贫工作计划》(seed 000 篇一) 三(一) 落实贫困家庭子女助学扶智资助政策.
// The document prints 学前 and 中职 amounts as "20xx元": those items are 待填写 (fen: null), never guessed.
// The issuer is the bureau: the plan speaks of 我市 and of the 市教育局's own 局机关干部 and 工作专班.
import type { PolicyDocument, Preset } from './preset.ts';
import { cite, compulsoryWaivers, emergencyItem } from './preset.ts';

const DOC: PolicyDocument = { issuer: '武汉市教育局', title: '教育精准扶贫工作计划' };
const S = (quote: string, note = '') => cite(DOC, '三(一)', quote, note);

export const wuhan: Preset = {
  id: 'wuhan',
  name: '武汉市建档立卡贫困家庭学生资助标准',
  source: 'seeds/000 篇一',
  document: DOC,
  originRegion: '420100',
  items: [
    { code: 'wuhan-preschool-living', name: '学前教育生活补助（含政府助学金）', kind: '补助', stages: ['学前'], amount: { per: 'year', fen: null },
      basis: S('按照学前教育每生每年20xx元的标准给予生活补助(含政府助学金)', '——原文金额空缺，待填写') },
    ...compulsoryWaivers('wuhan', S('义务教育免学费,免教科书费')),
    { code: 'wuhan-primary-living', name: '小学生活费补助', kind: '补助', stages: ['小学'], amount: { per: 'year', fen: 100000 }, // 1000 元/年
      basis: S('小学每生每年1000元……的标准补助生活费') },
    { code: 'wuhan-junior-living', name: '初中生活费补助', kind: '补助', stages: ['初中'], amount: { per: 'year', fen: 125000 }, // 1250 元/年
      basis: S('初中每生每年1250元的标准补助生活费') },
    { code: 'wuhan-school-bus', name: '校车费补助', kind: '补助', stages: ['学前', '小学', '初中'], amount: { per: 'year', fen: 50000 }, // 500 元/年
      conditions: { schoolCodes: [] }, // 实行校车接送的学校名单由教育局填写
      basis: S('对实行校车接送学校的贫困学生,给予校车费补助,标准为每生每年500元', '——适用学校名单待填写') },
    { code: 'wuhan-senior-tuition', name: '普通高中免学费', kind: '减免', stages: ['高中'], amount: { per: 'actual' }, basis: S('普通高中教育免学费,免住宿费') },
    { code: 'wuhan-senior-lodging', name: '普通高中免住宿费', kind: '减免', stages: ['高中'], amount: { per: 'actual' }, basis: S('普通高中教育免学费,免住宿费') },
    { code: 'wuhan-senior-grant', name: '普通高中国家助学金', kind: '助学金', stages: ['高中'], amount: { per: 'year', fen: 250000 }, // 2500 元/年
      basis: S('每生每年2500元的标准发放国家助学金') },
    { code: 'wuhan-vocational-tuition', name: '中职免学费', kind: '减免', stages: ['中职'], amount: { per: 'actual' }, basis: S('中职教育免学费,免住宿费') },
    { code: 'wuhan-vocational-lodging', name: '中职免住宿费', kind: '减免', stages: ['中职'], amount: { per: 'actual' }, basis: S('中职教育免学费,免住宿费') },
    { code: 'wuhan-vocational-grant', name: '中职国家助学金', kind: '助学金', stages: ['中职'], amount: { per: 'year', fen: null },
      basis: S('每生每年20xx元的标准发放国家助学金', '——原文金额空缺，待填写') },
    { code: 'wuhan-higher-aid', name: '本专科助学扶智（含国家助学金）', kind: '助学金', stages: ['高等'], amount: { per: 'year', fen: 1000000 }, // 10000 元/年
      basis: S('本(专)科教育每生每年10000元实施助学扶智(含国家助学金)') },
    emergencyItem('wuhan'),
  ],
};
