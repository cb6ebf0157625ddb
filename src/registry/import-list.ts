// Use case "import a list": read → normalize → validate → upsert in one transaction, idempotent by
// natural key, with row history for changes, an errors file for rejected rows and an audit entry.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { openTable, type TableRow } from '../files/read-table.ts';
import { writeTable } from '../files/write-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { nowIso } from '../kernel/clock.ts';
import { contentHash } from '../kernel/hash.ts';
import { usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { HOUSEHOLD_COLUMNS, LIST_KINDS, SCHOOL_COLUMNS, STUDENT_COLUMNS } from './registry.columns.ts';
import {
  memberIdOf,
  memberKey,
  normalizeMember,
  normalizeSchool,
  normalizeStudent,
  type Normalized,
  type Problem,
} from './normalize.rules.ts';
import {
  currentRev,
  insertHistory,
  insertImport,
  KEY_COLUMN,
  loadRowsByKey,
  loadSchoolCounties,
  loadStoredHashes,
  upsertRows,
  writeMeta,
  type HistoryRow,
  type ListTable,
} from './registry.repository.ts';

export type ImportKind = 'schools' | 'students' | 'households';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  listKind?: string;
  sheet?: string;
  errorsFile?: string;
  warningsFile?: string;
  actor: Actor;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
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

const CHUNK = 2000;
const SAMPLE = 20;

interface KindPlan {
  spec: TableSpec;
  table: ListTable;
  normalize(values: Record<string, unknown>): Normalized<Record<string, unknown>> & { key?: string };
}

async function planFor(database: Database, opts: ImportOptions): Promise<KindPlan> {
  if (opts.kind === 'schools') {
    return { spec: SCHOOL_COLUMNS, table: 'schools', normalize: (v) => normalizeSchool(v) };
  }
  if (opts.kind === 'students') {
    const counties = await loadSchoolCounties(database.db);
    return {
      spec: STUDENT_COLUMNS,
      table: 'students',
      normalize: (v) => normalizeStudent(v, (code) => counties.get(code)),
    };
  }
  const listKind = opts.listKind ?? '建档立卡';
  if (!(LIST_KINDS as readonly string[]).includes(listKind)) {
    throw usageError(`名单类型“${listKind}”无效，应为 ${LIST_KINDS.join('、')} 之一`, `unknown list "${listKind}"; use one of ${LIST_KINDS.join(', ')}`);
  }
  const keysByHousehold = new Map<string, Set<string>>();
  return {
    spec: HOUSEHOLD_COLUMNS,
    table: 'members',
    normalize: (v) => {
      const n = normalizeMember(v, listKind);
      if (!n.ok) return n;
      const r = n.record;
      let taken = keysByHousehold.get(r.household_no);
      if (!taken) keysByHousehold.set(r.household_no, (taken = new Set()));
      const key = memberKey(r.name_norm, r.birth_date, (k) => taken.has(k));
      taken.add(key);
      return { ok: true, warnings: n.warnings, record: { member_id: memberIdOf(listKind, r.household_no, key), ...r, member_key: key } };
    },
  };
}

function hashOf(record: Record<string, unknown>): string {
  return contentHash(JSON.stringify(Object.values(record)));
}

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
  const plan = await planFor(database, opts);
  const table = await openTable(opts.file, plan.spec, { sheet: opts.sheet });
  const sha = await fileSha256(opts.file);
  const listKind = opts.kind === 'households' ? (opts.listKind ?? '建档立卡') : undefined;
  const stored = await loadStoredHashes(database.db, plan.table, listKind);
  const importId = randomUUID();
  const at = nowIso();
  const keyCol = KEY_COLUMN[plan.table];

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
    encoding: table.encoding,
    unknownColumns: table.unknownHeaders,
    importId,
    rejectedSample: [],
    warningSample: [],
  };
  const rejectedRows: { raw: unknown[]; reason: string }[] = [];
  const warnedRows: { raw: unknown[]; reason: string }[] = [];
  const seenInFile = new Map<string, number>();

  await database.db.transaction().execute(async (trx) => {
    const rev = (await currentRev(trx)) + 1;
    let pending: { key: string; record: Record<string, unknown>; isNew: boolean }[] = [];

    const flush = async () => {
      if (pending.length === 0) return;
      const changed = pending.filter((p) => !p.isNew).map((p) => p.key);
      const before = await loadRowsByKey(trx, plan.table, changed);
      const history: HistoryRow[] = [];
      for (const p of pending) {
        if (p.isNew) continue;
        const old = before.get(p.key);
        if (!old) continue;
        p.record.created_at = old.created_at;
        const [b, a] = diff(old, p.record);
        history.push({
          table_name: plan.table,
          record_key: p.key,
          county_code: String(p.record.county_code),
          action: 'update',
          before_json: JSON.stringify(b),
          after_json: JSON.stringify(a),
          import_id: importId,
          actor: opts.actor.username,
          at,
        });
      }
      await upsertRows(trx, plan.table, pending.map((p) => p.record), database.sqlite);
      await insertHistory(trx, history);
      pending = [];
    };

    let n = 0;
    for await (const row of table.rows) {
      summary.rows++;
      const result = plan.normalize(row.values);
      const warnings =
        row.problems.length === 0
          ? result.warnings
          : [...row.problems.map((p) => ({ column: p.column, value: '', zh: p.reasonZh, en: p.reasonEn })), ...result.warnings];
      if (!result.ok) {
        reject(row, [...result.errors, ...warnings]);
        continue;
      }
      const key = String(result.record[keyCol]);
      const firstRow = seenInFile.get(key);
      if (firstRow !== undefined) {
        reject(row, [{ column: plan.spec.columns[0].header, value: key, zh: `与第 ${firstRow} 行重复（同一${keyLabel(plan.table)}）`, en: `duplicate of row ${firstRow} (same ${keyLabelEn(plan.table)})` }]);
        continue;
      }
      seenInFile.set(key, row.row);
      if (warnings.length > 0) {
        summary.warnings++;
        if (summary.warningSample.length < SAMPLE) summary.warningSample.push(...reports(row.row, warnings).slice(0, SAMPLE - summary.warningSample.length));
        if (opts.warningsFile) warnedRows.push({ raw: row.raw, reason: reasonText(warnings) });
      }
      const hash = hashOf(result.record);
      const old = stored.get(key);
      if (old === hash) {
        summary.unchanged++;
        continue;
      }
      const record = result.record;
      record.row_hash = hash;
      record.rev = rev;
      record.created_at = at;
      record.updated_at = at;
      pending.push({ key, record, isNew: old === undefined });
      if (old === undefined) summary.inserted++;
      else summary.updated++;
      if (pending.length >= CHUNK) await flush();
      if (++n % 5000 === 0) opts.onProgress?.(table.bytesRead(), table.bytes);
    }
    await flush();
    opts.onProgress?.(table.bytes, table.bytes);

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
    await auditImport(trx, opts, summary);
  });

  function reject(row: TableRow, problems: Problem[]) {
    summary.rejected++;
    if (summary.rejectedSample.length < SAMPLE) summary.rejectedSample.push(...reports(row.row, problems).slice(0, SAMPLE - summary.rejectedSample.length));
    rejectedRows.push({ raw: row.raw, reason: reasonText(problems) });
  }

  if (opts.errorsFile) await writeProblemFile(opts.errorsFile, table.headers, rejectedRows);
  if (opts.warningsFile) await writeProblemFile(opts.warningsFile, table.headers, warnedRows);
  return summary;
}

function keyLabel(t: ListTable): string {
  return t === 'schools' ? '学校标识码' : t === 'students' ? '学籍号' : '户编号和姓名';
}
function keyLabelEn(t: ListTable): string {
  return t === 'schools' ? 'school code' : t === 'students' ? 'student number' : 'household number and name';
}

async function auditImport(trx: Transaction<DB>, opts: ImportOptions, s: ImportSummary): Promise<void> {
  await recordAudit(trx, {
    actor: opts.actor.username,
    action: `import.${opts.kind}`,
    target: s.file,
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
