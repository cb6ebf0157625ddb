// Reads one sheet of an .xlsx as raw rows with ExcelJS's streaming reader, flattening each cell to
// string | number | Date | boolean | null. Damage found mid-file becomes FILE_UNREADABLE naming the row.
import { createReadStream, type ReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { FuzhiError } from '../kernel/errors.ts';
import { excelDate, isDateFormat } from './excel-serial.ts';
import { closeSheet, createBookReader, type SheetReader } from './exceljs-reader.ts';
import { fileUnreadable, NOT_XLSX } from './file-errors.ts';
import { isBlankCell, MAX_CELLS, type RawRow, type RowSource } from './row-source.ts';
import { inspectWorkbook } from './xlsx-workbook.ts';

export type XlsxCell = string | number | Date | boolean | null;

/** Stands for a formula whose cached result is an error: ExcelJS keeps only NaN, not which one (#N/A, #REF!…). */
export const FORMULA_ERROR = '#ERROR';

function formulaResult(result: unknown, numFmt: string | undefined, date1904: boolean): XlsxCell {
  if (typeof result === 'number') {
    if (Number.isNaN(result)) return FORMULA_ERROR;
    return isDateFormat(numFmt) ? excelDate(result, date1904) : result;
  }
  return plainValue(result);
}

function plainValue(v: unknown): XlsxCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : null;
  const o = v as { richText?: { text?: string | null }[]; error?: string; text?: unknown; result?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
  if (typeof o.error === 'string') return o.error;
  if ('result' in o) return plainValue(o.result);
  if ('text' in o) return plainValue(o.text);
  return null;
}

export function cellValue(cell: ExcelJS.Cell, date1904: boolean): XlsxCell {
  if (cell.type === ExcelJS.ValueType.Formula) return formulaResult(cell.result, cell.numFmt, date1904);
  const v = cell.value as unknown;
  // A shared formula's follower cells arrive as { formula: '', result } objects.
  if (v !== null && typeof v === 'object' && 'result' in v) return formulaResult(v.result, cell.numFmt, date1904);
  return plainValue(v);
}

function toRawRow(row: ExcelJS.Row, number: number, date1904: boolean): RawRow {
  const cells: XlsxCell[] = [];
  let dropped = 0;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const v = cellValue(cell, date1904);
    if (col > MAX_CELLS) {
      if (!isBlankCell(v)) dropped++;
      return;
    }
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = v;
  });
  return { row: number, cells, dropped };
}

/**
 * ExcelJS deletes a parked sheet's temporary copy only when iteration moves past it, so a workbook
 * read in a temporary file is run to its end (without parsing the remaining sheets); otherwise a
 * long-running server would keep one copy per import until exit.
 */
async function finish(sheets: AsyncIterator<SheetReader>, parked: boolean): Promise<void> {
  try {
    if (!parked) {
      await sheets.return?.();
      return;
    }
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) closeSheet(next.value);
  } catch {
    // The workbook is damaged further on; there is nothing left to clean up.
  }
}

export async function openXlsx(file: string, size: number, wanted: string | undefined): Promise<RowSource> {
  const layout = await inspectWorkbook(file, size, wanted);
  const targetNo = /sheet(\d+)\.xml$/.exec(layout.chosen.path)?.[1];
  let input: ReadStream | undefined;
  let sheet: SheetReader | undefined;

  async function* rows(): AsyncGenerator<RawRow, void, undefined> {
    input = createReadStream(file, { highWaterMark: 256 * 1024 });
    const reader = createBookReader(input);
    let entrySheetNo: string | undefined;
    reader.on('entry', (e) => {
      if (e.type === 'worksheet') entrySheetNo = String(e.id);
    });
    const sheets = reader[Symbol.asyncIterator]();
    let lastRow = 0;
    try {
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
        if (entrySheetNo !== targetNo) {
          closeSheet(next.value); // another sheet: leave it unread
          continue;
        }
        sheet = next.value;
        const date1904 = reader.properties?.model?.date1904 === true;
        for await (const row of sheet) {
          lastRow = Number.isFinite(row.number) && row.number > lastRow ? row.number : lastRow + 1;
          yield toRawRow(row, lastRow, date1904);
        }
        return;
      }
      throw fileUnreadable(file, NOT_XLSX, lastRow || undefined);
    } catch (e) {
      if (e instanceof FuzhiError) throw e;
      throw fileUnreadable(file, NOT_XLSX, lastRow || undefined);
    } finally {
      closeSheet(sheet);
      await finish(sheets, layout.deferred);
      input.destroy();
    }
  }

  // Progress: the zip pass, then (when ExcelJS parks the sheet in a temporary file) that file.
  function bytesRead(): number {
    const zipPass = Math.min(size, input?.bytesRead ?? 0);
    if (!layout.deferred) return zipPass;
    const parked = sheet?.source?.bytesRead ?? 0;
    const fraction = layout.entry.size > 0 ? Math.min(1, parked / layout.entry.size) : 0;
    return Math.round(0.2 * zipPass + 0.8 * fraction * size);
  }

  return { format: 'xlsx', encoding: null, sheet: layout.chosen.name, rows: rows(), bytesRead };
}
