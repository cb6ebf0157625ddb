// The region tree (行政区划) with names, so that lists can show 所在村 by name.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunkSize } from './registry.repository.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export async function upsertRegions(db: Kysely<DB>, rows: RegionRow[]): Promise<void> {
  const size = chunkSize(db, 4);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + size))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code') })))
      .execute();
  }
}

export async function countRows(db: Kysely<DB>, table: 'students' | 'members' | 'schools'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
