// Match decisions carry the level that made them (school / county) so that a school cannot
// overturn the county, and every decision is kept in match_decision_history (nothing overwritten).
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('match_decisions').addColumn('level', 'text', (c) => c.notNull().defaultTo('school')).execute();
  // Existing decisions: county level when made by an admin or county account or the command line.
  await db
    .updateTable('match_decisions')
    .set({ level: 'county' })
    .where((eb) =>
      eb.or([
        eb('actor', '=', 'cli'),
        eb('actor', 'like', 'cli:%'),
        eb('actor', 'in', eb.selectFrom('users').select('username').where('role', 'in', ['admin', 'county'])),
      ]),
    )
    .execute();

  let history = db.schema.createTable('match_decision_history').addColumn('id', autoId(db), (c) => c.primaryKey());
  for (const col of ['match_id', 'county_code', 'decision', 'level', 'actor', 'at']) history = history.addColumn(col, 'text', (c) => c.notNull());
  await history.addColumn('reason', 'text').execute();
  await db.schema.createIndex('match_decision_history_match').on('match_decision_history').columns(['match_id', 'id']).execute();
  await db
    .insertInto('match_decision_history')
    .columns(['match_id', 'county_code', 'decision', 'level', 'reason', 'actor', 'at'])
    .expression(db.selectFrom('match_decisions').select(['match_id', 'county_code', 'decision', 'level', 'reason', 'actor', 'at']).orderBy('at'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('match_decision_history').ifExists().execute();
  await db.schema.alterTable('match_decisions').dropColumn('level').execute();
}
