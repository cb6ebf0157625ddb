import { describe, expect, it } from 'vitest';
import { containsFullId, maskAddress, maskBankAccount, maskIdNumber, maskPhone, maskStudentNo, maskUnusableId, redactIds } from './privacy.rules.ts';

describe('the one set of masks', () => {
  it.each([
    ['513433201203051231', '513433********1231'],
    ['51343320120305123X', '513433********123X'],
    // a legacy 15-digit ID keeps its length and hides the birth date, as the 18-digit form does
    ['513435850101123', '513435*****1123'],
    // a truncated 17-digit ID: still no birth date
    ['51343320120305123', '513433*******5123'],
    ['12345678', '123***78'],
    ['123', '***'],
    [null, null],
    ['', null],
  ])('maskIdNumber(%s) = %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each([
    // Excel's scientific notation: the shape stays, no digit
    ['5.13433E+17', '*.*****E+**'],
    // a number cell that lost its last digits: the region code, nothing that looks like a check digit
    ['513433199201011200', '513433************'],
    // a truncated number ends in the birth date: never shown
    ['51343320090101', '513433********'],
    [' 5134 3320 0901 0112 3 ', '**** **** **** **** *'],
    ['1234567', '*******'],
    ['无', '无'],
    [null, null],
    ['  ', null],
  ])('maskUnusableId(%s) = %s', (raw, masked) => {
    expect(maskUnusableId(raw)).toBe(masked);
  });

  it.each([
    ['G513433201203051231', 'G513433********1231'],
    ['g51343320120305123x', 'G513433********123x'],
    // an L-number (temporary) often carries the ID too: masked the same way
    ['L51343320120305123X', 'L513433********123X'],
    ['L201507105134355057', 'L201507********5057'],
    // a J-number is generated for children without an ID: nothing to hide
    ['J5134332012000001', 'J5134332012000001'],
    ['2012000001', '2012000001'],
  ])('maskStudentNo(%s) = %s', (no, masked) => {
    expect(maskStudentNo(no)).toBe(masked);
  });

  it.each([
    ['6217002870012345678', '6217***********5678'],
    ['6217 0028 7001 2345', '6217********2345'],
    ['1234', '****'],
  ])('maskBankAccount(%s) = %s', (no, masked) => {
    expect(maskBankAccount(no)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['0834-7123456', '*******3456'],
  ])('maskPhone(%s) = %s', (no, masked) => {
    expect(maskPhone(no)).toBe(masked);
  });

  it('keeps the county of an address, never the house', () => {
    expect(maskAddress('四川省凉山州甘洛县新市坝镇1组12号')).toBe('四川省凉山州***');
  });
});

describe('redactIds (audit entries, log lines, URLs)', () => {
  it.each([
    ['/api/students/G513433201203051231?full=1', '/api/students/G513433********1231?full=1'],
    ['学籍 513433201203051231 / 户籍 51343320120305123X', '学籍 513433********1231 / 户籍 513433********123X'],
    ['{"studentNo":"G513433201203051231"}', '{"studentNo":"G513433********1231"}'],
    ['legacy 513435850101123 id', 'legacy 513435*****1123 id'],
    // codes shorter than an ID stay: a school code, a region code, a date
    ['school 5134330001 region 513433101000 date 20260301', 'school 5134330001 region 513433101000 date 20260301'],
  ])('%s', (text, redacted) => {
    expect(redactIds(text)).toBe(redacted);
    expect(containsFullId(redactIds(text))).toBe(false);
    expect(redactIds(redactIds(text))).toBe(redacted);
  });

  it('tells a text that still holds an ID', () => {
    expect(containsFullId('see G513433201203051231')).toBe(true);
    expect(containsFullId('see G513433********1231')).toBe(false);
  });
});
