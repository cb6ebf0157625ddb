// The names of regions (行政区划, the `regions` table) for whatever shows a region to a person: lists,
// reports, the coverage drill-down. Codes arrive as 6 (county), 9 (township) or 12 digits and are
// stored as 12; a code without a name is shown as the code itself.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { regionInScope, type DataScope } from './scope.ts';

/** A region code of 2, 4, 6, 9 or 12 digits as the 12 digits the regions table keys it by. */
export const fullRegionCode = (code: string): string => code.padEnd(12, '0');

export interface RegionNames {
  /** the region's name, or undefined when the table has none */
  get(code: string): string | undefined;
  /** the region's name, or its code when it has none */
  label(code: string): string;
}

/** Names by code: of the codes given (several queries of at most 500 codes), or of every region. */
export async function regionNames(db: Kysely<DB>, codes?: Iterable<string>): Promise<RegionNames> {
  const names = new Map<string, string>();
  const wanted = codes === undefined ? null : [...new Set([...codes].filter((c) => /^\d{2,12}$/.test(c)).map(fullRegionCode))];
  const chunks = wanted === null ? [null] : Array.from({ length: Math.ceil(wanted.length / 500) }, (_, i) => wanted.slice(i * 500, i * 500 + 500));
  for (const chunk of chunks) {
    let q = db.selectFrom('regions').select(['code', 'name']);
    if (chunk) q = q.where('code', 'in', chunk);
    for (const r of await q.execute()) names.set(r.code, r.name);
  }
  const get = (code: string) => (code ? names.get(fullRegionCode(code)) : undefined);
  return { get, label: (code) => get(code) ?? code };
}

/**
 * Which schools a scope covers, as a test on a school code (a file written for a county or a township
 * holds only its schools' rows): every school for the administrator, the school itself for a school.
 */
export async function schoolsInScope(db: Kysely<DB>, scope: DataScope): Promise<(schoolCode: string) => boolean> {
  if (scope.kind === 'all') return () => true;
  if (scope.kind === 'none') return () => false;
  if (scope.kind === 'school') return (code) => code === scope.schoolCode;
  const rows = await db.selectFrom('schools').select(['code', 'region_code']).execute();
  const inside = new Set(rows.filter((r) => regionInScope(scope, r.region_code)).map((r) => r.code));
  return (code) => inside.has(code);
}
