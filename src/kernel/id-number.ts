// 公民身份号码 (GB 11643-1999): check digit, validation, legacy 15-digit conversion, and the parse of
// dirty export cells into a usable ID or a named problem that the import reports row by row.
import { inputError } from './errors.ts';
import { isRealDate } from './dates.ts';
import { cellText, cleanCode } from './values.ts';

export type IdStatus =
  | 'valid'
  | 'converted15'
  | 'bad_checksum'
  | 'bad_date'
  | 'truncated17'
  | 'excel_destroyed'
  | 'malformed'
  | 'empty';

export interface IdParse {
  status: IdStatus;
  id: string | null;
  digits: string | null;
  raw: string | null;
}

// ISO 7064 MOD 11-2 as GB 11643-1999 §8.2 tabulates it.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

function digitsOnly(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Form of an 18-character ID: 17 digits then a digit or X. */
function isId18Form(s: string): boolean {
  if (s.length !== 18 || !digitsOnly(s, 0, 17)) return false;
  const c = s.charCodeAt(17);
  return (c >= 48 && c <= 57) || c === 88;
}

/** Check character of the first 17 digits of `s`; callers have checked they are digits. */
function checkCharOf(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function checkDigit(first17: string): string {
  if (first17.length !== 17 || !digitsOnly(first17, 0, 17)) {
    throw inputError('ID_FORMAT', `校验码需要 17 位数字，收到“${first17}”`, `a check digit needs 17 digits, got "${first17}"`);
  }
  return checkCharOf(first17);
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Whether the 出生日期码 (positions 7–14, already known to be digits) is a real day in 1900–2099. */
function birthOk(s: string): boolean {
  const y = num(s, 6, 10);
  return y >= 1900 && y <= 2099 && isRealDate(y, num(s, 10, 12), num(s, 12, 14));
}

/** 'YYYY-MM-DD' of the 出生日期码 when it is a real day in 1900–2099. */
export function birthDateFromId(id18: string): string | null {
  if (id18.length < 14 || !digitsOnly(id18, 6, 14) || !birthOk(id18)) return null;
  return `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
}

export function isValidId18(s: string): boolean {
  return isId18Form(s) && checkCharOf(s) === s[17] && birthOk(s);
}

/** GB 11643-1999 §7: the 15-digit form (1984–1999 cards) omits the century '19' and the check digit. */
export function convert15to18(id15: string): string {
  if (id15.length !== 15 || !digitsOnly(id15, 0, 15)) {
    throw inputError('ID_FORMAT', `15 位身份证号应为 15 位数字，收到“${id15}”`, `a 15-digit ID needs 15 digits, got "${id15}"`);
  }
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkDigit(first17);
}

/** 顺序码 (17th digit): odd for men, even for women. */
export function sexFromId(id18: string): 'M' | 'F' {
  return (id18.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
}

/** How two same-length IDs differ: the two typing slips a matcher may forgive, or more. */
export function idDistance(a: string, b: string): 'equal' | 'substitution' | 'transposition' | 'far' {
  if (a.length !== b.length) return 'far';
  let first = -1;
  let second = -1;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (first < 0) first = i;
    else if (second < 0) second = i;
    else return 'far';
  }
  if (first < 0) return 'equal';
  if (second < 0) return 'substitution';
  if (second === first + 1 && a[first] === b[second] && a[second] === b[first]) return 'transposition';
  return 'far';
}

function result(status: IdStatus, raw: string | null, id: string | null = null, digits: string | null = null): IdParse {
  return { status, id, digits, raw };
}

function from18(s: string, raw: string): IdParse {
  if (checkCharOf(s) !== s[17]) {
    // Excel shows 15 significant digits and fills the rest with zeros: 513433200501011234 → …011000.
    if (s.endsWith('000')) return result('excel_destroyed', raw);
    return result('bad_checksum', raw, null, s);
  }
  return birthOk(s) ? result('valid', raw, s) : result('bad_date', raw, null, s);
}

function from15(s: string, raw: string): IdParse {
  const y = 1900 + Number(s.slice(6, 8));
  if (!isRealDate(y, Number(s.slice(8, 10)), Number(s.slice(10, 12)))) return result('malformed', raw, null, s);
  return result('converted15', raw, convert15to18(s));
}

function fromDigitString(s: string, raw: string): IdParse {
  if (s.length === 18) return from18(s, raw);
  if (s.length === 15) return from15(s, raw);
  if (s.length === 17) return result('truncated17', raw, null, s);
  return result('malformed', raw);
}

// 5.13433E+17, 5,13433E+17 (comma decimal), 5.13433e17: what CSV exports write for a number cell.
const SCIENTIFIC = /^(\d+)(?:[.,](\d*))?E\+?(\d+)$/;
// 513433200501011234.0 or 513,433,200,501,011 from a number cell: the value passed through a double.
const FLOAT_TEXT = /^(\d{1,3}(?:,\d{3})+|\d+)\.0+$|^(\d{1,3}(?:,\d{3})+)$/;

function fromNumberText(s: string, raw: string): IdParse {
  const sci = SCIENTIFIC.exec(s);
  if (sci) {
    const intPart = sci[1].replace(/^0+/, '');
    const frac = sci[2] ?? '';
    const exp = Number(sci[3]);
    if (intPart.length + exp < 15) return result('malformed', raw);
    if (frac.length > exp) return result('malformed', raw);
    // Every digit written out (a person typed it): the number is still whole.
    if (frac.length === exp) return fromDigitString(intPart + frac, raw);
    return result('excel_destroyed', raw);
  }
  const fl = FLOAT_TEXT.exec(s);
  if (fl) {
    const whole = (fl[1] ?? fl[2]).replaceAll(',', '');
    // A double holds 15 digits exactly; 16 or more were rounded before they were written.
    if (whole.length === 15) return from15(whole, raw);
    if (whole.length > 15 && whole.length <= 18) return result('excel_destroyed', raw);
  }
  return result('malformed', raw);
}

function fromNumber(n: number): IdParse {
  const raw = String(n);
  if (Number.isInteger(n) && n >= 1e14 && n < 1e15) return from15(raw, raw);
  if (n >= 1e15 && Number.isFinite(n)) return result('excel_destroyed', raw);
  return fromText(raw, raw);
}

function fromText(text: string, raw: string): IdParse {
  let s = cleanCode(text);
  if (s === '') return result('empty', null);
  if (isId18Form(s) || (s.length <= 18 && digitsOnly(s, 0, s.length))) return fromDigitString(s, raw);
  s = s.toUpperCase();
  if (isId18Form(s)) return from18(s, raw);
  return fromNumberText(s, raw);
}

export function parseIdNumber(input: unknown): IdParse {
  if (input === null || input === undefined) return result('empty', null);
  if (typeof input === 'number') return fromNumber(input);
  const raw = typeof input === 'string' ? input : cellText(input);
  return fromText(raw, raw);
}
