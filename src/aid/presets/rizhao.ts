// 日照 preset — 日照市教育局《教育精准扶贫实施方案》(seed 002 篇6, headed there by mistake as a 劳动教育
// plan) 二(一) 建立完善学生资助体系: the 资助全覆盖 and 财政专项资金 paragraphs. The issuer is the bureau:
// the plan sets up the 市教育局's own 教育扶贫工作领导小组. The city's own 3000/6000 元 subsidies go to the
// family through the home county for out-of-area students; grants keep the school channel.
import type { PolicyDocument, Preset } from './preset.ts';
import { cite, emergencyItem } from './preset.ts';

const DOC: PolicyDocument = { issuer: '日照市教育局', title: '教育精准扶贫实施方案' };
const S = (quote: string, note = '') => cite(DOC, '二(一)', quote, note);
const HOME = '；同条：“对在外地就读的贫困家庭学生,由生源地当地政府负责补助资金发放至贫困学生家庭”';
const BLANK = '——原文未写金额，待填写';

export const rizhao: Preset = {
  id: 'rizhao',
  name: '日照市建档立卡贫困家庭学生资助标准',
  source: 'seeds/002 篇6',
  document: DOC,
  originRegion: '371100',
  items: [
    { code: 'rizhao-preschool-fees', name: '免保教费', kind: '减免', stages: ['学前'], amount: { per: 'actual' }, basis: S('免除建档立卡贫困家庭适龄儿童学前教育保教费') },
    { code: 'rizhao-preschool-grant', name: '学前教育政府助学金', kind: '助学金', stages: ['学前'], amount: { per: 'year', fen: null },
      basis: S('优先发放学前教育政府助学金', BLANK) },
    { code: 'rizhao-compulsory-living', name: '义务教育交通费生活费补助', kind: '补助', stages: ['小学', '初中'], amount: { per: 'year', fen: 300000 }, // 3000 元/年
      outOfAreaPayer: 'home-county', basis: S('义务教育阶段,每人每年补助交通费、生活费3000元', HOME) },
    { code: 'rizhao-boarding-living', name: '义务教育寄宿生生活费补助', kind: '补助', stages: ['小学', '初中'], amount: { per: 'year', fen: null },
      conditions: { boardingOnly: true }, basis: S('扩大义务教育阶段家庭经济困难寄宿生生活费补助范围,由15%扩大至30%', BLANK) },
    { code: 'rizhao-senior-fees', name: '普通高中免学杂费', kind: '减免', stages: ['高中'], amount: { per: 'actual' }, basis: S('免除建档立卡贫困家庭普通高中学生学杂费') },
    { code: 'rizhao-senior-grant', name: '普通高中国家助学金', kind: '助学金', stages: ['高中'], amount: { per: 'year', fen: null },
      basis: S('优先发放普通高中国家助学金', BLANK) },
    { code: 'rizhao-vocational-tuition', name: '中职免学费', kind: '减免', stages: ['中职'], amount: { per: 'actual' }, basis: S('全部免除中等职业学校全日制在校生学费') },
    { code: 'rizhao-vocational-grant', name: '中职国家助学金', kind: '助学金', stages: ['中职'], amount: { per: 'year', fen: null },
      basis: S('对建档立卡的贫困家庭在校生优先发放国家助学金', BLANK) },
    { code: 'rizhao-secondary-living', name: '高中阶段生活费补助', kind: '补助', stages: ['高中', '中职'], amount: { per: 'year', fen: 300000 }, // 3000 元/年
      outOfAreaPayer: 'home-county', basis: S('普通高中及中等职业教育阶段,每人每年补助生活费3000元', HOME) },
    { code: 'rizhao-higher-tuition', name: '高等教育全额补助学费', kind: '补助', stages: ['高等'], amount: { per: 'actual' }, basis: S('高等教育阶段,全额补助学费', '——按实际学费') },
    { code: 'rizhao-higher-living', name: '高等教育生活费补助', kind: '补助', stages: ['高等'], amount: { per: 'year', fen: 600000 }, // 6000 元/年
      outOfAreaPayer: 'home-county', basis: S('每人每年补助生活费6000元', HOME) },
    { code: 'rizhao-higher-loan', name: '国家助学贷款（绿色通道）', kind: '贷款', stages: ['高等'], amount: { per: 'actual' },
      basis: S('按‘绿色通道’办理入学手续,优先发放国家助学贷款和国家助学金,优先安排勤工助学岗位') },
    emergencyItem('rizhao'),
  ],
};
