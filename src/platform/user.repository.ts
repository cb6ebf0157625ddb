// Users and sessions: the only SQL for accounts. Sessions are stored by the sha256 of their token.
import { sortOf } from './list-sort.ts';
import type { UserListQuery } from './user.schema.ts';
import type { Kysely } from 'kysely';
import type { DB, UserTable } from '../db/schema.ts';
import type { Actor, Role } from './scope.ts';
import { like, offsetOf } from './query.repository.ts';

export type UserRow = UserTable;

export async function findUser(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Kysely<DB>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function countAdmins(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function schoolExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('schools').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertSession(db: Kysely<DB>, tokenHash: string, username: string, createdAt: string, expiresAt: string): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, username, created_at: createdAt, expires_at: expiresAt }).execute();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, username: string, keepHash: string | null): Promise<number> {
  let q = db.deleteFrom('sessions').where('username', '=', username);
  if (keepHash) q = q.where('token_hash', '<>', keepHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function setDisabled(db: Kysely<DB>, username: string, disabled: boolean): Promise<boolean> {
  const r = await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('username', '=', username).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setPasswordHash(db: Kysely<DB>, username: string, passwordHash: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select(['username', 'role', 'region_code', 'school_code', 'display_name', 'disabled', 'created_at']).orderBy('username').execute();
}

/** A page of accounts for 账号管理, filtered by name and role, with the school's name. */
const USER_SORT_COLUMNS = { username: 'users.username', role: 'users.role', createdAt: 'users.created_at', disabled: 'users.disabled' } as const;

export async function pageOfUsers(db: Kysely<DB>, f: { page: number; pageSize: number; q?: string; role?: string; status?: 'enabled' | 'disabled'; sort?: UserListQuery['sort'] }) {
  let q = db.selectFrom('users');
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.status) q = q.where('users.disabled', f.status === 'disabled' ? '<>' : '=', 0);
  const text = f.q;
  if (text) q = q.where((eb) => eb.or([like('users.username', text, 'contains'), like('users.display_name', text, 'contains')]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('schools', 'schools.code', 'users.school_code')
    .select(['users.username', 'users.role', 'users.region_code', 'users.school_code', 'users.display_name', 'users.disabled', 'users.created_at', 'schools.name as school_name'])
    .$call((qb) => {
      const { key, desc } = sortOf(f.sort, 'username');
      return qb.orderBy(USER_SORT_COLUMNS[key], desc ? 'desc' : 'asc');
    })
    .orderBy('users.username')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return { rows, total: Number(total.n) };
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** The actor behind a live session of an enabled user, or undefined. */
export async function actorOfSession(
  db: Kysely<DB>,
  tokenHash: string,
  now: string,
): Promise<(Actor & { displayName: string | null }) | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.username', 'sessions.username')
    .select(['users.username', 'users.role', 'users.region_code', 'users.school_code', 'users.display_name'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    username: row.username,
    role: row.role as Role,
    regionCode: row.region_code,
    schoolCode: row.school_code,
    displayName: row.display_name,
  };
}

export async function schoolName(db: Kysely<DB>, code: string): Promise<string | null> {
  const r = await db.selectFrom('schools').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name ?? null;
}
