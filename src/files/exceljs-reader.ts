// ExcelJS's streaming WorkbookReader, with one defect fixed: it decodes each zip chunk to text on its
// own, so a Chinese character split across two chunks became two U+FFFD. Chunks are re-cut here at
// character boundaries before ExcelJS sees them (shared strings, styles, workbook and sheets).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** The length of the longest prefix of `b` that ends on a whole UTF-8 character. */
export function wholeCharsLength(b: Uint8Array): number {
  let i = b.length - 1;
  while (i >= 0 && b.length - i <= 4 && (b[i] & 0xc0) === 0x80) i--;
  if (i < 0 || b.length - i > 4) return b.length; // not UTF-8 here; leave it to the XML parser
  const lead = b[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i < size ? i : b.length;
}

/** The same bytes, re-chunked so that no chunk ends inside a character. */
export async function* wholeChars(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const c of chunks) {
    let buf = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    if (carry) buf = Buffer.concat([carry, buf]);
    const cut = wholeCharsLength(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry) yield carry;
}

/** A sheet as ExcelJS's reader emits it; `source` is what it reads from (a temporary file, when parked). */
export interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  source?: { destroy?: () => void; on?: (event: 'error', listener: () => void) => void; bytesRead?: number };
}

/**
 * Stops reading a sheet's source. A parked copy may still be opening when ExcelJS deletes it, and
 * that late ENOENT must not become an unhandled 'error' event that ends the process.
 */
export function closeSheet(sheet: SheetReader | undefined): void {
  sheet?.source?.on?.('error', () => undefined);
  sheet?.source?.destroy?.();
}

export interface BookReader extends AsyncIterable<SheetReader> {
  on(event: 'entry', listener: (e: { type: string; id?: string }) => void): void;
  properties?: { model?: { date1904?: boolean } };
}

type Entry = NodeJS.ReadableStream & AsyncIterable<Uint8Array>;
type Base = new (input: NodeJS.ReadableStream, options: object) => {
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown>;
  _parseStyles(entry: Entry): Promise<void>;
  _parseWorkbook(entry: Entry): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string): Generator<{ eventType: string; value: SheetReader }>;
};

const Original = ExcelJS.stream.xlsx.WorkbookReader as unknown as Base;
for (const m of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook', '_parseWorksheet'] as const) {
  if (typeof Original.prototype[m] !== 'function') throw new Error(`exceljs changed: WorkbookReader.${m} is gone`);
}

function whole(entry: Entry): Entry {
  return Readable.from(wholeChars(entry), { objectMode: false });
}

class WholeCharsReader extends Original {
  override _parseSharedStrings(entry: Entry) {
    return super._parseSharedStrings(whole(entry));
  }

  override _parseStyles(entry: Entry) {
    return super._parseStyles(whole(entry));
  }

  override _parseWorkbook(entry: Entry) {
    return super._parseWorkbook(whole(entry));
  }

  override *_parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string) {
    for (const event of super._parseWorksheet(wholeChars(iterator), sheetNo)) {
      event.value.source = iterator as SheetReader['source'];
      yield event;
    }
  }
}

const OPTIONS = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' } as const;

export function createBookReader(input: NodeJS.ReadableStream): BookReader {
  return new WholeCharsReader(input, OPTIONS) as unknown as BookReader;
}
