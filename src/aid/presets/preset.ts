// The shape of a seed preset: a named list of aid items with the seed passage each comes from.
// Installing a preset (policy-sets.ts) turns it into a validated policy set for one school year.
import type { AidItemInput } from '../policy.schema.ts';

export interface Preset {
  id: string;
  name: string;
  /** The seed document (../../shared/seeds) the values come from. */
  source: string;
  /** The region the seed describes (GB/T 2260), for reference; a preset may serve any county. */
  originRegion: string;
  items: AidItemInput[];
}

/** The compulsory-education waivers every preset that names them shares (据实减免, no cash). */
export function compulsoryWaivers(prefix: string, basis: string): AidItemInput[] {
  return [
    { code: `${prefix}-compulsory-fees`, name: '免学杂费', kind: '减免', stages: ['小学', '初中'], amount: { per: 'actual' }, basis },
    { code: `${prefix}-compulsory-textbooks`, name: '免费教科书', kind: '减免', stages: ['小学', '初中'], amount: { per: 'actual' }, basis },
  ];
}

/**
 * 应急救助 / 临时生活补助 for a recorded case (e.g. a family hit by COVID-19), paid from the school's own
 * 学生资助基金 — 三明 (seed 003) 第2条; the amount is set per case (`fuzhi grant add`), never preset.
 */
export function emergencyItem(prefix: string): AidItemInput {
  return {
    code: `${prefix}-emergency`, name: '临时生活补助（应急救助）', kind: '应急救助', stages: ['学前', '小学', '初中', '高中', '中职', '高等'],
    amount: { per: 'once', fen: null }, funding: { source: '学生资助基金', shares: {} },
    basis: '种子 003（三明 2020 工作要点）第2条：“使用学校按事业收入或学费收入一定比例提取的学生资助基金,采取减免学费或临时生活补助等方式”',
  };
}
