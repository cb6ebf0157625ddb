// Writing an output table (.csv or .xlsx by extension) through a temporary file in the same folder,
// renamed into place at the end, so a failed export never leaves half a file behind.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { inputError, usageError, type FuzhiError } from '../kernel/errors.ts';
import { writeCsv } from './write-csv.ts';

export interface WriteOptions {
  sheetName?: string;
  /** lines written above the header (e.g. the 公示 batch name and period). */
  title?: string[];
  /** 0-based indexes forced to text cells in xlsx. */
  textColumns?: number[];
}

function notWritable(file: string, e: unknown): FuzhiError {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  const name = basename(file);
  return inputError(
    'FILE_NOT_WRITABLE',
    `无法写入文件 ${name}：请检查文件夹是否存在、是否有写入权限，以及文件是否正在 Excel 中打开（${code}）`,
    `Cannot write ${name}: check that the folder exists and is writable and that the file is not open in Excel (${code}).`,
    { file },
  );
}

async function openTemp(tmp: string, file: string): Promise<WriteStream> {
  const out = createWriteStream(tmp, { flags: 'wx' });
  try {
    await once(out, 'open');
  } catch (e) {
    throw notWritable(file, e);
  }
  return out;
}

/**
 * Throws (exit 2) unless `file` ends in .csv or .xlsx, the formats writeTable writes. Commands that
 * write a file after changing data (import --errors) call it first, so a wrong name changes nothing.
 * There is no .xls writer: rejected rows of an .xls input are written as .xlsx or .csv.
 */
export function checkOutputFile(file: string): void {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') return;
  throw usageError(
    `无法写入 ${basename(file)}：输出文件的扩展名须为 .csv 或 .xlsx`,
    `Cannot write ${basename(file)}: the output file must end in .csv or .xlsx.`,
    { file },
  );
}

/** Writes headers and rows to `file` (.csv or .xlsx) and returns the number of data rows. */
export async function writeTable(
  file: string,
  headers: string[],
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>,
  opts: WriteOptions = {},
): Promise<number> {
  checkOutputFile(file);
  const write = extname(file).toLowerCase() === '.csv' ? writeCsv : (await import('./write-xlsx.ts')).writeXlsx;
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const out = await openTemp(tmp, file);
  try {
    const count = await write(out, headers, rows, opts);
    try {
      await rename(tmp, file);
    } catch (e) {
      throw notWritable(file, e);
    }
    return count;
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
