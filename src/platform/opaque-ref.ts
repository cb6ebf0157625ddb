// Opaque references for URLs and API keys: a G-form 学籍号 is the ID number, so it must not travel
// in URLs, bookmarks or server logs. A reference is the 学籍号 encrypted deterministically (AES-256
// in CTR mode with a synthetic IV: the first 16 bytes of an HMAC of the value), so the same student
// always has the same reference, the server can open it without a lookup table, and a tampered
// reference is refused. The key lives in the database's meta table (made on first use).
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const META_KEY = 'opaque_ref_key';

export interface RefKey {
  enc: Buffer;
  mac: Buffer;
}

/** The database's reference key, made and stored the first time (64 random bytes). */
export async function loadRefKey(db: Kysely<DB>): Promise<RefKey> {
  let row = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (!row) {
    await db
      .insertInto('meta')
      .values({ key: META_KEY, value: randomBytes(64).toString('hex') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirstOrThrow();
  }
  const bytes = Buffer.from(row.value, 'hex');
  return { enc: bytes.subarray(0, 32), mac: bytes.subarray(32, 64) };
}

function ivOf(key: RefKey, kind: string, value: string): Buffer {
  return createHmac('sha256', key.mac).update(`${kind}\u0000${value}`).digest().subarray(0, 16);
}

/** kind + '_' + base64url(iv ‖ ciphertext): e.g. s_3q…; never contains the value. */
export function sealRef(key: RefKey, kind: string, value: string): string {
  const iv = ivOf(key, kind, value);
  const c = createCipheriv('aes-256-ctr', key.enc, iv);
  const body = Buffer.concat([iv, c.update(value, 'utf8'), c.final()]);
  return `${kind}_${body.toString('base64url')}`;
}

/** The value behind a reference of this kind, or null when it is not one (or was altered). */
export function openRef(key: RefKey, kind: string, ref: string): string | null {
  if (!ref.startsWith(`${kind}_`) || ref.length > 200) return null;
  const body = Buffer.from(ref.slice(kind.length + 1), 'base64url');
  if (body.length <= 16) return null;
  const iv = body.subarray(0, 16);
  const d = createDecipheriv('aes-256-ctr', key.enc, iv);
  const value = Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
  const expected = ivOf(key, kind, value);
  return timingSafeEqual(expected, iv) ? value : null;
}
