// Table writers for the demo files: CSV in UTF-8, UTF-8 with BOM or GB18030 (encoded in batches,
// never one big string) and xlsx through ExcelJS's streaming writer, byte-for-byte reproducible.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell } from './dirt.ts';
import type { FileFormat } from './generate.ts';

export interface TableWriter {
  addRow(cells: readonly Cell[]): Promise<void>;
  close(): Promise<void>;
}

export function fileExtension(format: FileFormat): string {
  return format === 'xlsx' ? 'xlsx' : 'csv';
}

/** `fixedDate` stamps the workbook and its zip entries so the same seed gives the same bytes. */
export function openTable(path: string, format: FileFormat, sheetName: string, fixedDate: Date): TableWriter {
  return format === 'xlsx' ? new XlsxWriter(path, sheetName, fixedDate) : new CsvWriter(path, format);
}

const BATCH_LINES = 2000;

class CsvWriter implements TableWriter {
  private readonly out: WriteStream;
  private lines: string[] = [];
  private first = true;

  constructor(path: string, private readonly format: Exclude<FileFormat, 'xlsx'>) {
    this.out = createWriteStream(path);
  }

  async addRow(cells: readonly Cell[]): Promise<void> {
    this.lines.push(cells.map(csvField).join(','));
    if (this.lines.length >= BATCH_LINES) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = `${this.lines.join('\r\n')}\r\n`;
    this.lines = [];
    let bytes: Buffer;
    if (this.format === 'csv-gb18030') bytes = iconv.encode(text, 'gb18030');
    else bytes = Buffer.from(this.first && this.format === 'csv-utf8-bom' ? `\uFEFF${text}` : text, 'utf8');
    this.first = false;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface ZipLike {
  append(source: unknown, data: Record<string, unknown>): unknown;
}

const pinned = new WeakSet<object>();

/** archiver stamps each zip entry with the current time; this writer stamps them with the
 *  workbook's own `created` date instead. The base constructor adds its first entries through
 *  addThemes, after the zip exists, so the pin goes in there. */
class ReproducibleWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip: ZipLike }).zip;
    if (!pinned.has(zip)) {
      pinned.add(zip);
      const append = zip.append.bind(zip);
      const date = this.created;
      zip.append = (source, data) => append(source, { ...data, date });
    }
    return super.addThemes();
  }
}

class XlsxWriter implements TableWriter {
  private readonly workbook: ReproducibleWorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(path: string, sheetName: string, fixedDate: Date) {
    // without the style engine ExcelJS gives date cells the built-in short-date format (id 14),
    // which a Chinese Excel shows as 2012/3/5, and writes several times faster
    const options = { filename: path, useStyles: false, created: fixedDate, modified: fixedDate, creator: 'Fuzhi demo' };
    this.workbook = new ReproducibleWorkbookWriter(options);
    this.sheet = this.workbook.addWorksheet(sheetName);
  }

  private rows = 0;

  async addRow(cells: readonly Cell[]): Promise<void> {
    this.sheet.addRow(cells.map((c) => (c === '' ? null : c))).commit();
    // let the zip stream compress what is written so far instead of buffering the whole sheet
    if (++this.rows % BATCH_LINES === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}
