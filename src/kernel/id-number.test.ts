import { describe, it, expect } from 'vitest';
import {
  birthDateFromId,
  checkDigit,
  convert15to18,
  idDistance,
  isValidId18,
  parseIdNumber,
  sexFromId,
} from './id-number.ts';
import type { IdStatus } from './id-number.ts';

// Published numbers: the GB 11643-1999 example and a widely cited Guangdong example.
describe('checkDigit against published IDs', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('%s → %s', (first17, expected) => {
    expect(checkDigit(first17)).toBe(expected);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => checkDigit('1101051949123100')).toThrow(/17/);
    expect(() => checkDigit('1101051949123100A')).toThrow();
  });
});

// Real-looking IDs of 甘洛县 (513435) and 冕宁县 (513433) children, built with the tested checkDigit.
const make = (first17: string): string => first17 + checkDigit(first17);
const GIRL = make('51343520120305122'); // born 2012-03-05, 顺序码 even → F
const BOY = make('51343320090901113'); // born 2009-09-01, odd → M
const X_ID = '11010519491231002X';
const LEAP = make('51343520120229004'); // 2012-02-29 is real
const wrongCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('isValidId18, birthDateFromId, sexFromId', () => {
  it.each([
    [GIRL, true, '2012-03-05', 'F'],
    [BOY, true, '2009-09-01', 'M'],
    [X_ID, true, '1949-12-31', 'F'],
    [LEAP, true, '2012-02-29', 'F'],
  ])('%s', (id, valid, birth, sex) => {
    expect(isValidId18(id)).toBe(valid);
    expect(birthDateFromId(id)).toBe(birth);
    expect(sexFromId(id)).toBe(sex);
  });

  it.each([
    ['wrong check digit', wrongCheck(GIRL)],
    ['born 1880 (outside 1900–2099)', '440524188001010014'],
    ['30 February', make('51343520120230122')],
    ['month 13', make('51343520121305122')],
    ['2013-02-29 (not a leap year)', make('51343520130229122')],
    ['lowercase x is not the stored form', '11010519491231002x'],
    ['17 digits', GIRL.slice(0, 17)],
    ['letter inside', 'A13435201203051221'],
  ])('invalid: %s', (_label, id) => {
    expect(isValidId18(id)).toBe(false);
  });

  it('birthDateFromId refuses impossible days', () => {
    expect(birthDateFromId(make('51343520120230122'))).toBeNull();
    expect(birthDateFromId('440524188001010014')).toBeNull();
  });
});

describe('convert15to18', () => {
  it('inserts 19 and appends the check digit (GB 11643 §7)', () => {
    expect(convert15to18('513435850101123')).toBe(make('51343519850101123'));
    expect(convert15to18('110105491231002')).toBe(X_ID);
  });
  it('refuses other lengths', () => {
    expect(() => convert15to18('51343585010112')).toThrow();
  });
});

describe('parseIdNumber: dirt from 学籍 and 建档立卡 exports', () => {
  const cases: [string, unknown, IdStatus, string | null, string | null][] = [
    // label, input, status, id, digits
    ['clean', GIRL, 'valid', GIRL, null],
    ['spaces every four', ' 5134 3520 1203 0512 2' + GIRL[17], 'valid', GIRL, null],
    ['tab and NBSP', `\t${GIRL.slice(0, 6)}\u00a0${GIRL.slice(6)}\t`, 'valid', GIRL, null],
    ['full-width space', `${GIRL.slice(0, 9)}\u3000${GIRL.slice(9)}`, 'valid', GIRL, null],
    ['zero-width and BOM', `\ufeff${GIRL.slice(0, 3)}\u200b${GIRL.slice(3)}`, 'valid', GIRL, null],
    ['leading apostrophe (Excel text)', `'${GIRL}`, 'valid', GIRL, null],
    ['curly apostrophe', `‘${GIRL}`, 'valid', GIRL, null],
    ['right curly apostrophe', `’${GIRL}`, 'valid', GIRL, null],
    ['backtick', `\`${GIRL}`, 'valid', GIRL, null],
    ['double quotes', `"${GIRL}"`, 'valid', GIRL, null],
    ['Chinese quotes', `“${GIRL}”`, 'valid', GIRL, null],
    ['text formula ="…"', `="${GIRL}"`, 'valid', GIRL, null],
    ['full-width digits', toFull(GIRL), 'valid', GIRL, null],
    ['lowercase x', '11010519491231002x', 'valid', X_ID, null],
    ['full-width Ｘ', '11010519491231002Ｘ', 'valid', X_ID, null],
    ['full-width ｘ', '11010519491231002ｘ', 'valid', X_ID, null],
    ['one-digit typo', wrongCheck(GIRL), 'bad_checksum', null, wrongCheck(GIRL)],
    ['swapped digits', GIRL.slice(0, 14) + GIRL[15] + GIRL[14] + GIRL.slice(16), 'bad_checksum', null, GIRL.slice(0, 14) + GIRL[15] + GIRL[14] + GIRL.slice(16)],
    ['checksum fine, 30 February', make('51343520120230122'), 'bad_date', null, make('51343520120230122')],
    ['last digit lost', GIRL.slice(0, 17), 'truncated17', null, GIRL.slice(0, 17)],
    ['legacy 15 digits', '513435850101123', 'converted15', make('51343519850101123'), null],
    ['legacy 15 as a number', 513435850101123, 'converted15', make('51343519850101123'), null],
    ['legacy 15 with .0', '513435850101123.0', 'converted15', make('51343519850101123'), null],
    ['legacy 15 with impossible date', '513435851301123', 'malformed', null, '513435851301123'],
    ['scientific 5.13433E+17', '5.13433E+17', 'excel_destroyed', null, null],
    ['scientific lowercase, no plus', '5.13433e17', 'excel_destroyed', null, null],
    ['scientific comma decimal', '5,13433E+17', 'excel_destroyed', null, null],
    ['scientific full-width', '５.１３４３３Ｅ＋１７', 'excel_destroyed', null, null],
    ['15-digit shown in scientific', '5.13435E+14', 'excel_destroyed', null, null],
    ['number cell 5.13433e17', 5.13433e17, 'excel_destroyed', null, null],
    ['number cell with all 18 digits typed', Number('513435201203051234'), 'excel_destroyed', null, null],
    ['18 digits with .0 from a float', `${GIRL.slice(0, 17)}4.0`, 'excel_destroyed', null, null],
    ['Excel zero-filled tail', `${GIRL.slice(0, 15)}000`, 'excel_destroyed', null, null],
    ['every digit written in scientific', `${GIRL[0]}.${GIRL.slice(1)}E+17`, 'valid', GIRL, null],
    ['small scientific', '1.2E+3', 'malformed', null, null],
    ['16 digits', GIRL.slice(0, 16), 'malformed', null, null],
    ['19 digits', `${GIRL}1`, 'malformed', null, null],
    ['letters', '无身份证', 'malformed', null, null],
    ['X in the middle', '5134352012X3051221', 'malformed', null, null],
    ['short number', 12345, 'malformed', null, null],
    ['NaN', Number.NaN, 'malformed', null, null],
  ];

  it.each(cases)('%s', (_label, input, status, id, digits) => {
    const r = parseIdNumber(input);
    expect(r).toEqual({ status, id, digits, raw: typeof input === 'number' ? String(input) : input });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty string', ''],
    ['spaces only', ' \u3000\u00a0 '],
    ['apostrophe only', "'"],
    ['empty text formula', '=""'],
  ])('empty: %s', (_label, input) => {
    expect(parseIdNumber(input)).toEqual({ status: 'empty', id: null, digits: null, raw: null });
  });

  it('keeps the raw text of an ExcelJS rich-text cell', () => {
    expect(parseIdNumber({ richText: [{ text: GIRL.slice(0, 9) }, { text: GIRL.slice(9) }] }).id).toBe(GIRL);
  });
});

describe('idDistance', () => {
  it.each([
    [GIRL, GIRL, 'equal'],
    [GIRL, wrongCheck(GIRL), 'substitution'],
    ['513435201203051221', '513435201203051212', 'transposition'],
    ['513435201203051221', '531435201203051221', 'transposition'],
    ['513435201203051221', '513435201203051122', 'far'], // two apart, not adjacent
    ['513435201203051221', '513435201203052112', 'far'],
    ['513435201203051221', '51343520120305122', 'far'], // different length
    ['513435201203051221', '513435201203051234', 'far'],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(idDistance(a, b)).toBe(expected);
  });
});

function toFull(s: string): string {
  return s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
