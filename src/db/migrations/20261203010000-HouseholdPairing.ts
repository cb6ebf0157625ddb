// 结对帮扶 (包保责任制): a school leader, a teacher or a named cadre paired with registry households,
// and the visits to those households (遍访). county_code on every table; no triggers.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // one responsible person per household: re-pairing replaces the row (the audit log keeps the history)
  let pairings = db.schema.createTable('household_pairings').addColumn('household_no', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'township_code', 'helper_key', 'helper_name', 'helper_role', 'assigned_by', 'assigned_at']) pairings = pairings.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['username', 'school_code', 'cadre_unit']) pairings = pairings.addColumn(col, 'text');
  await pairings.execute();
  await db.schema.createIndex('household_pairings_helper').on('household_pairings').column('helper_key').execute();
  await db.schema.createIndex('household_pairings_school').on('household_pairings').columns(['county_code', 'school_code']).execute();

  await db.schema
    .createTable('household_visits')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('household_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_visits_household').on('household_visits').columns(['household_no', 'visit_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['household_visits', 'household_pairings']) await db.schema.dropTable(t).ifExists().execute();
}
