// Use case "import a list" for the roster, the absences and the care ledger: read → normalize →
// validate → upsert in one transaction, idempotent by natural key, with row history for changes,
// an errors file for rejected rows and an audit entry. The same habits as registry/import-list.ts,
// for small lists read in the importing thread.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { openTable } from '../files/read-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { writeTable } from '../files/write-table.ts';
import { nowIso } from '../kernel/clock.ts';
import { rowHash } from '../kernel/hash.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import type { Normalized, Problem } from '../registry/normalize.rules.ts';
import type { RowReport } from '../registry/import-list.ts';
import { insertHistoryRows, insertImportLog, nextRev, rowsByKey, storedHashes, upsertRows, type ImportHistoryRow, type ImportTableName } from './import.repository.ts';

export interface ImportPlan {
  kind: string; // roster | attendance | care
  spec: TableSpec;
  table: ImportTableName;
  key: string;
  keyLabel: [string, string];
  normalize(values: Record<string, unknown>): Normalized<Record<string, unknown>>;
}

export interface TableImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  rows: number;
  kind: string;
  file: string;
  encoding: string | null;
  unknownColumns: string[];
  importId: string;
  rejectedSample: RowReport[];
  warningSample: RowReport[];
}

const SAMPLE = 20;

function reports(row: number, problems: Problem[]): RowReport[] {
  return problems.map((p) => ({ row, column: p.column, value: p.value, reason: p.zh, reasonEn: p.en }));
}

function reasonText(problems: Problem[]): string {
  return problems.map((p) => `${p.column}：${p.zh}（${p.en}）`).join('；');
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === 'row_hash' || k === 'rev' || k === 'updated_at' || k === 'created_at') continue;
    if ((before[k] ?? null) !== (v ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = v;
    }
  }
  return [b, a];
}

export async function importTable(database: Database, plan: ImportPlan, opts: { file: string; sheet?: string; errorsFile?: string; actor: Actor }): Promise<TableImportSummary> {
  const table = await openTable(opts.file, plan.spec, { sheet: opts.sheet });
  const importId = randomUUID();
  const at = nowIso();
  const s: TableImportSummary = {
    inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0, rows: 0, kind: plan.kind, file: path.basename(opts.file),
    encoding: table.encoding, unknownColumns: table.unknownHeaders, importId, rejectedSample: [], warningSample: [],
  };
  const rejectedRows: { raw: unknown[]; reason: string }[] = [];
  const accepted: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  for await (const row of table.rows) {
    s.rows++;
    const cellProblems: Problem[] = row.problems.map((p) => ({ column: p.column, value: '', zh: p.reasonZh, en: p.reasonEn }));
    const n = plan.normalize(row.values);
    let problems: Problem[] | null = n.ok ? null : [...n.errors, ...n.warnings, ...cellProblems];
    if (n.ok) {
      const key = String(n.record[plan.key]);
      const first = seen.get(key);
      if (first !== undefined) problems = [{ column: plan.spec.columns[0].header, value: key, zh: `与第 ${first} 行重复（同一${plan.keyLabel[0]}）`, en: `duplicate of row ${first} (same ${plan.keyLabel[1]})` }];
      else {
        seen.set(key, row.row);
        accepted.push(n.record);
        const warnings = [...n.warnings, ...cellProblems];
        if (warnings.length > 0) {
          s.warnings++;
          if (s.warningSample.length < SAMPLE) s.warningSample.push(...reports(row.row, warnings));
        }
      }
    }
    if (problems) {
      s.rejected++;
      if (s.rejectedSample.length < SAMPLE) s.rejectedSample.push(...reports(row.row, problems));
      rejectedRows.push({ raw: row.raw, reason: reasonText(problems) });
    }
  }

  const sha = createHash('sha256').update(fs.readFileSync(opts.file)).digest('hex');
  await database.db.transaction().execute(async (trx) => {
    const stored = await storedHashes(trx, plan.table, plan.key);
    const rev = await nextRev(trx, plan.table);
    const writes: Record<string, unknown>[] = [];
    const changed: Record<string, unknown>[] = [];
    for (const record of accepted) {
      const key = String(record[plan.key]);
      const hash = rowHash(JSON.stringify(Object.values(record)));
      const old = stored.get(key);
      if (old === hash) {
        s.unchanged++;
        continue;
      }
      const full = { ...record, row_hash: hash, rev, created_at: at, updated_at: at };
      writes.push(full);
      if (old === undefined) s.inserted++;
      else {
        s.updated++;
        changed.push(full);
      }
    }
    const before = await rowsByKey(trx, plan.table, plan.key, changed.map((c) => String(c[plan.key])));
    const history: ImportHistoryRow[] = changed.map((c) => {
      const [b, a] = changedFields(before.get(String(c[plan.key])) ?? {}, c);
      return { table_name: plan.table, record_key: String(c[plan.key]), county_code: String(c.county_code), action: 'update', before_json: JSON.stringify(b), after_json: JSON.stringify(a), import_id: importId, actor: opts.actor.username, at };
    });
    await insertHistoryRows(trx, history);
    if (writes.length > 0) {
      const columns = Object.keys(writes[0]);
      await upsertRows(trx, database.sqlite, plan.table, plan.key, columns, writes.map((w) => columns.map((c) => w[c])));
    }
    await insertImportLog(trx, { id: importId, kind: plan.kind, list_kind: null, file_name: s.file, file_sha256: sha, actor: opts.actor.username, at, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, rev });
    await recordAudit(trx, { actor: opts.actor.username, action: `import.${plan.kind}`, target: s.file, detail: { importId, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected } });
  });
  if (opts.errorsFile) {
    await writeTable(opts.errorsFile, [...table.headers, '错误原因'], rejectedRows.map((r) => [...table.headers.map((_, i) => r.raw[i] ?? ''), r.reason]));
  }
  return s;
}
