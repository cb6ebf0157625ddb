// What the csv, xlsx and xls readers hand to read-table: raw rows with their sheet row numbers,
// plus the limits both enforce so that one huge cell or row cannot exhaust memory.

/** Cells longer than this are reported and replaced by ''. */
export const MAX_CELL_CHARS = 10_000;
/** Cells beyond this column are ignored (and reported when not blank). */
export const MAX_CELLS = 300;

/** Stands for a cell longer than MAX_CELL_CHARS: its length and first characters, not its text. */
export class LongCell {
  constructor(
    readonly length: number,
    readonly head: string,
  ) {}

  /** The text kept for an errors file: '前 60 个字符…(52428800 字符/chars)'. */
  toString(): string {
    return `${this.head}…(${this.length} 字符/chars)`;
  }
}

export interface RawRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** cells in file order, at most MAX_CELLS; csv: string | LongCell; xlsx and xls: string | number | Date | boolean | null. */
  cells: unknown[];
  /** how many non-blank cells beyond MAX_CELLS were dropped. */
  dropped: number;
}

/** What a table file is read as: an .xls holding a zip is read as 'xlsx'. */
export type TableFormat = 'csv' | 'xlsx' | 'xls';

export interface RowSource {
  format: TableFormat;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  /** the sheet being read (xlsx, xls), for messages. */
  sheet: string | null;
  rows: AsyncGenerator<RawRow, void, undefined>;
  bytesRead(): number;
}

export function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function isBlankRow(r: RawRow): boolean {
  return r.dropped === 0 && r.cells.every(isBlankCell);
}
