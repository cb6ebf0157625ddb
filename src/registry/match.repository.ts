// SQL for identification: the people to compare, the stored matches and human decisions, and the
// write of a run's changes. Data scope for listing is applied here through platform/scope.
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB, MatchTable } from '../db/schema.ts';
import { upsertByArrays } from '../db/bulk-upsert.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface PersonRow {
  key: string;
  name_norm: string;
  name_key: string;
  sex: string | null;
  birth_date: string | null;
  id_number: string | null;
  id_status: string;
  /** Only when id_number is null: the digits of an unusable ID still count (match.rules compareIds). */
  id_raw: string | null;
  region: string | null;
  rev: number;
}

export interface MemberRow extends PersonRow {
  list_kind: string;
  household_no: string;
  county_code: string;
  relation: string | null;
}

const PERSON_COLUMNS = 'name_norm, name_key, sex, birth_date, id_number, id_status, case when id_number is null then id_raw end as id_raw';
const STUDENT_SQL = `select student_no as key, ${PERSON_COLUMNS}, hukou_region as region, rev from students`;
const MEMBER_SQL = `select member_id as key, ${PERSON_COLUMNS}, village_code as region, rev, list_kind, household_no, county_code, relation from members`;

/**
 * Calls `each` for every row, one at a time. On SQLite the rows come as arrays (the fastest way out
 * of the driver) copied into one reused object: `each` must copy what it keeps, never the row.
 */
async function forEachRow<T extends object>(db: Db, sqlite: SQLite.Database | null | undefined, query: string, each: (row: T) => void, params: unknown[] = []): Promise<void> {
  if (sqlite) {
    const stmt = sqlite.prepare(query).raw(true);
    const names = stmt.columns().map((c) => c.name);
    const row: Record<string, unknown> = {};
    for (const values of stmt.iterate(...params) as IterableIterator<unknown[]>) {
      for (let k = 0; k < names.length; k++) row[names[k]] = values[k];
      each(row as T);
    }
    return;
  }
  let n = 0;
  const { rows } = await db.executeQuery(CompiledQuery.raw(query.replace(/\?/g, () => `$${++n}`), params));
  for (const row of rows) each(row as T);
}

/** The whole roster for matching, row by row (the row object is reused: copy what you keep). */
export async function forEachStudentRow(db: Db, sqlite: SQLite.Database | null | undefined, each: (row: PersonRow) => void): Promise<void> {
  await forEachRow(db, sqlite, STUDENT_SQL, each);
}

/** Every registry member, row by row (the row object is reused: copy what you keep). */
export async function forEachMemberRow(db: Db, sqlite: SQLite.Database | null | undefined, each: (row: MemberRow) => void): Promise<void> {
  await forEachRow(db, sqlite, MEMBER_SQL, each);
}

/** The birth date inside a usable ID, as YYYY-MM-DD. */
const ID_BIRTH = "substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)";

/**
 * The members who may be children: born on or after `bornFrom` by the stated birth date or the
 * one in the ID, birth date unknown, or no usable ID (the others can only be found by their ID:
 * see forEachAdultId).
 */
export async function forEachYoungMemberRow(db: Db, sqlite: SQLite.Database | null | undefined, bornFrom: string, each: (row: MemberRow) => void): Promise<void> {
  await forEachRow(db, sqlite, `${MEMBER_SQL} where birth_date is null or birth_date >= ? or id_number is null or ${ID_BIRTH} >= ?`, each, [bornFrom, bornFrom]);
}

/** The other members: key and usable ID only. */
export async function forEachAdultId(db: Db, sqlite: SQLite.Database | null | undefined, bornFrom: string, each: (row: { key: string; id_number: string }) => void): Promise<void> {
  await forEachRow(db, sqlite, `select member_id as key, id_number from members where birth_date < ? and id_number is not null and ${ID_BIRTH} < ?`, each, [bornFrom, bornFrom]);
}

/** Some members by key, row by row. */
export async function forEachMemberRowOf(db: Db, sqlite: SQLite.Database | null | undefined, keys: string[], each: (row: MemberRow) => void): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    await forEachRow(db, sqlite, `${MEMBER_SQL} where member_id in (${chunk.map(() => '?').join(', ')})`, each, chunk);
  }
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

const MATCH_COLUMNS = ['match_id', 'student_no', 'member_id', 'list_kind', 'household_no', 'county_code', 'method', 'confidence', 'status', 'basis', 'computed_rev', 'updated_at'] as const;
const MATCH_UPDATED = ['method', 'confidence', 'status', 'basis', 'computed_rev', 'updated_at', 'county_code'] as const;

/** Inserts new pairs and rewrites changed ones; on SQLite pass the raw handle (db/bulk-upsert.ts). */
export async function upsertMatches(db: Db, rows: MatchTable[], sqlite?: SQLite.Database | null): Promise<void> {
  await upsertByArrays(db, sqlite, 'matches', MATCH_COLUMNS, rows.map((r) => MATCH_COLUMNS.map((c) => r[c])), 'match_id', MATCH_UPDATED);
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
    .onConflict((oc) => oc.column('match_id').doUpdateSet({ decision: row.decision, level: row.level, reason: row.reason, actor: row.actor, at: row.at }))
    .execute();
}

/** The standing human decision on a pair, if any. */
export async function findDecision(db: Db, matchId: string) {
  return db.selectFrom('match_decisions').select(['decision', 'level', 'reason', 'actor', 'at']).where('match_id', '=', matchId).executeTakeFirst();
}

/** Appends a decision to the history: an overturned decision is never lost. */
export async function insertDecisionHistory(db: Db, row: Omit<DB['match_decision_history'], 'id'> extends infer T ? { [K in keyof T]: T[K] } : never): Promise<void> {
  await db.insertInto('match_decision_history').values(row).execute();
}

// County partitions (match-counties.ts). "Open": no usable ID, or one ending in 000 (match-blocking.rules isOpen).
const OPEN = "(id_number is null or id_number like '%000')";
const CLOSED = "(id_number is not null and id_number not like '%000')";

/** The counties of the roster (county of the school) and of the registry, in code order. */
export async function partitionCounties(db: Db, sqlite: SQLite.Database | null | undefined): Promise<string[]> {
  const out: string[] = [];
  await forEachRow<{ county_code: string }>(db, sqlite, 'select county_code from students union select county_code from members order by county_code', (r) => {
    out.push(r.county_code);
  });
  return out;
}

/** The students of the whole roll with no usable ID or an ID ending in 000, row by row. */
export async function forEachOpenStudentRow(db: Db, sqlite: SQLite.Database | null | undefined, each: (row: PersonRow) => void): Promise<void> {
  await forEachRow(db, sqlite, `${STUDENT_SQL} where ${OPEN}`, each);
}

/** The other students of the schools of one county, row by row. */
export async function forEachClosedStudentRowIn(db: Db, sqlite: SQLite.Database | null | undefined, county: string, each: (row: PersonRow) => void): Promise<void> {
  await forEachRow(db, sqlite, `${STUDENT_SQL} where county_code = ? and ${CLOSED}`, each, [county]);
}

/** Some students by 学籍号, row by row. */
export async function forEachStudentRowOf(db: Db, sqlite: SQLite.Database | null | undefined, keys: string[], each: (row: PersonRow) => void): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    await forEachRow(db, sqlite, `${STUDENT_SQL} where student_no in (${chunk.map(() => '?').join(', ')})`, each, chunk);
  }
}

/** The earliest birth date (YYYYMMDD) of the students with a usable ID not ending in 000: stated or in the ID. */
export async function closedStudentsEarliestBirth(db: Db, sqlite: SQLite.Database | null | undefined): Promise<number> {
  let earliest = 99999999;
  await forEachRow<{ b: string | null; i: string | null }>(db, sqlite, `select min(birth_date) as b, min(substr(id_number, 7, 8)) as i from students where ${CLOSED}`, (r) => {
    if (r.b) earliest = Math.min(earliest, Number(r.b.replace(/-/g, '')));
    if (r.i) earliest = Math.min(earliest, Number(r.i));
  });
  return earliest;
}

/**
 * Students studying outside the county of a member with the same usable ID (外地就读): member county
 * → 学籍号. One join on the ID, done by the database.
 */
export async function crossCountyIdStudents(db: Db, sqlite: SQLite.Database | null | undefined): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await forEachRow<{ student_no: string; county_code: string }>(
    db,
    sqlite,
    // SQLite: members first ("cross join" fixes the order), each probing students_id; left to itself it
    // scanned the students and built an automatic index on members every run (10.5 s against 3.1 s at 100k)
    `select distinct s.student_no, m.county_code from members m ${sqlite ? 'cross join' : 'join'} students s on s.id_number = m.id_number where s.county_code <> m.county_code and s.id_number not like '%000' and m.id_number not like '%000'`,
    (r) => {
      (out.get(r.county_code) ?? out.set(r.county_code, []).get(r.county_code)!).push(r.student_no);
    },
  );
  return out;
}

/** The registry members of the whole city with no usable ID or one ending in 000, row by row. */
export async function forEachOpenMemberRow(db: Db, sqlite: SQLite.Database | null | undefined, each: (row: MemberRow) => void): Promise<void> {
  await forEachRow(db, sqlite, `${MEMBER_SQL} where ${OPEN}`, each);
}

/** The other members of one county who may be children (see forEachYoungMemberRow). */
export async function forEachYoungClosedMemberRowIn(db: Db, sqlite: SQLite.Database | null | undefined, county: string, bornFrom: string, each: (row: MemberRow) => void): Promise<void> {
  await forEachRow(db, sqlite, `${MEMBER_SQL} where county_code = ? and ${CLOSED} and (birth_date is null or birth_date >= ? or ${ID_BIRTH} >= ?)`, each, [county, bornFrom, bornFrom]);
}

/** The other members of one county: key and ID only (see forEachAdultId). */
export async function forEachAdultIdIn(db: Db, sqlite: SQLite.Database | null | undefined, county: string, bornFrom: string, each: (row: { key: string; id_number: string }) => void): Promise<void> {
  await forEachRow(db, sqlite, `select member_id as key, id_number from members where county_code = ? and ${CLOSED} and birth_date < ? and ${ID_BIRTH} < ?`, each, [county, bornFrom, bornFrom]);
}

/**
 * Namesake groups of two or more over the whole roll and the whole registry (members born on or
 * after `bornFrom`): `[list kind|]name key|birth|sex` → count, sex '?' when unknown. decide() only
 * asks whether a count is above one, so the groups of one are left out. One grouping pass with a window
 * sum over the sexes (a join of the table to its own groups was a nested loop on SQLite: 94 s at 100k).
 */
export async function namesakeGroups(db: Db, sqlite: SQLite.Database | null | undefined, earliestBirth: string): Promise<{ roll: Map<string, number>; registry: Map<string, number> }> {
  const roll = new Map<string, number>();
  const registry = new Map<string, number>();
  await forEachRow<{ name_key: string; birth_date: string; sex: string | null; n: number | string }>(
    db,
    sqlite,
    'select name_key, birth_date, sex, n from (select name_key, birth_date, sex, count(*) as n, sum(count(*)) over (partition by name_key, birth_date) as g from students where birth_date is not null group by name_key, birth_date, sex) t where g > 1',
    (r) => {
      const key = `${r.name_key}|${r.birth_date}|${r.sex === 'M' || r.sex === 'F' ? r.sex : '?'}`;
      roll.set(key, (roll.get(key) ?? 0) + Number(r.n));
    },
  );
  await forEachRow<{ list_kind: string; name_key: string; birth_date: string; sex: string | null; n: number | string }>(
    db,
    sqlite,
    'select list_kind, name_key, birth_date, sex, n from (select list_kind, name_key, birth_date, sex, count(*) as n, sum(count(*)) over (partition by list_kind, name_key, birth_date) as g from members where birth_date >= ? group by list_kind, name_key, birth_date, sex) t where g > 1',
    (r) => {
      registry.set(`${r.list_kind}|${r.name_key}|${r.birth_date}|${r.sex ?? '?'}`, Number(r.n));
    },
    [earliestBirth],
  );
  return { roll, registry };
}
