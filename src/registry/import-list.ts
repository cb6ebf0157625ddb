// Use case "import a list": read → normalize → validate (import-rows, in a worker thread for a large
// file) → hash → upsert in one transaction, idempotent by natural key, with row history for
// changes, an errors file for rejected rows and an audit entry.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import { deferIndexesOfEmptyTable } from '../db/bulk-upsert.ts';
import { refreshStatistics, sayWaiting, takeLongWriteLock } from '../db/long-write.ts';
import { deferPgIndexesOfEmptyTable, withPgTransaction } from '../db/pg-copy.ts';
import type { DB } from '../db/schema.ts';
import { checkOutputFile, writeTable } from '../files/write-table.ts';
import { nowIso } from '../kernel/clock.ts';
import { trace } from '../kernel/trace.ts';
import { contentHash, isLegacyRowHash, rowHash } from '../kernel/hash.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import type { Problem } from './normalize.rules.ts';
import { acceptedCount, acceptedValues, checkListKind, tableOf, type ImportKind } from './import-rows.ts';
import { prepareRows } from './import-thread.ts';
import {
  currentRev,
  insertHistory,
  insertImport,
  KEY_COLUMN,
  loadRowsByKey,
  loadSchoolCounties,
  loadSchoolTypes,
  loadStoredHashes,
  upsertValues,
  writeMeta,
  type HistoryRow,
} from './registry.repository.ts';

export type { ImportKind } from './import-rows.ts';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  listKind?: string;
  sheet?: string;
  errorsFile?: string;
  warningsFile?: string;
  actor: Actor;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /** Called when another import or match holds the lock (default: a line on stderr). */
  onWait?: () => void;
}

export interface RowReport {
  row: number;
  column: string;
  value: string;
  reason: string;
  reasonEn: string;
}

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  rows: number;
  kind: ImportKind;
  listKind?: string;
  file: string;
  encoding: string | null;
  unknownColumns: string[];
  importId: string;
  /** The first rejected rows and warnings, for the terminal; the files hold all of them. */
  rejectedSample: RowReport[];
  warningSample: RowReport[];
}

const SAMPLE = 20;

async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function reports(row: number, problems: Problem[]): RowReport[] {
  return problems.map((p) => ({ row, column: p.column, value: p.value, reason: p.zh, reasonEn: p.en }));
}

function reasonText(problems: Problem[]): string {
  return problems.map((p) => `${p.column}：${p.zh}（${p.en}）`).join('；');
}

/** Fields whose value changed, before and after (for the row history). */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === 'row_hash' || k === 'rev' || k === 'updated_at' || k === 'created_at') continue;
    if (before[k] !== v) {
      b[k] = before[k] ?? null;
      a[k] = v;
    }
  }
  return [b, a];
}

export async function importList(database: Database, opts: ImportOptions): Promise<ImportSummary> {
  const table = tableOf(opts.kind);
  const keyColumn = KEY_COLUMN[table];
  const listKind = opts.kind === 'households' ? (opts.listKind ?? '建档立卡') : undefined;
  if (listKind) checkListKind(listKind);
  // the problem files are written after the commit: a name that cannot be written fails now, before anything changes
  for (const f of [opts.errorsFile, opts.warningsFile]) if (f !== undefined) checkOutputFile(f);
  const schoolCounties = opts.kind === 'students' ? [...(await loadSchoolCounties(database.db))] : undefined;
  const schoolTypes = opts.kind === 'students' ? [...(await loadSchoolTypes(database.db))] : undefined;
  // the file is opened first: a wrong header or an unreadable file fails before anything is read from the database
  const prepared = await prepareRows({ kind: opts.kind, file: opts.file, listKind, sheet: opts.sheet, schoolCounties, schoolTypes, keepWarnedRaw: Boolean(opts.warningsFile) });
  trace('import: file opened');
  const sha = await fileSha256(opts.file);
  const importId = randomUUID();
  const at = nowIso();

  const summary: ImportSummary = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    warnings: 0,
    rows: 0,
    kind: opts.kind,
    ...(listKind ? { listKind } : {}),
    file: path.basename(opts.file),
    encoding: prepared.head.encoding,
    unknownColumns: prepared.head.unknownHeaders,
    importId,
    rejectedSample: [],
    warningSample: [],
  };
  const rejectedRows: { raw: unknown[]; reason: string }[] = [];
  const warnedRows: { raw: unknown[]; reason: string }[] = [];

  const counties = new Set<string>();
  // PostgreSQL: the rows go through COPY on the transaction's own connection (FUZHI_PG_COPY=0: arrays and unnest())
  const viaCopy = database.pgPool && process.env.FUZHI_PG_COPY !== '0' ? database.pgPool : null;
  const write = async (trx: Transaction<DB>, client: pg.PoolClient | null) => {
    // one import at a time; the stored rows are read only once this one holds the lock
    await takeLongWriteLock(trx, opts.onWait ?? sayWaiting);
    const stored = await loadStoredHashes(trx, table, listKind);
    trace('import: stored hashes loaded');
    // SQLite, first import of the list: indexes built once at the end (students 12.9 s → see bench/README)
    // PostgreSQL, first import while nothing can be shown yet: the same, see deferPgIndexesOfEmptyTable
    const buildIndexes: () => void | Promise<void> =
      database.sqlite && !client
        ? deferIndexesOfEmptyTable(database.sqlite, table)
        : client && process.env.FUZHI_PG_DEFER_INDEXES !== '0'
          ? await deferPgIndexesOfEmptyTable(trx, table, { alsoEmpty: ['students'] })
          : () => {};
    const rev = (await currentRev(trx)) + 1;
    for await (const batch of prepared.batches) {
      const columns = [...batch.columns, 'row_hash', 'rev', 'created_at', 'updated_at'];
      const keyAt = batch.columns.indexOf(keyColumn);
      const countyAt = batch.columns.indexOf('county_code');
      const writes: unknown[][] = [];
      const changed: { key: string; values: unknown[] }[] = [];
      const count = acceptedCount(batch);
      summary.rows += count + batch.rejected.length;
      for (const r of batch.rejected) {
        summary.rejected++;
        if (summary.rejectedSample.length < SAMPLE) summary.rejectedSample.push(...reports(r.row, r.problems).slice(0, SAMPLE - summary.rejectedSample.length));
        rejectedRows.push({ raw: r.raw, reason: reasonText(r.problems) });
      }
      for (const w of batch.warned) {
        summary.warnings++;
        if (summary.warningSample.length < SAMPLE) summary.warningSample.push(...reports(w.row, w.warnings).slice(0, SAMPLE - summary.warningSample.length));
        if (w.raw) warnedRows.push({ raw: w.raw, reason: reasonText(w.warnings) });
      }
      for (let i = 0; i < count; i++) {
        const values = acceptedValues(batch, i);
        const key = String(values[keyAt]);
        const text = JSON.stringify(values);
        const hash = rowHash(text);
        const old = stored.get(key);
        // a row stored before rowHash carries the older hash of the same text
        if (old === hash || (old !== undefined && isLegacyRowHash(old) && old === contentHash(text))) {
          summary.unchanged++;
          continue;
        }
        values.push(hash, rev, at, at);
        writes.push(values);
        if (countyAt >= 0) counties.add(String(values[countyAt]));
        if (old === undefined) summary.inserted++;
        else {
          summary.updated++;
          changed.push({ key, values });
        }
      }
      if (changed.length > 0) await insertHistory(trx, await historyOf(trx, changed, columns));
      await upsertValues(trx, table, columns, writes, database.sqlite, client ? { trx, client, fresh: stored.size === 0 } : null);
      opts.onProgress?.(Math.min(batch.bytesRead, prepared.head.bytes), prepared.head.bytes);
    }

    trace('import: rows written');
    await buildIndexes();
    trace('import: indexes built');
    if (summary.inserted + summary.updated > 0) await writeMeta(trx, 'data_rev', String(rev));
    await insertImport(trx, {
      id: importId,
      kind: opts.kind,
      list_kind: listKind ?? null,
      file_name: summary.file,
      file_sha256: sha,
      actor: opts.actor.username,
      at,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      rev,
    });
  };
  if (viaCopy) await withPgTransaction(viaCopy, write);
  else await database.db.transaction().execute((trx) => write(trx, null));
  // written after the commit, so that the import never holds the audit log (the ops store) for its
  // whole length; the import row above already records who loaded what
  await auditImport(database, opts, summary, [...counties]);
  if (summary.inserted + summary.updated > 1000) await refreshStatistics(database.db, table);

  /** The history of the changed rows of a batch: what each field was and became. */
  async function historyOf(trx: Transaction<DB>, changed: { key: string; values: unknown[] }[], columns: string[]): Promise<HistoryRow[]> {
    const before = await loadRowsByKey(trx, table, changed.map((c) => c.key));
    const history: HistoryRow[] = [];
    for (const c of changed) {
      const old = before.get(c.key);
      if (!old) continue;
      const record = Object.fromEntries(columns.map((col, k) => [col, c.values[k]]));
      const [b, a] = diff(old, record);
      history.push({
        table_name: table,
        record_key: c.key,
        county_code: String(record.county_code),
        action: 'update',
        before_json: JSON.stringify(b),
        after_json: JSON.stringify(a),
        import_id: importId,
        actor: opts.actor.username,
        at,
      });
    }
    return history;
  }

  trace('import: committed');
  if (opts.errorsFile) await writeProblemFile(opts.errorsFile, prepared.head.headers, rejectedRows);
  if (opts.warningsFile) await writeProblemFile(opts.warningsFile, prepared.head.headers, warnedRows);
  return summary;
}

async function auditImport(database: Database, opts: ImportOptions, s: ImportSummary, counties: string[]): Promise<void> {
  await recordAudit(database.db, {
    actor: opts.actor.username,
    action: `import.${opts.kind}`,
    target: s.file,
    regions: counties,
    detail: { importId: s.importId, listKind: s.listKind, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected },
  });
}

async function writeProblemFile(file: string, headers: string[], rows: { raw: unknown[]; reason: string }[]): Promise<void> {
  await writeTable(
    file,
    [...headers, '错误原因'],
    rows.map((r) => [...headers.map((_, i) => r.raw[i] ?? ''), r.reason]),
  );
}
