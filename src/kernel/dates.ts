// Birth dates and other dates as exports write them (2012-03-05, 2012/3/5, 20120305, 2012年3月5日,
// Excel serials, 出生年月 with month only) → 'YYYY-MM-DD', with the reason when a cell cannot be read.
import { toHalfWidth } from './values.ts';

export interface DateParse {
  date: string | null;
  precision: 'day' | 'month' | null;
  problem: 'empty' | 'unparseable' | 'impossible' | null;
}

const EMPTY: DateParse = { date: null, precision: null, problem: 'empty' };
const UNPARSEABLE: DateParse = { date: null, precision: null, problem: 'unparseable' };
const IMPOSSIBLE: DateParse = { date: null, precision: null, problem: 'impossible' };

// Excel's 1900 date system: serial 1 = 1900-01-01, 60 = the non-existent 1900-02-29 (Lotus bug),
// 73050 = 2099-12-31, the last day Fuzhi accepts.
const MAX_SERIAL = 73050;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function make(y: number, m: number, d: number, precision: 'day' | 'month'): DateParse {
  if (y < 1900 || y > 2099 || !isRealDate(y, m, d)) return IMPOSSIBLE;
  return { date: `${y}-${pad2(m)}-${pad2(d)}`, precision, problem: null };
}

function fromSerial(serial: number): DateParse {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_SERIAL) return UNPARSEABLE;
  if (whole === 60) return IMPOSSIBLE;
  const ms = EXCEL_EPOCH_MS + (whole < 60 ? whole + 1 : whole) * DAY_MS;
  const d = new Date(ms);
  return make(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 'day');
}

function fromNumber(n: number): DateParse {
  if (!Number.isFinite(n)) return UNPARSEABLE;
  if (Number.isInteger(n)) {
    if (n >= 10_000_000 && n <= 99_999_999) return make(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, 'day');
    if (n >= 100_000 && n <= 999_999) return make(Math.floor(n / 100), n % 100, 1, 'month');
    // 1985 in a date column is a year, not Excel's 1905-06-07: ask a person instead of guessing.
    if (n >= 1900 && n <= 2099) return UNPARSEABLE;
    return fromSerial(n);
  }
  if (n > 1900 && n < 2100) {
    // 出生年月 typed as 2012.03 is stored by Excel as the number 2012.03.
    const y = Math.floor(n);
    const hundredths = Math.round((n - y) * 100);
    if (Math.abs((n - y) * 100 - hundredths) > 1e-6) return fromSerial(n);
    // 2012.1 could be January or 2012.10 with its zero dropped by Excel.
    if (hundredths === 10) return UNPARSEABLE;
    const m = hundredths % 10 === 0 ? hundredths / 10 : hundredths;
    return make(y, m, 1, 'month');
  }
  return fromSerial(n);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

// 'YYYY-MM-DD' is most of every file: read it without the regular expression.
const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
function isIsoShape(s: string): boolean {
  for (const i of ISO_DIGITS) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

// Year, separator, month, then a day after 月 or after a separator, then an optional time part.
const SEPARATED =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月\s*(?:(\d{1,2})\s*[日号]?)?|[-/.]\s*(\d{1,2})\s*[日号]?)?(?:[T\s]+\d{1,2}:\d{2}.*)?$/;

function fromDigits(s: string): DateParse {
  const n = s.length;
  if (n === 8) return make(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), 'day');
  if (n === 6) return make(Number(s.slice(0, 4)), Number(s.slice(4, 6)), 1, 'month');
  if (n === 4) return UNPARSEABLE; // a year alone, or an ambiguous serial
  if (n <= 5) return fromSerial(Number(s));
  return UNPARSEABLE;
}

function fromString(input: string): DateParse {
  const s = toHalfWidth(input).trim();
  if (s === '') return EMPTY;
  if (s.length === 10 && s[4] === '-' && s[7] === '-' && isIsoShape(s)) {
    return make(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), 'day');
  }
  let allDigits = true;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (!isDigitCode(c)) allDigits = false;
  }
  if (allDigits && dots === 0) return fromDigits(s);
  // Serial with a time fraction (40973.5), as CSV exports of datetime cells write it.
  if (allDigits && dots === 1 && s.indexOf('.') !== 4) return s.indexOf('.') > 5 ? UNPARSEABLE : fromSerial(Number(s));
  const m = SEPARATED.exec(s);
  if (!m) return UNPARSEABLE;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = m[3] ?? m[4];
  if (day === undefined) {
    // '2012.1' from a CSV of the number 2012.10 lost its zero: January or October, nobody knows.
    if (s.length === 6 && s[4] === '.' && m[2] === '1') return UNPARSEABLE;
    return make(y, mo, 1, 'month');
  }
  return make(y, mo, Number(day), 'day');
}

export function parseDate(input: unknown): DateParse {
  if (input === null || input === undefined) return EMPTY;
  if (typeof input === 'string') return fromString(input);
  if (typeof input === 'number') return fromNumber(input);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return UNPARSEABLE;
    return make(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate(), 'day');
  }
  if (typeof input === 'bigint') return fromString(input.toString());
  return UNPARSEABLE;
}

/** Whole years completed on `on` (周岁); a 29 February birthday completes on 1 March in common years. */
export function ageOn(birth: string, on: string): number {
  const by = Number(birth.slice(0, 4));
  const bm = Number(birth.slice(5, 7));
  const bd = Number(birth.slice(8, 10));
  const oy = Number(on.slice(0, 4));
  const om = Number(on.slice(5, 7));
  const od = Number(on.slice(8, 10));
  const years = oy - by;
  return om < bm || (om === bm && od < bd) ? years - 1 : years;
}

/** China Standard Time, UTC+8 all year (no daylight saving since 1991): the time of every date people see. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar date in Asia/Shanghai of an instant: 2026-03-01T17:30:00Z → 2026-03-02. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A stored ISO timestamp (UTC) as people read it, Asia/Shanghai local time `YYYY-MM-DD HH:mm`; a
 * bare date is returned as it is, and text that is no timestamp unchanged (never an invented time).
 */
export function shanghaiDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return iso;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
