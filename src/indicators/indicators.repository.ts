// SQL of the indicators capability: the values entered with evidence (history kept: every entry is a
// row, the latest counts), and the roster and 学籍 columns the enrolment rates are computed from.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { IndicatorEvidenceTable, IndicatorValueTable } from '../db/schools-schema.ts';

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
  const roster = await db.selectFrom('roster_children').select(['id_number', 'birth_date', 'hukou_region', 'county_code']).execute();
  const students = await db.selectFrom('students').select(['id_number', 'student_no', 'status', 'stage', 'school_code']).execute();
  return { roster, students };
}

export async function countiesOfSchools(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('schools').select('county_code').distinct().orderBy('county_code').execute();
  return rows.map((r) => r.county_code);
}

/** Every school with its region, and the names of regions (for the township rows of a breakdown). */
export async function places(db: Db): Promise<{ schools: Map<string, { name: string; region: string; county: string }>; regions: Map<string, string> }> {
  const schools = await db.selectFrom('schools').select(['code', 'name', 'region_code', 'county_code']).execute();
  const regions = await db.selectFrom('regions').select(['code', 'name']).execute();
  return {
    schools: new Map(schools.map((s) => [s.code, { name: s.name, region: s.region_code, county: s.county_code }])),
    regions: new Map(regions.map((r) => [r.code, r.name])),
  };
}

/** The entered values of a school year, every entry (oldest first), of the given counties or all. */
export async function enteredValues(db: Db, o: { schoolYears: number[]; counties?: string[] }): Promise<IndicatorValue[]> {
  let q = db.selectFrom('indicator_values').selectAll().where('school_year', 'in', o.schoolYears);
  if (o.counties) {
    if (o.counties.length === 0) return [];
    q = q.where('county_code', 'in', o.counties);
  }
  return (await q.orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), value: Number(r.value), school_year: Number(r.school_year) }));
}

export type Evidence = Omit<IndicatorEvidenceTable, 'id' | 'content'> & { id: number };
const EVIDENCE_COLUMNS = ['id', 'value_id', 'county_code', 'indicator', 'school_year', 'file_name', 'mime', 'size', 'sha256', 'actor', 'at'] as const;
const evidenceRow = (r: Omit<IndicatorEvidenceTable, 'content' | 'id'> & { id: number }): Evidence => ({ ...r, id: Number(r.id), value_id: Number(r.value_id), school_year: Number(r.school_year), size: Number(r.size) });

export async function indicatorValueById(db: Db, id: number): Promise<IndicatorValue | undefined> {
  const r = await db.selectFrom('indicator_values').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...r, id: Number(r.id), value: Number(r.value), school_year: Number(r.school_year) } : undefined;
}

export async function insertEvidence(db: Db, row: Omit<IndicatorEvidenceTable, 'id'>): Promise<number> {
  const r = await db.insertInto('indicator_evidence').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Evidence files without their content, of the given counties or all, oldest first. */
export async function evidenceList(db: Db, o: { schoolYear: number; indicator?: string; counties?: string[] }): Promise<Evidence[]> {
  let q = db.selectFrom('indicator_evidence').select([...EVIDENCE_COLUMNS]).where('school_year', '=', o.schoolYear);
  if (o.indicator) q = q.where('indicator', '=', o.indicator);
  if (o.counties) {
    if (o.counties.length === 0) return [];
    q = q.where('county_code', 'in', o.counties);
  }
  return (await q.orderBy('id').execute()).map(evidenceRow);
}

export async function evidenceFile(db: Db, id: number): Promise<(Evidence & { content: Buffer }) | undefined> {
  const r = await db.selectFrom('indicator_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...evidenceRow(r), content: Buffer.from(r.content) } : undefined;
}
