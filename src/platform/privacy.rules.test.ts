import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskStudentNo } from './privacy.rules.ts';

describe('masking', () => {
  it.each([
    ['513433201203051231', '513433********1231'],
    ['51343320120305123X', '513433********123X'],
    ['123', '***'],
    [null, null],
    ['', null],
  ])('maskIdNumber(%s) = %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each([
    ['G513433201203051231', 'G513433********1231'],
    ['L51343320120305123X', 'L513433********123X'],
    ['J5134332012000001', 'J5134332012000001'],
  ])('maskStudentNo(%s) = %s', (no, masked) => {
    expect(maskStudentNo(no)).toBe(masked);
  });
});
