// 行政区划代码: GB/T 2260 (2 province, 4 city, 6 county digits) extended by the statistics bureau's
// 9-digit township and 12-digit village codes. Fuzhi stores every code as 12 digits, right-padded.
import { cellText, cleanCode } from './values.ts';

const LEVEL_ENDS = [2, 4, 6, 9, 12] as const;
const ZEROS = '000000000000';

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

export function normalizeRegionCode(input: unknown): string | null {
  let s = cleanCode(typeof input === 'string' ? input : cellText(input));
  // A number cell written out by a float-based export: 513433.0.
  const dot = s.indexOf('.');
  if (dot > 0 && dot < s.length - 1 && zerosFrom(s, dot + 1)) s = s.slice(0, dot);
  if (!allDigits(s)) return null;
  const n = s.length;
  if (n !== 2 && n !== 4 && n !== 6 && n !== 9 && n !== 12) return null;
  // Province 00 does not exist; such a cell is a placeholder, not a place.
  if (s.startsWith('00')) return null;
  return s + ZEROS.slice(n);
}

export function countyOf(code12: string): string {
  return code12.slice(0, 6);
}

export function townshipOf(code12: string): string {
  return code12.slice(0, 9);
}

function zerosFrom(code: string, from: number): boolean {
  for (let i = from; i < code.length; i++) if (code.charCodeAt(i) !== 48) return false;
  return true;
}

/** 1 province, 2 city (地级), 3 county, 4 township (乡镇), 5 village (村/社区). */
export function regionLevel(code12: string): 1 | 2 | 3 | 4 | 5 {
  if (zerosFrom(code12, 2)) return 1;
  if (zerosFrom(code12, 4)) return 2;
  if (zerosFrom(code12, 6)) return 3;
  if (zerosFrom(code12, 9)) return 4;
  return 5;
}

/** The deepest level at which both codes name the same region, no deeper than the shallower code. */
export function sharedLevel(a: string | null, b: string | null): 0 | 1 | 2 | 3 | 4 | 5 {
  if (!a || !b) return 0;
  const max = Math.min(regionLevel(a), regionLevel(b));
  let level = 0;
  for (let i = 0; i < max; i++) {
    if (a.slice(0, LEVEL_ENDS[i]) !== b.slice(0, LEVEL_ENDS[i])) break;
    level = i + 1;
  }
  return level as 0 | 1 | 2 | 3 | 4 | 5;
}

/** Province first, then each level down to the code's parent, as 12-digit codes. */
export function parentCodes(code12: string): string[] {
  const level = regionLevel(code12);
  const out: string[] = [];
  for (let i = 0; i < level - 1; i++) out.push(code12.slice(0, LEVEL_ENDS[i]) + ZEROS.slice(LEVEL_ENDS[i]));
  return out;
}
