// Test helper: old Excel .xls workbooks made on the fly with SheetJS CE's writer (no binary fixtures
// in git). BIFF8 (Excel 97-2003) as Excel writes it, and a BIFF5 (Excel 5.0/95) workbook whose text
// is stored in the GBK code page (936), as old Chinese systems still export.
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';

/** Cell values as a row of a sheet: Dates become date cells (yyyy-mm-dd), numbers number cells. */
export type XlsRow = (string | number | Date | boolean | null)[];

function workbook(sheets: [name: string, rows: XlsRow[]][], hidden: string[] = []): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true, dateNF: 'yyyy-mm-dd' });
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  wb.Workbook = { Sheets: sheets.map(([name]) => ({ name, Hidden: hidden.includes(name) ? 1 : 0 })) };
  return wb;
}

/** An Excel 97-2003 workbook (BIFF8, text in UTF-16 as Excel stores it). */
export function biff8(sheets: [name: string, rows: XlsRow[]][], hidden: string[] = []): Buffer {
  return Buffer.from(XLSX.write(workbook(sheets, hidden), { type: 'buffer', bookType: 'biff8' }) as Uint8Array);
}

/**
 * An Excel 5.0/95 workbook (BIFF5) whose CODEPAGE record says 936 and whose text cells and sheet
 * names are GBK bytes. The writer only knows code page 1252, so each Chinese text is written as an
 * ASCII stand-in of the same byte length and its GBK bytes are put in place afterwards.
 */
export function biff5Gbk(sheetName: string, rows: (string | number | null)[][]): Buffer {
  const texts = [sheetName, ...rows.flat().filter((v): v is string => typeof v === 'string' && [...v].some((ch) => ch.charCodeAt(0) > 0x7f))];
  const standIn = new Map<string, string>();
  texts.forEach((t, i) => {
    const bytes = iconv.encode(t, 'gbk').length;
    standIn.set(t, `${String.fromCharCode(0x41 + (i % 26), 0x61 + Math.floor(i / 26))}${'~'.repeat(bytes)}`.slice(0, bytes));
  });
  const swap = (v: string | number | null) => (typeof v === 'string' ? (standIn.get(v) ?? v) : v);
  const wb = workbook([[standIn.get(sheetName) ?? sheetName, rows.map((r) => r.map(swap))]]);
  const buf = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff5' }) as Uint8Array);
  for (const [text, ascii] of standIn) {
    const from = Buffer.from(ascii, 'latin1');
    const to = iconv.encode(text, 'gbk');
    for (let i = buf.indexOf(from); i >= 0; i = buf.indexOf(from, i + to.length)) to.copy(buf, i);
  }
  const codepage = buf.indexOf(Buffer.from([0x42, 0x00, 0x02, 0x00, 0xe4, 0x04])); // CODEPAGE = 1252
  if (codepage < 0) throw new Error('no CODEPAGE record in the BIFF5 stream');
  buf.writeUInt16LE(936, codepage + 4);
  return buf;
}
