import { describe, expect, it } from 'vitest';
import { id } from '../registry/test-people.ts';
import { normalizeAttendanceRow, normalizeRosterRow } from './roster.rules.ts';

const ID = id('51343320150302002');

describe('roster rows', () => {
  it('keeps a clean row keyed by its ID, birth date and sex from the ID when missing', () => {
    const r = normalizeRosterRow({ name: ' 吉克 阿呷 ', idNumber: ID, hukouRegion: '513433101201', guardianPhone: '138' });
    expect(r.ok && r.record).toMatchObject({ roster_key: ID, county_code: '513433', birth_date: '2015-03-02', sex: 'F', id_status: 'valid', guardian_phone: '138' });
  });

  it.each<[string, Record<string, unknown>, string | null, string]>([
    ['an ID destroyed by Excel: kept as missing, keyed by name and birth', { name: '李娜', idNumber: '5.13433E+17', birthDate: '2013-05-20', hukouRegion: '513433101201' }, '李娜|2013-05-20|513433101201', '身份证件号'],
    ['a mistyped check digit: warned, keyed by name', { name: '王伟', idNumber: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'), birthDate: '2015-03-02', hukouRegion: '513433101' }, '王伟|2015-03-02|513433101000', '身份证件号'],
  ])('%s', (_label, v, key, warned) => {
    const r = normalizeRosterRow(v);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record.roster_key).toBe(key);
      expect(r.warnings.map((w) => w.column)).toContain(warned);
    }
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no name', { name: '', idNumber: ID, hukouRegion: '513433101201' }, '姓名'],
    ['no county at all', { name: '张三', idNumber: '', birthDate: '2015-01-01', hukouRegion: '' }, '户籍行政区划代码'],
    ['no age at all', { name: '张三', idNumber: '', hukouRegion: '513433101201' }, '出生日期'],
  ])('rejects a row with %s', (_label, v, column) => {
    const r = normalizeRosterRow(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].column).toBe(column);
  });
});

describe('attendance rows', () => {
  const county = (no: string) => (no === 'G' + ID ? '513433' : undefined);
  it('keys an absence by student and day', () => {
    const r = normalizeAttendanceRow({ studentNo: `g${ID}`, date: '2025/10/8', kind: '旷课' }, county);
    expect(r.ok && r.record).toMatchObject({ record_key: `G${ID}|2025-10-08`, county_code: '513433', kind: '旷课', reason: null });
  });
  it.each<[Record<string, unknown>, string]>([
    [{ studentNo: 'J1', date: '2025-10-08', kind: '旷课' }, '学籍号'],
    [{ studentNo: `G${ID}`, date: '2025-10', kind: '旷课' }, '日期'],
    [{ studentNo: `G${ID}`, date: '2025-10-08', kind: '迟到' }, '缺勤类型'],
  ])('rejects %j at %s', (v, column) => {
    const r = normalizeAttendanceRow(v, county);
    expect(!r.ok && r.errors[0].column).toBe(column);
  });
});
