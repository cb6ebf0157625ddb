// The errors a table file can raise, each in Chinese and English and naming the file (exit code 2).
// Kept in one place so the reader's modules word the same problem the same way.
import { basename } from 'node:path';
import { clip, inputError, type FuzhiError } from '../kernel/errors.ts';

const SAVE_AS = { zh: '请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后重试', en: 'save it as .xlsx or .csv in Excel or WPS and try again' };

export function unsupportedFormat(file: string, why: 'xls' | 'extension' | 'utf16' | 'zip-as-csv'): FuzhiError {
  const name = basename(file);
  const what = {
    xls: { zh: '文件内容是旧版 Excel 97-2003（.xls）工作簿而不是 CSV 文本', en: 'the file holds an old Excel 97-2003 (.xls) workbook, not CSV text' },
    extension: { zh: '只能读取 .xlsx、.xls、.csv 或 .txt 文件', en: 'only .xlsx, .xls, .csv and .txt files can be read' },
    utf16: { zh: '文件是 UTF-16（“Unicode 文本”）编码，不受支持', en: 'the file is UTF-16 ("Unicode text"), which is not supported' },
    'zip-as-csv': { zh: '文件内容是 Excel 工作簿而不是 CSV 文本', en: 'the file holds an Excel workbook, not CSV text' },
  }[why];
  const fix = why === 'zip-as-csv'
    ? { zh: '请把扩展名改为 .xlsx 后重试', en: 'rename it to .xlsx and try again' }
    : why === 'xls'
      ? { zh: '请把扩展名改为 .xls 后重试', en: 'rename it to .xls and try again' }
      : SAVE_AS;
  return inputError('UNSUPPORTED_FORMAT', `无法读取文件 ${name}：${what.zh}，${fix.zh}`, `Cannot read ${name}: ${what.en}; ${fix.en}.`, { file });
}

export function fileNotFound(file: string): FuzhiError {
  const name = basename(file);
  return inputError('FILE_NOT_FOUND', `找不到文件 ${name}，请检查路径`, `File not found: ${name}; check the path.`, { file });
}

export function fileEmpty(file: string, sheet?: string): FuzhiError {
  const name = basename(file);
  const zh = sheet === undefined ? `文件 ${name} 是空的，没有任何数据` : `文件 ${name} 的工作表“${sheet}”是空的，没有任何数据`;
  const en = sheet === undefined ? `File ${name} is empty.` : `Sheet "${sheet}" of ${name} is empty.`;
  return inputError('FILE_EMPTY', zh, en, { file });
}

/**
 * reason: what is wrong, in words a user can act on. row: how far reading got, when known; it is
 * also said in the message unless the reason already names it.
 */
export function fileUnreadable(file: string, reason: { zh: string; en: string }, row?: number, reasonNamesRow = false): FuzhiError {
  const name = basename(file);
  const at = row === undefined || reasonNamesRow ? { zh: '', en: '' } : { zh: `（读到第 ${row} 行时）`, en: ` (at row ${row})` };
  return inputError(
    'FILE_UNREADABLE',
    `无法读取文件 ${name}${at.zh}：${reason.zh}`,
    `Cannot read ${name}${at.en}: ${reason.en}.`,
    row === undefined ? { file } : { file, row },
  );
}

export const NOT_XLSX = {
  zh: '不是有效的 Excel 文件（可能已损坏、未完整下载，或只是改了扩展名），请用 Excel 或 WPS 打开后另存为 .xlsx',
  en: 'not a valid Excel file (damaged, partly downloaded, or only renamed); open it in Excel or WPS and save it as .xlsx',
};

export const ENCRYPTED_OR_XLS = {
  zh: '不是有效的 .xlsx 文件：它可能设置了打开密码，或其实是旧版 .xls 文件；请取消密码并另存为 .xlsx',
  en: 'not a valid .xlsx file: it may be password-protected or really an old .xls file; remove the password and save it as .xlsx',
};

export function sheetNotFound(file: string, sheet: string, available: string[]): FuzhiError {
  const name = basename(file);
  const list = available.map((s) => `“${s}”`).join('、');
  return inputError(
    'SHEET_NOT_FOUND',
    `文件 ${name} 中没有名为“${sheet}”的工作表；现有工作表：${list}`,
    `File ${name} has no sheet named "${sheet}"; its sheets are: ${available.map((s) => `"${s}"`).join(', ')}.`,
    { file, value: sheet },
  );
}

export function headerNotFound(
  file: string,
  label: string,
  missing: string[],
  candidate: { row: number; cells: string[] } | undefined,
  scanned: number,
  wholeFile: boolean,
): FuzhiError {
  const name = basename(file);
  const cells = candidate ? clip(candidate.cells.filter(Boolean).join(' | '), 200) : '';
  const seen = candidate
    ? { zh: `最接近的是第 ${candidate.row} 行：${cells}`, en: ` The closest was row ${candidate.row}: ${cells}` }
    : { zh: '', en: '' };
  const where = wholeFile ? { zh: `文件 ${name} 中`, en: `in ${name}` } : { zh: `文件 ${name} 的前 ${scanned} 个非空行中`, en: `in the first ${scanned} non-blank rows of ${name}` };
  return inputError(
    'HEADER_NOT_FOUND',
    `${where.zh}找不到${label}的表头，缺少列：${missing.join('、')}。${seen.zh}`,
    `No ${label} header row found ${where.en}; missing columns: ${missing.join(', ')}.${seen.en}`,
    candidate ? { file, row: candidate.row } : { file },
  );
}
