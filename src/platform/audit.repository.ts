// The audit log: one row for every change to personal data and every read of full details.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import type { DataScope } from './scope.ts';

export interface AuditEntry {
  actor: string;
  action: string; // e.g. import.students, match.confirm, student.read-full
  target: string;
  detail?: unknown;
  countyCode?: string | null;
}

export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      county_code: entry.countyCode ?? null,
    })
    .execute();
}

/**
 * The audit log as a reader in a scope sees it: everything for 'all'; for a region, the
 * entries about its counties (county_code); nothing for a school.
 */
export async function listAuditInScope(
  db: Kysely<DB>,
  scope: DataScope,
  page: number,
  pageSize: number,
): Promise<{ items: { at: string; user: string; action: string; target: string; detail: string | null }[]; total: number }> {
  const base = db
    .selectFrom('audit_log')
    .where((eb) =>
      scope.kind === 'all' ? eb.lit(true) : scope.kind === 'region' ? eb('county_code', 'like', `${scope.prefix.slice(0, 6)}%`) : eb.lit(false),
    );
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['at', 'actor', 'action', 'target', 'detail_json'])
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ at: r.at, user: r.actor, action: r.action, target: r.target, detail: r.detail_json })),
    total: Number(total.n),
  };
}
