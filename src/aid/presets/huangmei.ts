// 黄梅 preset — 黄梅县某乡《教育精准扶贫工作方案》(seed 000 篇二) 二(一) 加大贫困生资助力度. The seed is a
// township's plan under 《黄梅县教育精准扶贫方案》 and does not name the township, hence 黄梅县某乡.
// Boarding subsidies are for 寄宿生 only; 进城务工 children get the same (so location is 'any').
import type { PolicyDocument, Preset } from './preset.ts';
import { cite, compulsoryWaivers, emergencyItem } from './preset.ts';

const DOC: PolicyDocument = { issuer: '黄梅县某乡', title: '教育精准扶贫工作方案' };
const S = (clause: string, quote: string, note = '') => cite(DOC, `二(一)${clause}`, quote, note);
const SAME = '；同条：“进城务工贫困家庭义务教育阶段学生享受同等资助政策”';

export const huangmei: Preset = {
  id: 'huangmei',
  name: '黄梅县建档立卡贫困家庭学生资助标准',
  source: 'seeds/000 篇二',
  document: DOC,
  originRegion: '421127',
  items: [
    { code: 'huangmei-preschool', name: '学前教育资助', kind: '补助', stages: ['学前'], amount: { per: 'year', fen: 100000 }, // 1000 元/年
      basis: S('1', '对全乡建档立卡接受学前教育的……贫困家庭幼儿进行资助,资助标准每人每年1000元') },
    ...compulsoryWaivers('huangmei', S('2', '落实好义务教育阶段学生免除学杂费、免费提供教科书')),
    { code: 'huangmei-primary-boarding', name: '小学寄宿生生活补助', kind: '补助', stages: ['小学'], amount: { per: 'year', fen: 100000 }, // 1000 元/年
      conditions: { boardingOnly: true },
      basis: S('2', '对义务教育阶段建档立卡的家庭经济困难寄宿生……给予生活补助,小学生每人每年1000元', SAME) },
    { code: 'huangmei-junior-boarding', name: '初中寄宿生生活补助', kind: '补助', stages: ['初中'], amount: { per: 'year', fen: 125000 }, // 1250 元/年
      conditions: { boardingOnly: true },
      basis: S('2', '对义务教育阶段建档立卡的家庭经济困难寄宿生……给予生活补助,……初中生每人每年1250元', SAME) },
    { code: 'huangmei-yulu', name: '雨露计划', kind: '补助', stages: ['中职', '高等'], amount: { per: 'actual' },
      basis: S('3', '宣传‘雨露计划’资助政策', '——由扶贫部门发放，本系统只登记') },
    { code: 'huangmei-credit-loan', name: '生源地信用助学贷款', kind: '贷款', stages: ['高等'], amount: { per: 'actual' },
      basis: S('3', '宣传国家生源地信用助学贷款政策') },
    emergencyItem('huangmei'),
  ],
};
