// Opening a spreadsheet another system exported (.csv/.txt, .xlsx or old .xls): finds the header row after any
// title rows, maps columns by name or alias, and streams data rows with per-cell problems.
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { clip } from '../kernel/errors.ts';
import { openCsv } from './csv-source.ts';
import { sniffKind } from './detect.ts';
import { fileEmpty, fileNotFound, fileUnreadable, headerNotFound, unsupportedFormat } from './file-errors.ts';
import { columnLetters, HEADER_SCAN_ROWS, mapHeader, nameIndex, type HeaderMapping } from './header.ts';
import { isBlankRow, LongCell, MAX_CELL_CHARS, MAX_CELLS, type RawRow, type RowSource, type TableFormat } from './row-source.ts';
import type { TableSpec } from './table-spec.ts';

export interface CellProblem {
  column: string;
  reasonZh: string;
  reasonEn: string;
}

export interface TableRow {
  /** 1-based row number in the file/sheet as a user sees it in Excel. */
  row: number;
  /** by ColumnSpec.key; missing optional columns absent; csv: string; xlsx and xls: string | number | Date | boolean | null. */
  values: Record<string, unknown>;
  /** the row's cells in file order (for the errors file); an over-long cell is shortened. */
  raw: unknown[];
  problems: CellProblem[];
}

export interface OpenedTable {
  file: string;
  format: TableFormat;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  headerRow: number;
  headers: string[];
  columns: Record<string, number>;
  unknownHeaders: string[];
  /** data rows after the header; blank rows skipped; iterate once. */
  rows: AsyncIterable<TableRow>;
  bytes: number;
  bytesRead(): number;
}

function formatOf(file: string): TableFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') return 'xls';
  throw unsupportedFormat(file, 'extension');
}

/** An .xls that is really an .xlsx (a zip), as some systems name their exports, is read as one. */
async function isZip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    return sniffKind(head) === 'zip';
  } finally {
    await fh.close();
  }
}

async function openSource(file: string, format: TableFormat, bytes: number, sheet: string | undefined): Promise<RowSource> {
  if (format === 'csv') return openCsv(file);
  // ExcelJS and SheetJS are loaded only for a workbook: each costs a third of a second at every start
  if (format === 'xlsx' || (await isZip(file))) return (await import('./xlsx-source.ts')).openXlsx(file, bytes, sheet);
  return (await import('./xls-source.ts')).openXls(file, bytes, sheet);
}

async function sizeOf(file: string): Promise<number> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw fileUnreadable(file, { zh: '这是一个文件夹，不是文件', en: 'it is a folder, not a file' });
    return s.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fileNotFound(file);
    if (code === 'EACCES' || code === 'EPERM') throw fileUnreadable(file, { zh: '没有读取权限', en: 'permission denied' });
    throw e;
  }
}

async function findHeader(file: string, source: RowSource, spec: TableSpec): Promise<{ row: number; mapping: HeaderMapping }> {
  const index = nameIndex(spec);
  const required = spec.columns.filter((c) => c.required).length;
  let scanned = 0;
  let ended = false;
  let best: { row: number; mapping: HeaderMapping } | undefined;
  while (scanned < HEADER_SCAN_ROWS) {
    const next = await source.rows.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (isBlankRow(next.value)) continue;
    scanned++;
    const mapping = mapHeader(next.value.cells, spec, index);
    if (mapping.missing.length === 0) return { row: next.value.row, mapping };
    if (!best || required - mapping.missing.length > required - best.mapping.missing.length) best = { row: next.value.row, mapping };
  }
  if (!best) throw fileEmpty(file, source.sheet ?? undefined);
  const missing = best.mapping.missing.map((c) => c.header);
  throw headerNotFound(file, spec.label, missing, { row: best.row, cells: best.mapping.headers }, scanned, ended);
}

function tooLong(v: unknown): number | undefined {
  if (typeof v === 'string') return v.length > MAX_CELL_CHARS ? v.length : undefined;
  return v instanceof LongCell ? v.length : undefined;
}

/** How data rows become TableRows for one header: the column keys in order, and what a short row lacks. */
interface RowShape {
  mapping: HeaderMapping;
  entries: [key: string, index: number][];
  mapped: boolean[];
  absent: '' | null;
}

function longCellProblem(shape: RowShape, i: number, length: number): CellProblem {
  return {
    column: shape.mapping.headers[i] || columnLetters(i),
    reasonZh: `单元格内容过长（${length} 个字符，上限 ${MAX_CELL_CHARS}），已按空值处理`,
    reasonEn: `cell too long (${length} characters, limit ${MAX_CELL_CHARS}); treated as empty`,
  };
}

function wideRowProblem(dropped: number): CellProblem {
  return {
    column: '',
    reasonZh: `本行超过 ${MAX_CELLS} 列，第 ${MAX_CELLS} 列（${columnLetters(MAX_CELLS - 1)} 列）之后的 ${dropped} 个非空单元格已忽略`,
    reasonEn: `row has more than ${MAX_CELLS} columns; ${dropped} non-blank cells after column ${MAX_CELLS} (${columnLetters(MAX_CELLS - 1)}) ignored`,
  };
}

function toTableRow(r: RawRow, shape: RowShape): TableRow {
  const problems: CellProblem[] = [];
  let raw = r.cells;
  for (let i = 0; i < r.cells.length; i++) {
    const length = tooLong(r.cells[i]);
    if (length === undefined) continue;
    if (raw === r.cells) raw = [...r.cells];
    const v = r.cells[i];
    raw[i] = v instanceof LongCell ? v.toString() : clip(v as string);
    if (shape.mapped[i]) problems.push(longCellProblem(shape, i, length));
  }
  const values: Record<string, unknown> = {};
  for (const [key, i] of shape.entries) {
    // raw[i] differs from the cell only where an over-long cell was shortened; its value is ''.
    values[key] = i >= r.cells.length ? shape.absent : raw[i] === r.cells[i] ? r.cells[i] : '';
  }
  if (r.dropped > 0) problems.push(wideRowProblem(r.dropped));
  return { row: r.row, values, raw, problems };
}

export async function openTable(file: string, spec: TableSpec, opts: { sheet?: string } = {}): Promise<OpenedTable> {
  const bytes = await sizeOf(file);
  if (bytes === 0) throw fileEmpty(file);
  const source = await openSource(file, formatOf(file), bytes, opts.sheet);
  let header: { row: number; mapping: HeaderMapping };
  try {
    header = await findHeader(file, source, spec);
  } catch (e) {
    await source.rows.return();
    throw e;
  }
  const { mapping } = header;
  const entries = Object.entries(mapping.columns);
  const mapped: boolean[] = [];
  for (const [, i] of entries) mapped[i] = true;
  const shape: RowShape = { mapping, entries, mapped, absent: source.format === 'csv' ? '' : null };

  async function* dataRows(): AsyncGenerator<TableRow, void, undefined> {
    for await (const r of source.rows) {
      if (!isBlankRow(r)) yield toTableRow(r, shape);
    }
  }
  let iterated = false;
  const rows: AsyncIterable<TableRow> = {
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error(`openTable(${file}).rows can be iterated only once`);
      iterated = true;
      return dataRows();
    },
  };

  return {
    file,
    format: source.format,
    encoding: source.encoding,
    headerRow: header.row,
    headers: mapping.headers,
    columns: mapping.columns,
    unknownHeaders: mapping.unknownHeaders,
    rows,
    bytes,
    bytesRead: () => Math.min(bytes, source.bytesRead()),
  };
}
