// SQL of the schools capability: the school directory it resolves codes against, the teacher roster,
// school pairings and their activities.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PairingActivityTable, SchoolPairingTable, TeacherTable } from '../db/schools-schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface SchoolEntry {
  code: string;
  name: string;
  county_code: string;
  school_type: string;
  urban_rural: string | null;
}

export async function schoolDirectory(db: Db): Promise<Map<string, SchoolEntry>> {
  const rows = await db.selectFrom('schools').select(['code', 'name', 'county_code', 'school_type', 'urban_rural']).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function allTeachers(db: Db): Promise<TeacherTable[]> {
  return db.selectFrom('teachers').selectAll().orderBy('school_code').orderBy('name').orderBy('teacher_key').execute();
}

export type Pairing = Omit<SchoolPairingTable, 'id'> & { id: number };
export type Activity = Omit<PairingActivityTable, 'id'> & { id: number };

export async function findPairing(db: Db, helper: string, helped: string): Promise<Pairing | undefined> {
  const r = await db.selectFrom('school_pairings').selectAll().where('helper_code', '=', helper).where('helped_code', '=', helped).executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : undefined;
}

export async function pairingById(db: Db, id: number): Promise<Pairing | undefined> {
  const r = await db.selectFrom('school_pairings').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : undefined;
}

export async function insertPairing(db: Db, row: Omit<Pairing, 'id'>): Promise<number> {
  await db.insertInto('school_pairings').values(row).execute();
  const p = await findPairing(db, row.helper_code, row.helped_code);
  return p!.id;
}

export async function allPairings(db: Db): Promise<Pairing[]> {
  const rows = await db.selectFrom('school_pairings').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertActivity(db: Db, row: Omit<Activity, 'id'>): Promise<number> {
  const r = await db.insertInto('pairing_activities').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function activitiesBetween(db: Db, from: string, to: string): Promise<Activity[]> {
  const rows = await db.selectFrom('pairing_activities').selectAll().where('activity_date', '>=', from).where('activity_date', '<=', to).orderBy('activity_date').orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), pairing_id: Number(r.pairing_id) }));
}
