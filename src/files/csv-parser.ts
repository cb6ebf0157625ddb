// A streaming RFC 4180 parser: a state machine fed decoded text chunk by chunk (csv-source.ts).
// Fields are built from slices, never char by char, and a field past the cell limit is only counted.
import { LongCell, MAX_CELL_CHARS, MAX_CELLS } from './row-source.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const HEAD_CHARS = 60;

// Parser states.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // a quote inside a quoted field: either "" or the closing quote
const AFTER_CR = 4; // a record just ended with CR; a following LF belongs to it

export interface CsvRecord {
  /** 1-based record number, which is the row Excel shows (a quoted newline stays in its row). */
  row: number;
  cells: (string | LongCell)[];
  /** non-blank fields beyond the cell limit, not kept. */
  dropped: number;
}

/** A quote opened at `row` is still open at the end of the file. */
export class UnterminatedQuoteError extends Error {
  constructor(readonly row: number) {
    super(`unterminated quote opened at row ${row}`);
  }
}

export class CsvParser {
  private readonly delim: number;
  private state = FIELD_START;
  private row = 1;
  private quoteRow = 0;
  private cells: (string | LongCell)[] = [];
  private fields = 0;
  private dropped = 0;
  // The field so far: one slice (the usual case), or pieces when it spans chunks or "" escapes.
  private piece = '';
  private pieces: string[] | null = null;
  private length = 0;
  private longHead: string | null = null;

  constructor(
    delimiter: string,
    private readonly limits = { cellChars: MAX_CELL_CHARS, cells: MAX_CELLS },
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses `text` (the next decoded chunk) and appends every record it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const d = this.delim;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case AFTER_CR:
          if (text.charCodeAt(i) === LF) i++;
          this.state = FIELD_START;
          break;
        case FIELD_START:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = QUOTED;
            this.quoteRow = this.row;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (j > i) this.append(text, i, j);
          if (j < n) this.endAt(text.charCodeAt(j), out);
          i = j + 1;
          break;
        }
        case QUOTED: {
          const j = text.indexOf('"', i);
          const stop = j < 0 ? n : j;
          if (stop > i) this.append(text, i, stop);
          if (j >= 0) this.state = QUOTE_SEEN;
          i = stop + 1;
          break;
        }
        case QUOTE_SEEN: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.append('"', 0, 1);
            this.state = QUOTED;
            i++;
          } else if (c === d || c === LF || c === CR) {
            this.endAt(c, out);
            i++;
          } else {
            // Lenient, as Excel is: text after a closing quote ("a"b) is kept as written.
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  /** Ends the input: completes the last record, or throws if a quote is still open. */
  end(out: CsvRecord[]): void {
    if (this.state === QUOTED) throw new UnterminatedQuoteError(this.quoteRow);
    if (this.state === UNQUOTED || this.state === QUOTE_SEEN || (this.state === FIELD_START && this.fields > 0)) {
      this.endField();
      this.endRecord(out);
    }
    this.state = FIELD_START;
  }

  private endAt(c: number, out: CsvRecord[]): void {
    this.endField();
    if (c === this.delim) {
      this.state = FIELD_START;
    } else {
      this.endRecord(out);
      this.state = c === CR ? AFTER_CR : FIELD_START;
    }
  }

  private append(text: string, from: number, to: number): void {
    const len = to - from;
    if (this.longHead === null && this.length + len > this.limits.cellChars) {
      this.longHead = (this.pieces ? this.pieces.join('') : this.piece).slice(0, HEAD_CHARS);
      this.piece = '';
      this.pieces = null;
    }
    if (this.longHead === null) {
      const slice = from === 0 && to === text.length ? text : text.slice(from, to);
      if (this.length === 0) this.piece = slice;
      else if (this.pieces) this.pieces.push(slice);
      else this.pieces = [this.piece, slice];
    } else if (this.longHead.length < HEAD_CHARS) this.longHead += text.slice(from, Math.min(to, from + HEAD_CHARS - this.longHead.length));
    this.length += len;
  }

  private endField(): void {
    let value: string | LongCell;
    if (this.longHead !== null) value = new LongCell(this.length, this.longHead);
    else value = this.pieces ? this.pieces.join('') : this.piece;
    this.piece = '';
    this.pieces = null;
    this.length = 0;
    this.longHead = null;
    this.fields++;
    if (this.cells.length < this.limits.cells) this.cells.push(value);
    else if (typeof value !== 'string' || value.trim() !== '') this.dropped++;
  }

  private endRecord(out: CsvRecord[]): void {
    out.push({ row: this.row, cells: this.cells, dropped: this.dropped });
    this.row++;
    this.cells = [];
    this.fields = 0;
    this.dropped = 0;
  }
}
