// Reads a .csv/.txt as raw rows: detects kind, encoding and delimiter from the first megabyte,
// then decodes and parses the file chunk by chunk, so memory does not grow with the file.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { FuzhiError } from '../kernel/errors.ts';
import { CsvParser, UnterminatedQuoteError, type CsvRecord } from './csv-parser.ts';
import { createDecoder, detectDelimiter, detectEncoding, sniffKind, SAMPLE_BYTES } from './detect.ts';
import { fileUnreadable, unsupportedFormat } from './file-errors.ts';
import type { RawRow, RowSource } from './row-source.ts';

const CHUNK_BYTES = 256 * 1024;

async function readHead(file: string, max: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(max + 1);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { bytes: buf.subarray(0, Math.min(got, max)), complete: got <= max };
  } finally {
    await fh.close();
  }
}

export async function openCsv(file: string): Promise<RowSource> {
  const head = await readHead(file, SAMPLE_BYTES);
  const kind = sniffKind(head.bytes);
  if (kind === 'zip') throw unsupportedFormat(file, 'zip-as-csv');
  if (kind === 'ole') throw unsupportedFormat(file, 'xls');
  if (kind === 'utf16') throw unsupportedFormat(file, 'utf16');
  if (kind === 'binary') {
    throw fileUnreadable(file, { zh: '不是文本格式的 CSV 文件', en: 'it is not a text CSV file' });
  }
  const encoding = detectEncoding(head.bytes, head.complete);
  const delimiter = detectDelimiter(createDecoder(encoding)(head.bytes));
  let consumed = 0;

  async function* rows(): AsyncGenerator<RawRow, void, undefined> {
    const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
    const decode = createDecoder(encoding);
    const parser = new CsvParser(delimiter);
    const out: CsvRecord[] = [];
    let lastRow: number | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        consumed += chunk.length;
        parser.push(decode(chunk), out);
        for (const r of out) yield r;
        lastRow = out.at(-1)?.row ?? lastRow;
        out.length = 0;
      }
      parser.push(decode(), out);
      parser.end(out);
      yield* out;
    } catch (e) {
      if (e instanceof FuzhiError) throw e;
      if (e instanceof UnterminatedQuoteError) {
        throw fileUnreadable(
          file,
          {
            zh: `第 ${e.row} 行开始的引号（"）直到文件末尾都没有闭合，文件可能不完整，或该处多了一个引号`,
            en: `the quote (") opened at row ${e.row} is never closed; the file may be cut short, or that quote is stray`,
          },
          e.row,
          true,
        );
      }
      throw fileUnreadable(file, { zh: `读取出错（${String(e)}）`, en: `read error (${String(e)})` }, lastRow);
    } finally {
      stream.destroy();
    }
  }

  return { format: 'csv', encoding, sheet: null, rows: rows(), bytesRead: () => consumed };
}
