// Helpers for the matching tests: IDs with their check digit, the typing slips a matcher forgives,
// and a roster student / registry member built from the few facts a case names (the rest default
// to 吉克阿呷, female, born 2015-03-02, ID_A, township 513433101201).
import { checkDigit } from '../kernel/id-number.ts';
import { nameKey, normalizeName } from '../kernel/names.ts';
import type { MemberPerson, StudentPerson } from './match.rules.ts';

export const id = (first17: string) => first17 + checkDigit(first17);
export const ID_A = id('51343320150302002'); // 513433201503020023: 2015-03-02, 513433 county
export const TOWNSHIP = '513433101201';

/** Characters i and i+1 swapped. */
export function swap(s: string, i: number): string {
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

/** Character i replaced by d. */
export function sub(s: string, i: number, d: string): string {
  return s.slice(0, i) + d + s.slice(i + 1);
}

export interface P {
  name?: string;
  id?: string | null;
  digits?: string | null;
  birth?: string | null;
  sex?: string | null;
  region?: string | null;
  status?: string;
}

export function student(p: P, no = 'G1'): StudentPerson {
  const name = normalizeName(p.name ?? '吉克阿呷');
  return {
    studentNo: no,
    name,
    nameKey: nameKey(name),
    sex: p.sex === undefined ? 'F' : p.sex,
    birth: p.birth === undefined ? '2015-03-02' : p.birth,
    id: p.id === undefined ? ID_A : p.id,
    idStatus: p.status ?? (p.id === null ? 'empty' : 'valid'),
    idDigits: p.digits ?? null,
    region: p.region === undefined ? TOWNSHIP : p.region,
    idFromStudentNo: false,
  };
}

export function member(p: P, memberId = '建档立卡|H1|吉克阿呷'): MemberPerson {
  const s = student(p);
  return { ...s, memberId, listKind: '建档立卡' };
}
