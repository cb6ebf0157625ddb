// The audit log: one row for every change to personal data, every read of full details, every
// login and every run of a command. Each entry names the regions it concerns, so that an
// inspector sees what happened in their scope, including events that have no single county
// (an import of several counties, a login, a batch approval). ID numbers never enter it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { withoutServerPaths } from './job-result.rules.ts';
import { redactIds } from './privacy.rules.ts';
import { sortOf } from './list-sort.ts';
import type { AuditQuery } from './audit.schema.ts';
import { regionPrefix, type DataScope } from './scope.ts';

export interface AuditEntry {
  actor: string;
  action: string; // e.g. import.students, match.confirm, student.read-full
  target: string;
  detail?: unknown;
  /** The county of a change to one person or record. */
  countyCode?: string | null;
  /** Every region (county, township, school region …) the event concerns. */
  regions?: readonly (string | null | undefined)[];
}

/** ' 513433 513433101 ': the significant prefixes of the codes, space-delimited for a prefix search. */
export function regionCodesOf(codes: readonly (string | null | undefined)[]): string | null {
  const set = new Set<string>();
  for (const c of codes) {
    const s = c?.trim();
    if (s && /^\d{2,12}$/.test(s)) set.add(regionPrefix(s.padEnd(12, '0')));
  }
  return set.size === 0 ? null : ` ${[...set].sort().join(' ')} `;
}

// Files the server wrote for a job or into a temporary folder (an inspection pack's reports) are named
// in the audit by their file name alone (job-result.rules.ts): the log an inspector reads shows no
// server folder. A command a person runs from a terminal keeps the path they gave.
let jobProcess = false;
const serverFiles = new AsyncLocalStorage<true>();

/** This process runs a command started by the server as a job: every entry from now on names files by file name. */
export function auditFilesByName(): void {
  jobProcess = true;
}

/** Runs `work` (writing files into a temporary folder of the server) with its entries naming files by file name. */
export function withAuditFilesByName<T>(work: () => Promise<T>): Promise<T> {
  return serverFiles.run(true, work);
}

export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  if (jobProcess || serverFiles.getStore()) entry = { ...entry, target: withoutServerPaths(entry.target) as string, detail: withoutServerPaths(entry.detail) };
  const regions = regionCodesOf([entry.countyCode, ...(entry.regions ?? [])]);
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor: entry.actor,
      action: entry.action,
      target: redactIds(entry.target),
      detail_json: entry.detail === undefined ? null : redactIds(JSON.stringify(entry.detail)),
      county_code: entry.countyCode ?? regions?.trim().split(' ')[0]?.slice(0, 6) ?? null,
      region_codes: regions,
    })
    .execute();
}

/** Every county with schools or registry households: what a whole-database event concerns. */
export async function allCounties(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('schools')
    .select('county_code')
    .union(db.selectFrom('members').select('county_code').distinct())
    .execute();
  return [...new Set(rows.map((r) => r.county_code))];
}

/** The region a user works in, for entries about the user (login, account changes). */
export async function regionOfUser(db: Kysely<DB>, user: { region_code: string | null; school_code: string | null } | undefined): Promise<string[]> {
  if (!user) return [];
  if (user.region_code) return [user.region_code];
  if (!user.school_code) return [];
  const s = await db.selectFrom('schools').select('region_code').where('code', '=', user.school_code).executeTakeFirst();
  return s ? [s.region_code] : [];
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  sort?: AuditQuery['sort'];
}

/**
 * The audit log as a reader in a scope sees it: everything for 'all'; for a region, the entries
 * that concern a region inside it (a township inspector sees only its township's); nothing for
 * a school. Targets and details are masked again on the way out (entries written before the
 * presenter existed).
 */
const AUDIT_SORT_COLUMNS = { at: 'at', user: 'actor', action: 'action' } as const;

export async function listAuditInScope(
  db: Kysely<DB>,
  scope: DataScope,
  page: number,
  pageSize: number,
  f: AuditFilter = {},
): Promise<{ items: { at: string; user: string; action: string; target: string; detail: string | null }[]; total: number }> {
  let base = db.selectFrom('audit_log').where((eb) => {
    if (scope.kind === 'all') return eb.lit(true);
    if (scope.kind !== 'region') return eb.lit(false);
    return eb(sql.ref('region_codes'), 'like', `% ${scope.prefix}%`);
  });
  if (f.action) base = base.where('action', 'like', `${f.action.replace(/[\\%_]/g, '')}%`);
  if (f.actor) base = base.where('actor', '=', f.actor);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['at', 'actor', 'action', 'target', 'detail_json'])
    .$call((q) => {
      if (!f.sort) return q.orderBy('id', 'desc');
      const { key, desc } = sortOf(f.sort, 'at', true);
      return q.orderBy(AUDIT_SORT_COLUMNS[key], desc ? 'desc' : 'asc').orderBy('id', desc ? 'desc' : 'asc');
    })
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      at: r.at,
      user: r.actor,
      action: r.action,
      target: redactIds(r.target),
      detail: r.detail_json === null ? null : redactIds(r.detail_json),
    })),
    total: Number(total.n),
  };
}
