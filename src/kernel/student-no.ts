// 全国学籍号: G + 身份证件号 (issued after the national duplicate check), J + a generated number for
// students without an ID, L + 18 characters for a temporary number. The G form carries the ID itself.
import { isValidId18 } from './id-number.ts';
import { cellText, cleanCode } from './values.ts';

export type StudentNoKind = 'G' | 'J' | 'L' | 'other';

export interface StudentNoParse {
  kind: StudentNoKind;
  value: string | null;
  embeddedId: string | null;
}

function isDigits(s: string, from: number): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isAlnum(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

function isIdShape(s: string, from: number): boolean {
  if (s.length - from !== 18) return false;
  const last = s.charCodeAt(s.length - 1);
  return isDigits(s.slice(from, s.length - 1), 0) && ((last >= 48 && last <= 57) || last === 88);
}

export function parseStudentNo(input: unknown): StudentNoParse {
  const text = typeof input === 'string' ? input : cellText(input);
  const value = cleanCode(text).toUpperCase();
  if (value === '') return { kind: 'other', value: null, embeddedId: null };
  const head = value[0];
  if (head === 'G' && isIdShape(value, 1)) {
    const id = value.slice(1);
    // A G number whose ID fails the check was mistyped after issue; the ID is not trusted.
    return { kind: 'G', value, embeddedId: isValidId18(id) ? id : null };
  }
  if (head === 'J' && isDigits(value, 1)) return { kind: 'J', value, embeddedId: null };
  if (head === 'L' && value.length === 19 && isAlnum(value, 1)) return { kind: 'L', value, embeddedId: null };
  return { kind: 'other', value, embeddedId: null };
}
