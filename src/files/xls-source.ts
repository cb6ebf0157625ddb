// Reads one sheet of an old Excel .xls (Excel 97-2003 BIFF8, and Excel 5.0/95 BIFF5 whose text is in
// a code page such as GBK 936) with SheetJS CE (@e965/xlsx), flattening each cell as the .xlsx reader
// does: string | number | Date | boolean | null. An .xls holds at most 65,536 rows, so it is read whole.
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { sniffKind } from './detect.ts';
import { excelDate, isDateFormat } from './excel-serial.ts';
import { fileEmpty, fileUnreadable } from './file-errors.ts';
import { isBlankCell, MAX_CELLS, type RawRow, type RowSource } from './row-source.ts';
import { chooseSheet } from './xlsx-workbook.ts';

// BIFF5 and older store text in the workbook's code page (GBK for Chinese Excel and WPS)
XLSX.set_cptable(cptable);

type XlsCell = string | number | Date | boolean | null;

const NOT_XLS = {
  zh: '不是有效的 Excel 97-2003（.xls）文件（可能已损坏、未完整下载，或只是改了扩展名），请用 Excel 或 WPS 打开后另存为 .xlsx',
  en: 'not a valid Excel 97-2003 (.xls) file (damaged, partly downloaded, or only renamed); open it in Excel or WPS and save it as .xlsx',
};
const XLS_TRUNCATED = {
  zh: '.xls 文件不完整（可能未下载完或复制时中断），请重新获取原文件',
  en: 'the .xls file is incomplete (partly downloaded or copied); get the original file again',
};
const XLS_PASSWORD = {
  zh: '文件设置了打开密码，请在 Excel 或 WPS 中取消密码后另存为 .xlsx',
  en: 'the file is password-protected; remove the password in Excel or WPS and save it as .xlsx',
};

interface CfbEntry {
  name: string;
  size: number;
  content?: Uint8Array;
}

/**
 * Checks the compound file before SheetJS parses it: the workbook stream must be there and whole
 * (SheetJS reads a cut stream without complaint when the cut falls in its last sectors).
 */
function checkCompoundFile(file: string, buf: Buffer): void {
  let entries: CfbEntry[];
  try {
    entries = (XLSX.CFB as { read(b: Buffer, o: { type: 'buffer' }): { FileIndex: CfbEntry[] } }).read(buf, { type: 'buffer' }).FileIndex;
  } catch {
    throw fileUnreadable(file, NOT_XLS);
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) throw fileUnreadable(file, XLS_PASSWORD);
  const book = entries.find((e) => e.name === 'Workbook' || e.name === 'Book');
  if (!book) throw fileUnreadable(file, NOT_XLS);
  if ((book.content?.length ?? 0) < book.size) throw fileUnreadable(file, XLS_TRUNCATED);
}

function parse(file: string, buf: Buffer): XLSX.WorkBook {
  checkCompoundFile(file, buf);
  try {
    return XLSX.read(buf, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false, cellText: true });
  } catch (e) {
    throw fileUnreadable(file, /password/i.test(String((e as Error)?.message)) ? XLS_PASSWORD : NOT_XLS);
  }
}

function cellValue(c: XLSX.CellObject | undefined, date1904: boolean): XlsCell {
  if (!c) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'n': {
      const v = c.v as number;
      if (!Number.isFinite(v)) return null;
      return isDateFormat(typeof c.z === 'string' ? c.z : undefined) ? excelDate(v, date1904) : v;
    }
    case 'b':
      return c.v === true;
    case 'e':
      return c.w ?? '#ERROR'; // '#N/A', '#REF!' …, as the .xlsx reader gives an error cell
    case 'd':
      return c.v instanceof Date ? c.v : null;
    default:
      return null; // 'z': a formatted empty cell
  }
}

function toRawRow(cells: (XLSX.CellObject | undefined)[], number: number, date1904: boolean): RawRow {
  const out: XlsCell[] = [];
  let dropped = 0;
  cells.forEach((c, i) => {
    const v = cellValue(c, date1904);
    if (i >= MAX_CELLS) {
      if (!isBlankCell(v)) dropped++;
      return;
    }
    while (out.length < i) out.push(null);
    out[i] = v;
  });
  return { row: number, cells: out, dropped };
}

export async function openXls(file: string, size: number, wanted: string | undefined): Promise<RowSource> {
  const buf = await readFile(file);
  if (sniffKind(buf) !== 'ole') throw fileUnreadable(file, NOT_XLS);
  const wb = parse(file, buf);
  const props = wb.Workbook?.Sheets ?? [];
  const sheets = wb.SheetNames.map((name, i) => ({ name, hidden: (props[i]?.Hidden ?? 0) !== 0 }));
  if (sheets.length === 0) throw fileEmpty(file);
  const chosen = chooseSheet(file, sheets, wanted);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const data = (wb.Sheets[chosen.name]?.['!data'] ?? []) as ((XLSX.CellObject | undefined)[] | undefined)[];
  let done = 0;

  // async only to share RowSource with the streaming readers: the rows are already in memory
  // eslint-disable-next-line @typescript-eslint/require-await
  async function* rows(): AsyncGenerator<RawRow, void, undefined> {
    for (let r = 0; r < data.length; r++) {
      done = r + 1;
      const cells = data[r];
      if (cells) yield toRawRow(cells, r + 1, date1904);
    }
    done = data.length;
  }

  // the file is read at once; progress follows the rows handed on
  const bytesRead = () => (data.length === 0 ? size : Math.round((size * done) / data.length));
  return { format: 'xls', encoding: null, sheet: chosen.name, rows: rows(), bytesRead };
}
