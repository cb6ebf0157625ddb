// Answers of expensive read queries (the overview's counts, a list's total) kept per scope until the
// data they count changes: an import (data_rev), a match run (match_rev) or a human decision. Fifty
// users of a county asking for the overview cost one computation; concurrent misses share it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const MAX_ENTRIES = 2000;

interface Entry {
  stamp: string;
  value: Promise<unknown>;
}

/** What the counted data looks like now: changes whenever any of it may have changed. */
export async function dataStamp(db: Kysely<DB>): Promise<string> {
  const meta = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['data_rev', 'match_rev']).execute();
  const d = await db
    .selectFrom('match_decisions')
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(at)`.as('last')])
    .executeTakeFirstOrThrow();
  return [...meta.map((m) => `${m.key}=${m.value}`).sort(), `decisions=${Number(d.n)}@${d.last ?? ''}`].join('|');
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  /** The value for the key as of the stamp, computing it (once, for all who ask at the same time) when absent or stale. */
  async get<T>(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { stamp, value });
    // a failed computation is not kept
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

const caches = new WeakMap<object, ReadCache>();

/** The cache of one database handle (each test database has its own). */
export function readCacheOf(db: Kysely<DB>): ReadCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new ReadCache()));
  return c;
}
