// The shape of a preset: a named list of aid items with the policy passage each comes from.
// Installing a preset (policy-sets.ts) turns it into a validated policy set for one school year.
import type { AidItemInput } from '../policy.schema.ts';

/** A policy document as officials cite it: the issuing body and the title (and 文号 where it has one). */
export interface PolicyDocument {
  issuer: string;
  title: string;
  docNo?: string;
}

/** 依据 as a bureau writes it: 黄梅县某乡《教育精准扶贫工作方案》二(一)2：“……”. */
export function cite(doc: PolicyDocument, clause: string, quote: string, note = ''): string {
  const no = doc.docNo ? `（${doc.docNo}）` : '';
  return `${doc.issuer}《${doc.title}》${no}${clause}：“${quote}”${note}`;
}

/** The document named in user-visible text (policy history): issuer and 《title》. */
export function documentName(doc: PolicyDocument): string {
  return `${doc.issuer}《${doc.title}》`;
}

export interface Preset {
  id: string;
  name: string;
  /** Machine-readable: the seed document (../../shared/seeds) the values come from; never shown to users. */
  source: string;
  /** The policy document the items cite, as users see it. */
  document: PolicyDocument;
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

/** 三明市教育局 明教财〔2020〕34号 (seed 003): the 应急救助 every preset carries. */
export const SANMING_2020: PolicyDocument = { issuer: '三明市教育局', title: '2020年三明市教育脱贫攻坚工作要点', docNo: '明教财〔2020〕34号' };

/**
 * 应急救助 / 临时生活补助 for a recorded case (e.g. a family hit by COVID-19), paid from the school's own
 * 学生资助基金 — 三明 (seed 003) 第2条; the amount is set per case (`fuzhi grant add`), never preset.
 */
export function emergencyItem(prefix: string): AidItemInput {
  return {
    code: `${prefix}-emergency`, name: '临时生活补助（应急救助）', kind: '应急救助', stages: ['学前', '小学', '初中', '高中', '中职', '高等'],
    amount: { per: 'once', fen: null }, funding: { source: '学生资助基金', shares: {} },
    basis: cite(SANMING_2020, '一、2', '使用学校按事业收入或学费收入一定比例提取的学生资助基金,采取减免学费或临时生活补助等方式'),
  };
}
