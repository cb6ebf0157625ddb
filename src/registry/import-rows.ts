// Import stage "read → normalize → validate" as a stream of prepared rows: each data row becomes a
// record (its values in a fixed column order) or the reasons it is rejected; a second row with the
// same natural key is rejected here. The importing thread hashes and writes (import-list.ts).
// Runs in the importing thread, or in a worker thread (import-worker.ts) so that reading and
// normalising a large file overlap with writing it.
import { openTable } from '../files/read-table.ts';
import { usageError } from '../kernel/errors.ts';
import { HOUSEHOLD_COLUMNS, LIST_KINDS, SCHOOL_COLUMNS, STUDENT_COLUMNS } from './registry.columns.ts';
import { memberIdOf, memberKey, normalizeMember, normalizeSchool, normalizeStudent, type Normalized, type Problem } from './normalize.rules.ts';
import { KEY_COLUMN, type ListTable } from './registry.repository.ts';
import type { TableSpec } from '../files/table-spec.ts';

export type ImportKind = 'schools' | 'students' | 'households';

export interface PrepareOptions {
  kind: ImportKind;
  file: string;
  listKind?: string;
  sheet?: string;
  /** 学校标识码 → county code of the imported schools (students only). */
  schoolCounties?: [string, string][];
  /** 学校标识码 → 办学类型, to infer a missing 学段 from 年级 (students only). */
  schoolTypes?: [string, string][];
  /** Keep the raw cells of accepted rows with warnings (for --warnings FILE). */
  keepWarnedRaw?: boolean;
}

export interface PreparedHead {
  encoding: string | null;
  headers: string[];
  unknownHeaders: string[];
  bytes: number;
}

export interface RejectedRow {
  row: number;
  problems: Problem[];
  raw: unknown[];
}

/** An accepted row with warnings. */
export interface WarnedRow {
  row: number;
  warnings: Problem[];
  /** The cells, for --warnings FILE (keepWarnedRaw). */
  raw: unknown[] | null;
}

/**
 * Up to BATCH data rows of the file, in order. The accepted rows are only their values, one row
 * after the other in `columns` order (acceptedValues): a flat array crosses from the worker thread
 * at a fraction of the cost of an object per row.
 */
export interface PreparedBatch {
  columns: string[];
  values: unknown[];
  warned: WarnedRow[];
  rejected: RejectedRow[];
  bytesRead: number;
}

export interface PreparedTable {
  head: PreparedHead;
  batches: AsyncIterable<PreparedBatch>;
}

const BATCH = 2000;

/** The values of the i-th accepted row of a batch. */
export function acceptedValues(batch: PreparedBatch, i: number): unknown[] {
  const n = batch.columns.length;
  return batch.values.slice(i * n, i * n + n);
}

/** How many rows of a batch were accepted. */
export function acceptedCount(batch: PreparedBatch): number {
  return batch.columns.length === 0 ? 0 : batch.values.length / batch.columns.length;
}

interface KindPlan {
  spec: TableSpec;
  table: ListTable;
  /** The normaliser itself never gives two rows the same natural key. */
  uniqueKeys?: boolean;
  normalize(values: Record<string, unknown>): Normalized<Record<string, unknown>>;
}

export function tableOf(kind: ImportKind): ListTable {
  return kind === 'schools' ? 'schools' : kind === 'students' ? 'students' : 'members';
}

export function checkListKind(listKind: string): void {
  if (!(LIST_KINDS as readonly string[]).includes(listKind)) {
    throw usageError(`名单类型“${listKind}”无效，应为 ${LIST_KINDS.join('、')} 之一`, `unknown list "${listKind}"; use one of ${LIST_KINDS.join(', ')}`);
  }
}

function planFor(opts: PrepareOptions): KindPlan {
  if (opts.kind === 'schools') return { spec: SCHOOL_COLUMNS, table: 'schools', normalize: (v) => normalizeSchool(v) };
  if (opts.kind === 'students') {
    const counties = new Map(opts.schoolCounties ?? []);
    const types = new Map(opts.schoolTypes ?? []);
    return { spec: STUDENT_COLUMNS, table: 'students', normalize: (v) => normalizeStudent(v, (code) => counties.get(code), (code) => types.get(code)) };
  }
  const listKind = opts.listKind ?? '建档立卡';
  checkListKind(listKind);
  // the member ids given so far: a namesake in the same household gets the next key (memberKey),
  // so member ids never repeat within a file
  const given = new Set<string>();
  return {
    spec: HOUSEHOLD_COLUMNS,
    table: 'members',
    uniqueKeys: true,
    normalize: (v) => {
      const n = normalizeMember(v, listKind);
      if (!n.ok) return n;
      const r = n.record;
      const key = memberKey(r.name_norm, r.birth_date, (k) => given.has(memberIdOf(listKind, r.household_no, k)));
      const memberId = memberIdOf(listKind, r.household_no, key);
      given.add(memberId);
      return { ok: true, warnings: n.warnings, record: { member_id: memberId, ...r, member_key: key } };
    },
  };
}

function keyLabel(t: ListTable): [string, string] {
  return t === 'schools' ? ['学校标识码', 'school code'] : t === 'students' ? ['学籍号', 'student number'] : ['户编号和姓名', 'household number and name'];
}

/** Opens the file (errors about the file itself are thrown here) and prepares its rows in batches. */
export async function prepareTable(opts: PrepareOptions): Promise<PreparedTable> {
  const plan = planFor(opts);
  const table = await openTable(opts.file, plan.spec, { sheet: opts.sheet });
  const keyCol = KEY_COLUMN[plan.table];
  const [label, labelEn] = keyLabel(plan.table);

  async function* batches(): AsyncGenerator<PreparedBatch, void, undefined> {
    const seenInFile = new Map<string, number>();
    let columns: string[] = [];
    let batch: PreparedBatch = { columns, values: [], warned: [], rejected: [], bytesRead: 0 };
    let rows = 0;
    for await (const row of table.rows) {
      rows++;
      const result = plan.normalize(row.values);
      const warnings =
        row.problems.length === 0
          ? result.warnings
          : [...row.problems.map((p) => ({ column: p.column, value: '', zh: p.reasonZh, en: p.reasonEn })), ...result.warnings];
      if (!result.ok) {
        batch.rejected.push({ row: row.row, problems: [...result.errors, ...warnings], raw: row.raw });
      } else {
        const record = result.record;
        const key = String(record[keyCol]);
        const firstRow = plan.uniqueKeys ? undefined : seenInFile.get(key);
        if (firstRow !== undefined) {
          const problem = { column: plan.spec.columns[0].header, value: key, zh: `与第 ${firstRow} 行重复（同一${label}）`, en: `duplicate of row ${firstRow} (same ${labelEn})` };
          batch.rejected.push({ row: row.row, problems: [problem], raw: row.raw });
        } else {
          if (!plan.uniqueKeys) seenInFile.set(key, row.row);
          if (columns.length === 0) batch.columns = columns = Object.keys(record);
          if (warnings.length > 0) batch.warned.push({ row: row.row, warnings, raw: opts.keepWarnedRaw ? row.raw : null });
          for (const k in record) batch.values.push(record[k]);
        }
      }
      if (rows >= BATCH) {
        batch.bytesRead = table.bytesRead();
        yield batch;
        batch = { columns, values: [], warned: [], rejected: [], bytesRead: 0 };
        rows = 0;
      }
    }
    batch.bytesRead = table.bytes;
    yield batch;
  }

  return {
    head: { encoding: table.encoding, headers: table.headers, unknownHeaders: table.unknownHeaders, bytes: table.bytes },
    batches: batches(),
  };
}
