// Finding a table's columns: maps a candidate header row's cells to ColumnSpec keys by canonical
// name or alias (compared with normalizeHeader). Pure; read-table.ts decides which row is the header.
import { normalizeHeader, type ColumnSpec, type TableSpec } from './table-spec.ts';

/** How many non-blank rows are searched for the header (title rows come first). */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderMapping {
  /** header cells in file order, as written (trailing empty cells dropped). */
  headers: string[];
  columns: Record<string, number>;
  unknownHeaders: string[];
  /** required columns the row lacks; empty when the row is a header. */
  missing: ColumnSpec[];
}

/** A header cell as text: numbers and dates as written, anything else empty. */
export function headerText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return '';
}

/** normalized name → key; canonical headers win over another column's alias. */
export function nameIndex(spec: TableSpec): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of spec.columns) index.set(normalizeHeader(c.header), c.key);
  for (const c of spec.columns) {
    for (const a of c.aliases) {
      const n = normalizeHeader(a);
      if (!index.has(n)) index.set(n, c.key);
    }
  }
  return index;
}

export function mapHeader(cells: unknown[], spec: TableSpec, index = nameIndex(spec)): HeaderMapping {
  const headers = cells.map(headerText);
  while (headers.length > 0 && headers[headers.length - 1].trim() === '') headers.pop();
  const columns: Record<string, number> = {};
  const unknownHeaders: string[] = [];
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n === '') return;
    const key = index.get(n);
    // The second of two headers naming one column (身份证号 and 身份证件号) is reported, not used.
    if (key === undefined || key in columns) unknownHeaders.push(h);
    else columns[key] = i;
  });
  const missing = spec.columns.filter((c) => c.required && !(c.key in columns));
  return { headers, columns, unknownHeaders, missing };
}

/** 'A', 'B', … 'Z', 'AA': how Excel names the column at a 0-based index. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
