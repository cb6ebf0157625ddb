// 定西 preset — 定西市教育局《教育支持精准扶贫实施方案》(seed 004 篇3) 二(一) 2、4、6. The issuer is the
// bureau: the plan's 三、责任分工 gives 市教育局 the drafting of 教育支持精准扶贫实施方案.
// Funding shares 省:县 = 6:4 where the document states them; elsewhere the shares are left unset.
import type { PolicyDocument, Preset } from './preset.ts';
import { cite, compulsoryWaivers, emergencyItem } from './preset.ts';

const DOC: PolicyDocument = { issuer: '定西市教育局', title: '教育支持精准扶贫实施方案' };
const S = (clause: string, quote: string, note = '') => cite(DOC, `二(一)${clause}`, quote, note);

export const dingxi: Preset = {
  id: 'dingxi',
  name: '定西市贫困家庭学生资助标准',
  source: 'seeds/004 篇3',
  document: DOC,
  originRegion: '621100',
  items: [
    { code: 'dingxi-preschool-fees', name: '学前教育免保教费', kind: '减免', stages: ['学前'], amount: { per: 'year', fen: 100000 }, // 1000 元/年
      conditions: { location: 'local' }, funding: { source: '财政资金', shares: { 省: 60, 县: 40 } },
      basis: S('2', '按照每生每年1000元的标准,免除贫困家庭幼儿在当地接受学前教育的保教费。所需资金由省级财政和县级财政按6:4比例分担') },
    ...compulsoryWaivers('dingxi', cite(DOC, '一', '实行免、减、助、奖、贷、补等形式的多元扶持与资助政策')),
    { code: 'dingxi-boarding-living', name: '义务教育寄宿生生活补助', kind: '补助', stages: ['小学', '初中'], amount: { per: 'year', fen: null },
      conditions: { boardingOnly: true }, basis: S('3', '办好农村寄宿制学校', '——原文未写寄宿生补助金额，待填写') },
    { code: 'dingxi-senior-grant', name: '普通高中国家助学金', kind: '助学金', stages: ['高中'], amount: { per: 'year', fen: 150000 }, // 1500 元/学年
      basis: S('4', '对贫困家庭中接受普通高中教育的学生优先安排国家助学金,资助标准为每生每学年1500元') },
    { code: 'dingxi-vocational-tuition', name: '中职免学费', kind: '减免', stages: ['中职'], amount: { per: 'actual' }, basis: S('4', '对贫困家庭中接受中等职业教育的学生实行免学费政策') },
    { code: 'dingxi-vocational-grant', name: '中职国家助学金', kind: '助学金', stages: ['中职'], amount: { per: 'year', fen: 200000 }, // 2000 元/学年
      basis: S('4', '按照每生每学年2000元的标准发放国家助学金') },
    { code: 'dingxi-higher-vocational-fees', name: '省内高职免学费书本费', kind: '减免', stages: ['高等'], amount: { per: 'actual' },
      funding: { source: '财政资金', shares: { 省: 60, 县: 40 } },
      basis: S('6', '对进入省内高职院校的贫困家庭学生免除学费和书本费,所需资金由省级财政和生源地县级财政按6:4分担') },
    { code: 'dingxi-credit-loan', name: '生源地信用助学贷款（政府贴息）', kind: '贷款', stages: ['高等'], amount: { per: 'actual', capFen: 800000 }, // ≤ 8000 元/学年
      basis: S('6', '办理每生每学年不超过8000元的生源地信用助学贷款,由政府贴息') },
    emergencyItem('dingxi'),
  ],
};
