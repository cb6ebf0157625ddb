// SQL of the indicators capability: the values entered with evidence (history kept: every entry is a
// row, the latest counts), and the roster and 学籍 columns the enrolment rates are computed from.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { IndicatorValueTable } from '../db/schools-schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type IndicatorValue = Omit<IndicatorValueTable, 'id'> & { id: number };

export async function insertIndicatorValue(db: Db, row: Omit<IndicatorValue, 'id'>): Promise<number> {
  const r = await db.insertInto('indicator_values').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The latest entered value of each indicator for the school year. */
export async function latestIndicatorValues(db: Db, schoolYear: number): Promise<Map<string, IndicatorValue>> {
  const rows = await db.selectFrom('indicator_values').selectAll().where('school_year', '=', schoolYear).orderBy('id').execute();
  const out = new Map<string, IndicatorValue>();
  for (const r of rows) out.set(r.indicator, { ...r, id: Number(r.id), value: Number(r.value) });
  return out;
}

/**
 * Read-only columns of the township roster (dropout) and the 学籍 (registry) that the enrolment
 * rates count; neither capability exposes a service returning them whole.
 */
export async function enrolmentInputs(db: Db) {
  const roster = await db.selectFrom('roster_children').select(['id_number', 'birth_date']).execute();
  const students = await db.selectFrom('students').select(['id_number', 'student_no', 'status', 'stage']).execute();
  return { roster, students };
}

export async function countiesOfSchools(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('schools').select('county_code').distinct().orderBy('county_code').execute();
  return rows.map((r) => r.county_code);
}
