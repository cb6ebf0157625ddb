import { describe, expect, it } from 'vitest';
import { today } from './clock.ts';

describe('today() is the date in Asia/Shanghai', () => {
  const cases: [string, string][] = [
    ['2026-03-01T17:30:00Z', '2026-03-02'], // 01:30 on 2 March in Beijing
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
  ];
  it.each(cases)('%s → %s', (instant, want) => expect(today({}, new Date(instant))).toBe(want));
  it('FUZHI_TODAY still overrides', () => {
    expect(today({ FUZHI_TODAY: '2025-10-08' }, new Date('2026-03-01T17:30:00Z'))).toBe('2025-10-08');
    expect(today({ FUZHI_TODAY: 'tomorrow' }, new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
  });
});
