// Writes a table as a real .xlsx with ExcelJS's streaming writer: title lines, a bold frozen header,
// widths from the first rows, and strings kept as strings (ID numbers and 学籍号 never become numbers).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText } from './cell-text.ts';
import type { WriteOptions } from './write-table.ts';

const WIDTH_SAMPLE_ROWS = 200;
const MAX_TEXT = 32_767; // Excel's limit for one cell
// Characters XML 1.0 forbids; one of them would make Excel call the whole file damaged.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g; // eslint-disable-line no-control-regex

type OutCell = string | number | boolean | Date | null;

function safeText(s: string): string {
  const t = s.replace(XML_INVALID, '');
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

function outCell(v: unknown, asText: boolean): OutCell {
  if (v === null || v === undefined) return null;
  if (asText || typeof v === 'string') return safeText(cellText(v));
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  return safeText(cellText(v));
}

/** Display width: CJK and full-width characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

function columnWidths(headers: string[], sample: unknown[][]): number[] {
  return headers.map((h, i) => {
    let w = displayWidth(h);
    for (const r of sample) w = Math.max(w, displayWidth(cellText(r[i]).slice(0, 100)));
    return Math.min(50, Math.max(8, w + 2));
  });
}

function dateFormat(d: Date): string {
  return d.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
}

function sheetName(name: string | undefined): string {
  const n = (name ?? '').replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31);
  return n || 'Sheet1';
}

async function* withSample<T>(sample: T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* sample;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

export async function writeXlsx(
  out: Writable,
  headers: string[],
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>,
  opts: WriteOptions,
): Promise<number> {
  const it: AsyncIterator<unknown[]> = (async function* () {
    yield* rows;
  })();
  const sample: unknown[][] = [];
  while (sample.length < WIDTH_SAMPLE_ROWS) {
    const r = await it.next();
    if (r.done) break;
    sample.push(r.value);
  }
  const title = opts.title ?? [];
  const textColumns = new Set(opts.textColumns ?? []);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName(opts.sheetName), { views: [{ state: 'frozen', ySplit: title.length + 1 }] });
  sheet.columns = columnWidths(headers, sample).map((width, i) => (textColumns.has(i) ? { width, style: { numFmt: '@' } } : { width }));

  title.forEach((t, i) => {
    const row = sheet.addRow([safeText(t)]);
    row.getCell(1).font = { bold: true, size: i === 0 ? 14 : 11 };
    row.commit();
  });
  const head = sheet.addRow(headers.map((h) => safeText(h)));
  head.eachCell((c) => (c.font = { bold: true }));
  head.commit();

  let count = 0;
  for await (const values of withSample(sample, it)) {
    const row = sheet.addRow(values.map((v, i) => outCell(v, textColumns.has(i))));
    values.forEach((v, i) => {
      if (v instanceof Date && !textColumns.has(i)) row.getCell(i + 1).numFmt = dateFormat(v);
    });
    row.commit();
    count++;
  }
  sheet.commit();
  await book.commit();
  return count;
}
