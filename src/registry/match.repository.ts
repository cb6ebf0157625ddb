// SQL for identification: the people to compare, the stored matches and human decisions, and the
// write of a run's changes. Data scope for listing is applied here through platform/scope.
import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { DB, MatchTable } from '../db/schema.ts';
import { chunkSize } from './registry.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface PersonRow {
  key: string;
  name_norm: string;
  name_key: string;
  sex: string | null;
  birth_date: string | null;
  id_number: string | null;
  id_status: string;
  id_raw: string | null;
  region: string | null;
  rev: number;
}

export interface StudentRow extends PersonRow {
  status: string;
  county_code: string;
}

export interface MemberRow extends PersonRow {
  list_kind: string;
  household_no: string;
  county_code: string;
  relation: string | null;
}

const STUDENT_SQL =
  'select student_no as key, name_norm, name_key, sex, birth_date, id_number, id_status, id_raw, hukou_region as region, rev, status, county_code from students';
const MEMBER_SQL =
  'select member_id as key, name_norm, name_key, sex, birth_date, id_number, id_status, id_raw, village_code as region, rev, list_kind, household_no, county_code, relation from members';

/** The whole roster for matching; on SQLite straight from the driver (no query builder per row). */
export async function loadStudentRows(db: Db, sqlite?: SQLite.Database | null): Promise<StudentRow[]> {
  if (sqlite) return sqlite.prepare(STUDENT_SQL).all() as StudentRow[];
  return db
    .selectFrom('students')
    .select(['student_no as key', 'name_norm', 'name_key', 'sex', 'birth_date', 'id_number', 'id_status', 'id_raw', 'hukou_region as region', 'rev', 'status', 'county_code'])
    .execute();
}

export async function loadMemberRows(db: Db, sqlite?: SQLite.Database | null): Promise<MemberRow[]> {
  if (sqlite) return sqlite.prepare(MEMBER_SQL).all() as MemberRow[];
  return db
    .selectFrom('members')
    .select(['member_id as key', 'name_norm', 'name_key', 'sex', 'birth_date', 'id_number', 'id_status', 'id_raw', 'village_code as region', 'rev', 'list_kind', 'household_no', 'county_code', 'relation'])
    .execute();
}

export type StoredMatch = Omit<MatchTable, 'updated_at'>;

export async function loadMatches(db: Db): Promise<StoredMatch[]> {
  return db
    .selectFrom('matches')
    .select(['match_id', 'student_no', 'member_id', 'list_kind', 'household_no', 'county_code', 'method', 'confidence', 'status', 'basis', 'computed_rev'])
    .execute();
}

export interface StoredDecision {
  match_id: string;
  student_no: string;
  member_id: string;
  decision: string;
}

export async function loadDecisions(db: Db): Promise<StoredDecision[]> {
  return db.selectFrom('match_decisions').select(['match_id', 'student_no', 'member_id', 'decision']).execute();
}

/** Changes whenever a person confirms or rejects a pair. */
export async function decisionsFingerprint(db: Db): Promise<string> {
  const r = await db
    .selectFrom('match_decisions')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .executeTakeFirst();
  return `${Number(r?.n ?? 0)}|${r?.last ?? ''}`;
}

export async function upsertMatches(db: Db, rows: MatchTable[]): Promise<void> {
  if (rows.length === 0) return;
  const size = chunkSize(db, 12);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('matches')
      .values(rows.slice(i, i + size))
      .onConflict((oc) =>
        oc.column('match_id').doUpdateSet((eb) => ({
          method: eb.ref('excluded.method'),
          confidence: eb.ref('excluded.confidence'),
          status: eb.ref('excluded.status'),
          basis: eb.ref('excluded.basis'),
          computed_rev: eb.ref('excluded.computed_rev'),
          updated_at: eb.ref('excluded.updated_at'),
          county_code: eb.ref('excluded.county_code'),
        })),
      )
      .execute();
  }
}

export async function deleteMatches(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await db.deleteFrom('matches').where('match_id', 'in', ids.slice(i, i + 1000)).execute();
  }
}

export async function findMatch(db: Db, matchId: string): Promise<StoredMatch | undefined> {
  return db
    .selectFrom('matches')
    .select(['match_id', 'student_no', 'member_id', 'list_kind', 'household_no', 'county_code', 'method', 'confidence', 'status', 'basis', 'computed_rev'])
    .where('match_id', '=', matchId)
    .executeTakeFirst();
}

/** A match id, or the 学籍号 + 户编号 pair a user typed, to the stored match(es). */
export async function findMatchesByPair(db: Db, studentNo: string, householdNo: string): Promise<StoredMatch[]> {
  return db
    .selectFrom('matches')
    .select(['match_id', 'student_no', 'member_id', 'list_kind', 'household_no', 'county_code', 'method', 'confidence', 'status', 'basis', 'computed_rev'])
    .where('student_no', '=', studentNo)
    .where('household_no', '=', householdNo)
    .execute();
}

export async function upsertDecision(db: Db, row: DB['match_decisions'] extends infer T ? { [K in keyof T]: T[K] } : never): Promise<void> {
  await db
    .insertInto('match_decisions')
    .values(row)
    .onConflict((oc) => oc.column('match_id').doUpdateSet({ decision: row.decision, reason: row.reason, actor: row.actor, at: row.at }))
    .execute();
}
