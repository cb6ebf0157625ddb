// 日照 preset — seed 002 篇6 (日照市教育精准扶贫实施方案) 资助全覆盖 and 财政专项资金 paragraphs.
// The city's own 3000/6000 元 subsidies go to the family through the home county for out-of-area
// students ("对在外地就读的贫困家庭学生,由生源地当地政府负责补助资金发放"); grants keep the school channel.
import type { Preset } from './preset.ts';
import { emergencyItem } from './preset.ts';

const A = '种子 002 篇6（日照）“对建档立卡贫困家庭学生从学前教育到高等教育实行资助全覆盖”段';
const B = '种子 002 篇6（日照）“财政设立专项资金”段';
const HOME = '；外地就读的由生源地当地政府发放（同篇“在外地就读的贫困家庭学生”段）';

export const rizhao: Preset = {
  id: 'rizhao',
  name: '日照市建档立卡贫困家庭学生资助标准',
  source: 'seeds/002 篇6',
  originRegion: '371100',
  items: [
    { code: 'rizhao-preschool-fees', name: '免保教费', kind: '减免', stages: ['学前'], amount: { per: 'actual' }, basis: `${A}：“免除建档立卡贫困家庭适龄儿童学前教育保教费”` },
    { code: 'rizhao-preschool-grant', name: '学前教育政府助学金', kind: '助学金', stages: ['学前'], amount: { per: 'year', fen: null },
      basis: `${A}：“优先发放学前教育政府助学金”——原文未写金额，待填写` },
    { code: 'rizhao-compulsory-living', name: '义务教育交通费生活费补助', kind: '补助', stages: ['小学', '初中'], amount: { per: 'year', fen: 300000 }, // 3000 元/年
      outOfAreaPayer: 'home-county', basis: `${B}：“义务教育阶段,每人每年补助交通费、生活费3000元”${HOME}` },
    { code: 'rizhao-boarding-living', name: '义务教育寄宿生生活费补助', kind: '补助', stages: ['小学', '初中'], amount: { per: 'year', fen: null },
      conditions: { boardingOnly: true }, basis: `${A}：“扩大义务教育阶段家庭经济困难寄宿生生活费补助范围,由15%扩大至30%”——原文未写金额，待填写` },
    { code: 'rizhao-senior-fees', name: '普通高中免学杂费', kind: '减免', stages: ['高中'], amount: { per: 'actual' }, basis: `${A}：“免除建档立卡贫困家庭普通高中学生学杂费”` },
    { code: 'rizhao-senior-grant', name: '普通高中国家助学金', kind: '助学金', stages: ['高中'], amount: { per: 'year', fen: null },
      basis: `${A}：“优先发放普通高中国家助学金”——原文未写金额，待填写` },
    { code: 'rizhao-vocational-tuition', name: '中职免学费', kind: '减免', stages: ['中职'], amount: { per: 'actual' }, basis: `${A}：“全部免除中等职业学校全日制在校生学费”` },
    { code: 'rizhao-vocational-grant', name: '中职国家助学金', kind: '助学金', stages: ['中职'], amount: { per: 'year', fen: null },
      basis: `${A}：“对建档立卡的贫困家庭在校生优先发放国家助学金”——原文未写金额，待填写` },
    { code: 'rizhao-secondary-living', name: '高中阶段生活费补助', kind: '补助', stages: ['高中', '中职'], amount: { per: 'year', fen: 300000 }, // 3000 元/年
      outOfAreaPayer: 'home-county', basis: `${B}：“普通高中及中等职业教育阶段,每人每年补助生活费3000元”${HOME}` },
    { code: 'rizhao-higher-tuition', name: '高等教育全额补助学费', kind: '补助', stages: ['高等'], amount: { per: 'actual' }, basis: `${B}：“高等教育阶段,全额补助学费”——按实际学费` },
    { code: 'rizhao-higher-living', name: '高等教育生活费补助', kind: '补助', stages: ['高等'], amount: { per: 'year', fen: 600000 }, // 6000 元/年
      outOfAreaPayer: 'home-county', basis: `${B}：“每人每年补助生活费6000元”${HOME}` },
    { code: 'rizhao-higher-loan', name: '国家助学贷款（绿色通道）', kind: '贷款', stages: ['高等'], amount: { per: 'actual' },
      basis: `${A}：“按‘绿色通道’办理入学手续,优先发放国家助学贷款和国家助学金,优先安排勤工助学岗位”` },
    emergencyItem('rizhao'),
  ],
};
