// SQL for one-off grants (应急救助 / 临时生活补助) recorded per student, item and term.
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AidGrantTable } from '../db/aid-schema.ts';

export type GrantRow = Selectable<AidGrantTable>;

export async function putGrant(db: Kysely<DB>, row: GrantRow): Promise<void> {
  await db.deleteFrom('aid_grants').where('id', '=', row.id).execute();
  await db.insertInto('aid_grants').values(row).execute();
}

export async function grantsOfTerm(db: Kysely<DB>, schoolYear: number, term: string): Promise<GrantRow[]> {
  return db.selectFrom('aid_grants').selectAll().where('school_year', '=', schoolYear).where('term', '=', term).execute();
}
