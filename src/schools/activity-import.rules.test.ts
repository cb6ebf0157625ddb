// The cells of an activity list as schools fill them: dates in every form a county receives, organisers
// in both notations, and the natural key that finds a record again. Pure.
import { describe, expect, it } from 'vitest';
import { activityKey, cellDateTime, normalizeActivityRow, organisersOfCell } from './activity-import.rules.ts';

describe('cellDateTime', () => {
  it.each([
    ['2026/3/5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026年3月5日（星期四）', '2026-03-05'],
    ['2026年3月5日 14:30', '2026-03-05 14:30'],
    ['2026-03-05 8:05', '2026-03-05 08:05'],
    ['20260305', '2026-03-05'],
    [46086, '2026-03-05'],
    ['46086', '2026-03-05'],
    ['46086.5', '2026-03-05 12:00'],
    [new Date(Date.UTC(2026, 2, 5)), '2026-03-05'],
    [new Date(Date.UTC(2026, 2, 5, 14, 30)), '2026-03-05 14:30'],
    ['', null],
  ])('%s → %s', (cell, expected) => {
    expect(cellDateTime(cell)).toBe(expected);
  });
  it('keeps what it cannot read so the error shows it', () => {
    expect(cellDateTime('下周三')).toBe('下周三');
    expect(cellDateTime('2026-13-01')).toBe('2026-13-01');
  });
});

describe('organisersOfCell', () => {
  it('reads person|role|duty and person（role）：duty, one per line or split by ；', () => {
    expect(organisersOfCell('颜德兵|组长|统筹安排；汪坤（成员）：会议记录\n李华(副组长):安全保障')).toEqual({
      organisers: [{ person: '颜德兵', role: '组长', duty: '统筹安排' }, { person: '汪坤', role: '成员', duty: '会议记录' }, { person: '李华', role: '副组长', duty: '安全保障' }],
      bad: [],
    });
    expect(organisersOfCell('颜德兵').bad).toEqual(['颜德兵']);
  });
});

describe('normalizeActivityRow', () => {
  it('needs a pairing or a school, and the helped school beside a helping one', () => {
    const r = normalizeActivityRow({ type: '家访', title: 'x', start: '2026-03-05' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ column: '学校标识码', en: 'give a pairing id or a school code' });
    const h = normalizeActivityRow({ type: '家访', title: 'x', start: '2026-03-05', helper: '5134330001' });
    expect(!h.ok && h.problems[0].zh).toContain('受帮扶学校');
  });
  it('the same school, pairing, type, day and title is the same activity, whatever the spacing of the title', () => {
    const a = { school_code: '5134330002', pairing_id: 1, kind: '联合教研', activity_date: '2026-03-05', title: '语文 联合教研' };
    expect(activityKey(a)).toBe(activityKey({ ...a, title: '语文联合教研' }));
    expect(activityKey(a)).not.toBe(activityKey({ ...a, pairing_id: null }));
  });
});
