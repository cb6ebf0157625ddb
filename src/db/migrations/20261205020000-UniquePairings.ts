// One pairing per pair of schools, in either order (issue 12): school_pairings_pair already refuses
// A→B twice; a unique index on the ordered pair — (min, max) on SQLite, (least, greatest) on
// PostgreSQL — refuses B→A beside A→B, whatever path inserts it. Reverse pairs already stored (a
// race of two requests could do it) are merged first into the oldest: their activities move to it,
// the extra rows go, and the audit log says which ids were merged. No triggers.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('school_pairings').select(['id', 'county_code', 'helper_code', 'helped_code']).orderBy('id').execute();
  const kept = new Map<string, { id: number; county_code: string; helped_code: string }>();
  const at = new Date().toISOString();
  for (const r of rows as { id: number | string; county_code: string; helper_code: string; helped_code: string }[]) {
    const key = [r.helper_code, r.helped_code].sort().join('|');
    const first = kept.get(key);
    if (!first) {
      kept.set(key, { id: Number(r.id), county_code: r.county_code, helped_code: r.helped_code });
      continue;
    }
    await db.updateTable('pairing_activities').set({ pairing_id: first.id, school_code: first.helped_code }).where('pairing_id', '=', Number(r.id)).execute();
    await db.deleteFrom('school_pairings').where('id', '=', Number(r.id)).execute();
    await db.insertInto('audit_log').values({
      at, actor: 'system', action: 'pairing.merge', target: String(first.id), county_code: first.county_code, region_codes: ` ${first.county_code} `,
      detail_json: JSON.stringify({ merged: Number(r.id), helper: r.helper_code, helped: r.helped_code, reason: '同一对学校重复结对 / the same two schools paired twice' }),
    }).execute();
  }
  const pair = dialectOf(db) === 'postgres' ? sql`(least(helper_code, helped_code), greatest(helper_code, helped_code))` : sql`(min(helper_code, helped_code), max(helper_code, helped_code))`;
  await sql`create unique index school_pairings_either_order on school_pairings ${pair}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('school_pairings_either_order').ifExists().execute();
}
