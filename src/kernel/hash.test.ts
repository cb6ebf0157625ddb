import { describe, expect, it } from 'vitest';
import { contentHash } from './hash.ts';

describe('contentHash', () => {
  it('is stable for the same content and differs when one field changes', () => {
    const a = contentHash(JSON.stringify(['G1', '吉克阿呷', '四年级']));
    expect(contentHash(JSON.stringify(['G1', '吉克阿呷', '四年级']))).toBe(a);
    expect(contentHash(JSON.stringify(['G1', '吉克阿呷', '五年级']))).not.toBe(a);
    expect(contentHash(JSON.stringify(['G1', '吉克阿呷', null]))).not.toBe(a);
  });
  it('spreads 100k similar rows without collisions', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(contentHash(`["G5134332015${String(i).padStart(7, '0')}","王子涵"]`));
    expect(seen.size).toBe(100_000);
  });
});
