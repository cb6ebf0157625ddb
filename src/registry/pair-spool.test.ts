import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProposedPair } from './match-people.ts';
import { PairSpool } from './pair-spool.ts';

const pair = (n: number, status: 'auto' | 'review' = 'auto'): ProposedPair => ({
  studentIndex: n,
  studentNo: `G51343720100129${String(n).padStart(3, '0')}X`,
  memberId: `M-${n}`,
  listKind: '脱贫户',
  household: `H${n}`,
  county: n % 2 ? '513437' : '513428',
  method: 'id_exact',
  confidence: 0.99,
  status,
  basis: `身份证号一致；姓名一致（张${n}）`,
});

async function readAll(spool: PairSpool, size?: number): Promise<ProposedPair[][]> {
  const out: ProposedPair[][] = [];
  for await (const chunk of spool.chunks(size)) out.push(chunk);
  return out;
}

describe('the pair spool of a county-by-county match', () => {
  it('gives back every settled pair, county after county, as often as it is read, in chunks', async () => {
    const spool = new PairSpool();
    try {
      spool.add([pair(1), pair(2, 'review')]);
      spool.add([]);
      spool.add([pair(3)]);
      const first = await readAll(spool, 2);
      expect(first.map((c) => c.length)).toEqual([2, 1]);
      const flat = first.flat();
      expect(flat.map((p) => [p.studentNo, p.memberId, p.status, p.basis, p.county, p.household])).toEqual(
        [pair(1), pair(2, 'review'), pair(3)].map((p) => [p.studentNo, p.memberId, p.status, p.basis, p.county, p.household]),
      );
      expect((await readAll(spool)).flat()).toHaveLength(3);
      expect(spool.count).toBe(3);
    } finally {
      spool.dispose();
    }
  });

  it('keeps the file private and leaves nothing behind once disposed', async () => {
    const spool = new PairSpool();
    spool.add([pair(1)]);
    const file = spool.file;
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    spool.dispose();
    spool.dispose();
    expect(fs.existsSync(file)).toBe(false);
    await expect(readAll(spool)).rejects.toThrow();
  });
});
