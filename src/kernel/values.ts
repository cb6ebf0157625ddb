// Cell values as they arrive from 学籍, 建档立卡 and bureau spreadsheets, turned into plain values:
// sex, yes/no (寄宿), text, and the cleaning shared by every code column (ID, 学籍号, region code).

/** Full-width ASCII (Ａ-Ｚ, ０-９, ＂…) and the ideographic space U+3000 → half-width. */
export function toHalfWidth(s: string): string {
  let i = 0;
  // Most cells are already half-width: return them without allocating.
  while (i < s.length && s.charCodeAt(i) < 0x3000) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Spaces of every kind that Excel, Word and web forms leave inside codes and names. */
export function isSpaceCode(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const QUOTE_CHARS = '"\'“”‘’`「」『』';
const LEADING_APOSTROPHES = '\'‘’`';

function isPlainAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/**
 * A code cell (身份证件号, 学籍号, 行政区划代码) without the dirt that exports add: all spaces,
 * full-width characters, a leading apostrophe (Excel's "store as text"), surrounding quotes and
 * the text-formula form ="…". Case is kept; callers upper-case where the code allows it.
 */
export function cleanCode(input: string): string {
  if (isPlainAlnum(input)) return input;
  let s = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (isSpaceCode(c)) continue;
    s += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : input[i];
  }
  for (;;) {
    const n = s.length;
    if (n >= 3 && s.charCodeAt(0) === 61 && s.charCodeAt(1) === 34 && s.charCodeAt(n - 1) === 34) {
      s = s.slice(2, n - 1);
    } else if (n >= 2 && QUOTE_CHARS.includes(s[0]) && QUOTE_CHARS.includes(s[n - 1])) {
      s = s.slice(1, n - 1);
    } else if (n >= 1 && LEADING_APOSTROPHES.includes(s[0])) {
      s = s.slice(1);
    } else {
      return s;
    }
  }
}

const SEX: Record<string, 'M' | 'F'> = {
  男: 'M', 男性: 'M', 男生: 'M', m: 'M', male: 'M', '1': 'M',
  女: 'F', 女性: 'F', 女生: 'F', f: 'F', female: 'F', '2': 'F',
};

/** 性别 as written by 学籍 (男/女), the poverty registry (男性/女性) or coded exports (1 男, 2 女: GB/T 2261.1). */
export function parseSex(input: unknown): 'M' | 'F' | null {
  const key = toHalfWidth(cellText(input)).toLowerCase();
  return SEX[key] ?? null;
}

const YES_NO: Record<string, boolean> = {
  是: true, 否: false, y: true, n: false, yes: true, no: false,
  '1': true, '0': false, true: true, false: false, 有: true, 无: false,
  // 学籍 "是否寄宿" columns often hold the boarding status itself.
  寄宿: true, 住校: true, 寄宿生: true, 走读: false, 非寄宿: false, 走读生: false,
};

/** 是/否 columns, including 寄宿/走读 written in place of 是/否. */
export function parseYesNo(input: unknown): boolean | null {
  if (typeof input === 'boolean') return input;
  const key = toHalfWidth(cellText(input)).toLowerCase();
  return YES_NO[key] ?? null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function numberText(n: number): string {
  const s = String(n);
  if (!s.includes('e')) return s;
  // Beyond 1e21 every double is an integer; below 1 the exponent form is what a clerk cannot read.
  if (Math.abs(n) >= 1) return BigInt(n).toString();
  // 1.5e-7 → 0.00000015: shift the shortest round-trip digits instead of printing binary noise.
  const [mantissa, exp] = String(Math.abs(n)).split('e-');
  const digits = mantissa.replace('.', '');
  return `${n < 0 ? '-' : ''}0.${'0'.repeat(Number(exp) - 1)}${digits}`;
}

/**
 * Any cell (string, number, Date, ExcelJS rich text / hyperlink / formula objects) as trimmed text.
 * Dates use their UTC day because ExcelJS builds Date values at UTC midnight.
 */
export function cellText(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string') return input.trim();
  if (typeof input === 'number') return Number.isFinite(input) ? numberText(input) : '';
  if (typeof input === 'bigint' || typeof input === 'boolean') return String(input);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return '';
    return `${input.getUTCFullYear()}-${pad2(input.getUTCMonth() + 1)}-${pad2(input.getUTCDate())}`;
  }
  if (typeof input === 'object') {
    const o = input as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('').trim();
    }
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text.trim();
    if (typeof o.error === 'string') return o.error;
  }
  return '';
}
