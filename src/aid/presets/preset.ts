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
