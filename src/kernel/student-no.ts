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

/** A G-form 学籍号 carries the full ID number: mask the ID part as maskId does (G513433********123X). */
export function maskStudentNo(studentNo: string): string {
  if (studentNo.length === 19 && (studentNo[0] === 'G' || studentNo[0] === 'g')) return `G${studentNo.slice(1, 7)}********${studentNo.slice(15)}`;
  return studentNo;
}
