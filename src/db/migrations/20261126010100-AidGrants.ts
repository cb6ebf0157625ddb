// One-off grants (应急救助 / 临时生活补助, 三明 seed 003) recorded per student, item and term; the next
// `fuzhi entitle` pays them. A separate migration because 20261126010000-Aid was already committed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  let grants = db.schema.createTable('aid_grants').addColumn('id', 'text', (c) => c.primaryKey());
  for (const col of ['term', 'student_no', 'county_code', 'item_code', 'reason', 'actor', 'at']) grants = grants.addColumn(col, 'text', (c) => c.notNull());
  await grants.addColumn('school_year', 'integer', (c) => c.notNull()).addColumn('fen', 'integer', (c) => c.notNull()).execute();
  await db.schema.createIndex('aid_grants_term').on('aid_grants').columns(['school_year', 'term']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_grants').ifExists().execute();
}
