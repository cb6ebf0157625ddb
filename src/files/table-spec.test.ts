// normalizeHeader: the header spellings real exports use compare equal to the canonical names.
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from './table-spec.ts';

describe('normalizeHeader', () => {
  it.each([
    ['姓名', '姓名'],
    [' 姓名 ', '姓名'],
    ['学 籍 号', '学籍号'],
    ['学籍\r\n号', '学籍号'],
    ['身份证件号\u3000', '身份证件号'],
    ['\ufeff姓名', '姓名'],
    ['*姓名', '姓名'],
    ['＊身份证件号', '身份证件号'],
    ['**学籍号', '学籍号'],
    ['姓名：', '姓名'],
    ['姓名:', '姓名'],
    ['出生日期(yyyy-mm-dd)', '出生日期'],
    ['出生日期（yyyy-mm-dd）', '出生日期'],
    ['*出生日期（格式：yyyy-mm-dd）：', '出生日期'],
    ['金额【元】', '金额'],
    ['金额[元]', '金额'],
    ['学生信息（导出日期：2025-09-10）', '学生信息'],
    ['(备注)', '(备注)'],
    ['户主（或监护人）姓名', '户主(或监护人)姓名'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});
