// SQL lookups the dropout steps need about accounts and schools (existence and role only).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function schoolExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('schools').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function userRole(db: Db, username: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('role').where('username', '=', username).where('disabled', '=', 0).executeTakeFirst();
  return r?.role ?? null;
}
