import { describe, it, expect } from 'vitest';
import { ageOn, isRealDate, parseDate, shanghaiDate, shanghaiDateTime } from './dates.ts';
import type { DateParse } from './dates.ts';

const day = (date: string): DateParse => ({ date, precision: 'day', problem: null });
const month = (date: string): DateParse => ({ date, precision: 'month', problem: null });
const problem = (p: 'empty' | 'unparseable' | 'impossible'): DateParse => ({ date: null, precision: null, problem: p });

describe('parseDate: birth dates as exports write them', () => {
  const cases: [string, unknown, DateParse][] = [
    ['ISO', '2012-03-05', day('2012-03-05')],
    ['no zero padding', '2012-3-5', day('2012-03-05')],
    ['slashes', '2012/3/5', day('2012-03-05')],
    ['dots', '2012.3.5', day('2012-03-05')],
    ['年月日', '2012年3月5日', day('2012-03-05')],
    ['年月日 padded', '2012年03月05日', day('2012-03-05')],
    ['年月号', '2012年3月5号', day('2012-03-05')],
    ['with midnight time', '2012-03-05 00:00:00', day('2012-03-05')],
    ['slashes with time', '2012/3/5 0:00', day('2012-03-05')],
    ['ISO T', '2012-03-05T00:00:00.000Z', day('2012-03-05')],
    ['8-digit text', '20120305', day('2012-03-05')],
    ['8-digit number', 20120305, day('2012-03-05')],
    ['full-width digits', '２０１２－０３－０５', day('2012-03-05')],
    ['surrounding spaces', ' \u30002012-03-05\u3000 ', day('2012-03-05')],
    ['Excel serial number', 40973, day('2012-03-05')],
    ['Excel serial text', '40973', day('2012-03-05')],
    ['Excel serial with time', 40973.75, day('2012-03-05')],
    ['Excel serial with time as text', '40973.75', day('2012-03-05')],
    ['serial 1 = 1900-01-01', 1, day('1900-01-01')],
    ['serial 59 = 1900-02-28', 59, day('1900-02-28')],
    ['serial 60 = Excel’s fake 1900-02-29', 60, problem('impossible')],
    ['serial 61 = 1900-03-01', 61, day('1900-03-01')],
    ['serial 73050 = 2099-12-31', 73050, day('2099-12-31')],
    ['serial past 2099', 73051, problem('unparseable')],
    ['serial 0', 0, problem('unparseable')],
    ['JS Date from ExcelJS (UTC midnight)', new Date(Date.UTC(2012, 2, 5)), day('2012-03-05')],
    ['invalid Date', new Date('x'), problem('unparseable')],
    // 出生年月 columns
    ['年-月', '2012-03', month('2012-03-01')],
    ['年/月', '2012/3', month('2012-03-01')],
    ['年月', '2012年3月', month('2012-03-01')],
    ['6 digits', '201203', month('2012-03-01')],
    ['6-digit number', 201203, month('2012-03-01')],
    ['年.月', '2012.03', month('2012-03-01')],
    ['年.月 October', '2012.10', month('2012-10-01')],
    ['number 2012.03', 2012.03, month('2012-03-01')],
    ['number 2012.11', 2012.11, month('2012-11-01')],
    ['number 2012.3', 2012.3, month('2012-03-01')],
    ['number 2012.1: January or October?', 2012.1, problem('unparseable')],
    ['text 2012.1 from a CSV of that number', '2012.1', problem('unparseable')],
    // problems
    ['30 February', '2012-02-30', problem('impossible')],
    ['29 February in 2013', '2013-02-29', problem('impossible')],
    ['month 13', '2012-13-01', problem('impossible')],
    ['month 13, month precision', '201213', problem('impossible')],
    ['8 digits, month 00', '20120005', problem('impossible')],
    ['year 1899', '1899-12-31', problem('impossible')],
    ['year 2100', '2100-01-01', problem('impossible')],
    ['a year alone', '2012', problem('unparseable')],
    ['a year alone as number', 1985, problem('unparseable')],
    ['words', '不详', problem('unparseable')],
    ['day-first', '05/03/2012', problem('unparseable')],
    ['7 digits', '2012035', problem('unparseable')],
    ['empty', '', problem('empty')],
    ['spaces', ' \u3000 ', problem('empty')],
    ['null', null, problem('empty')],
    ['undefined', undefined, problem('empty')],
    ['object', {}, problem('unparseable')],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(parseDate(input)).toEqual(expected);
  });
});

describe('isRealDate', () => {
  it.each([
    [2012, 2, 29, true],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2013, 2, 29, false],
    [2012, 4, 31, false],
    [2012, 12, 31, true],
    [2012, 0, 1, false],
    [2012, 1, 0, false],
    [2012, 1.5, 1, false],
  ])('%i-%i-%i → %s', (y, m, d, real) => {
    expect(isRealDate(y, m, d)).toBe(real);
  });
});

describe('ageOn (周岁 on 1 September for 入学)', () => {
  it.each([
    ['2019-08-31', '2025-09-01', 6], // 满 6 周岁 before 1 September: enters 一年级
    ['2019-09-01', '2025-09-01', 6], // birthday on the day counts
    ['2019-09-02', '2025-09-01', 5],
    ['2012-03-05', '2025-09-01', 13],
    ['2012-02-29', '2013-02-28', 0],
    ['2012-02-29', '2013-03-01', 1],
    ['2012-02-29', '2016-02-29', 4],
    ['2025-09-01', '2025-09-01', 0],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('Asia/Shanghai dates and times of stored UTC instants', () => {
  const dates: [string, string][] = [
    ['2026-03-01T17:30:00Z', '2026-03-02'],
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01'],
  ];
  it.each(dates)('shanghaiDate %s → %s', (iso, want) => expect(shanghaiDate(new Date(iso))).toBe(want));
  const times: [string | null, string][] = [
    ['2026-03-01T17:30:00.000Z', '2026-03-02 01:30'],
    ['2026-03-01T17:30:00Z', '2026-03-02 01:30'],
    ['2025-10-08T02:05:59.999Z', '2025-10-08 10:05'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01 00:00'],
    ['2025-10-08', '2025-10-08'],
    ['', ''],
    [null, ''],
    ['不详', '不详'],
  ];
  it.each(times)('shanghaiDateTime %s → %s', (iso, want) => expect(shanghaiDateTime(iso)).toBe(want));
});
