// SQL of supervision records (通报 / 约谈 / 问责, 县级自查 / 市级复查).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { SupervisionRecordTable } from '../db/projects-schema.ts';
import type { DataScope } from '../platform/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type SupervisionRecord = Omit<SupervisionRecordTable, 'id'> & { id: number };

export async function insertSupervision(db: Db, row: Omit<SupervisionRecord, 'id'>): Promise<number> {
  return Number((await db.insertInto('supervision_records').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function supervisionOf(db: Db, o: { subject?: string; schoolYear?: number } = {}): Promise<SupervisionRecord[]> {
  let q = db.selectFrom('supervision_records').selectAll();
  if (o.subject) q = q.where('subject', '=', o.subject);
  if (o.schoolYear !== undefined) q = q.where('school_year', '=', o.schoolYear);
  return (await q.orderBy('record_date').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), school_year: Number(r.school_year) }));
}

export async function subjectNamed(db: Db, code: string): Promise<{ name: string; county_code: string } | undefined> {
  if (code.length === 10) return db.selectFrom('schools').select(['name', 'county_code']).where('code', '=', code).executeTakeFirst();
  const school = await db.selectFrom('schools').select(['county_code']).where('region_code', 'like', `${code}%`).executeTakeFirst();
  return school ? { name: `行政区划 ${code}`, county_code: school.county_code } : undefined;
}

/** The records a scope sees: on its school, on a school or region inside its region, or on a region that contains it. */
export async function supervisionInScope(db: Db, scope: DataScope, schoolYear?: number): Promise<SupervisionRecord[]> {
  if (scope.kind === 'none') return [];
  const rows = await supervisionOf(db, { schoolYear });
  if (scope.kind === 'all') return rows;
  const schools = new Map((await db.selectFrom('schools').select(['code', 'region_code']).execute()).map((s) => [s.code, s.region_code]));
  if (scope.kind === 'school') {
    const own = schools.get(scope.schoolCode) ?? '';
    return rows.filter((r) => r.subject === scope.schoolCode || (r.subject.length !== 10 && own.startsWith(r.subject)));
  }
  return rows.filter((r) => (r.subject.length === 10 ? (schools.get(r.subject) ?? '').startsWith(scope.prefix) : r.subject.startsWith(scope.prefix) || scope.prefix.startsWith(r.subject)));
}
