// Writes a table as CSV that Excel opens correctly: UTF-8 with BOM, CRLF, RFC 4180 quoting, and a
// leading apostrophe on text that Excel would otherwise run as a formula (CSV injection).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { cellText } from './cell-text.ts';
import type { WriteOptions } from './write-table.ts';

const FLUSH_CHARS = 64 * 1024;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: unknown): string {
  let s = cellText(v);
  if (/^[=+\-@]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export async function writeCsv(
  out: Writable,
  headers: string[],
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>,
  opts: WriteOptions,
): Promise<number> {
  let buf = '\ufeff';
  for (const t of opts.title ?? []) buf += csvLine([t]);
  buf += csvLine(headers);
  let count = 0;
  for await (const row of rows) {
    buf += csvLine(row);
    count++;
    if (buf.length >= FLUSH_CHARS) {
      const ok = out.write(buf);
      buf = '';
      if (!ok) await once(out, 'drain');
    }
  }
  out.end(buf);
  await finished(out);
  return count;
}
