import { describe, it, expect } from 'vitest';
import { cellText, cleanCode, parseSex, parseYesNo, toHalfWidth } from './values.ts';

describe('parseSex', () => {
  it.each([
    ['男', 'M'], ['女', 'F'], ['男性', 'M'], ['女性', 'F'], [' 男 ', 'M'],
    ['M', 'M'], ['F', 'F'], ['m', 'M'], ['f', 'F'], ['Ｍ', 'M'],
    [1, 'M'], [2, 'F'], ['1', 'M'], ['2', 'F'],
    ['未知', null], ['', null], [null, null], [0, null], [3, null],
  ])('%s → %s', (input, sex) => {
    expect(parseSex(input)).toBe(sex);
  });
});

describe('parseYesNo (是否寄宿 and friends)', () => {
  it.each([
    ['是', true], ['否', false], ['Y', true], ['N', false], ['y', true], ['n', false],
    [1, true], [0, false], ['1', true], ['0', false], [true, true], [false, false],
    ['true', true], ['FALSE', false],
    ['寄宿', true], ['住校', true], ['走读', false], ['非寄宿', false], [' 是 ', true],
    ['', null], [null, null], ['不详', null], [2, null],
  ])('%s → %s', (input, value) => {
    expect(parseYesNo(input)).toBe(value);
  });
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  张三 ', '张三'],
    ['\u3000张三\u3000', '张三'],
    [625, '625'],
    [625.5, '625.5'],
    [513435850101123, '513435850101123'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2e-7, '-0.0000002'],
    [Number.NaN, ''],
    [new Date(Date.UTC(2012, 2, 5)), '2012-03-05'],
    [true, 'true'],
    [{ richText: [{ text: '阿依' }, { text: '·木呷' }] }, '阿依·木呷'],
    [{ text: '学校网站', hyperlink: 'https://example.org' }, '学校网站'],
    [{ formula: 'A1', result: 1250 }, '1250'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%s → %s', (input, text) => {
    expect(cellText(input)).toBe(text);
  });
});

describe('toHalfWidth', () => {
  it.each([
    ['５１３４３５', '513435'],
    ['ＡＢｃ', 'ABc'],
    ['张\u3000三', '张 三'],
    ['（甘洛县）', '(甘洛县)'],
    ['plain', 'plain'],
  ])('%s → %s', (input, out) => {
    expect(toHalfWidth(input)).toBe(out);
  });
});

describe('cleanCode', () => {
  it.each([
    ["'513435", '513435'],
    ['="513435"', '513435'],
    ['"\'513435"', '513435'],
    [' 51 34\u00a035\u200b', '513435'],
    ['Ｇ５１３', 'G513'],
    ['', ''],
  ])('%s → %s', (input, out) => {
    expect(cleanCode(input)).toBe(out);
  });
});
