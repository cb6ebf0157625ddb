// Table-driven cases of the identification ladder, as an aid officer would describe them.
import { describe, expect, it } from 'vitest';
import { compare, decide, resolveStudentConflicts, score, type PairDecision } from './match.rules.ts';
import { buildStudentIndex, matchMembers, registryNamesakeCounts } from './match-blocking.rules.ts';
import { ID_A, id, member, student, sub, swap, type P } from './test-people.ts';

const ID_B = id('51343320140711003');

describe('the identification ladder', () => {
  const cases: { name: string; m: P; s: P; tier: 'auto' | 'review' | null; method?: RegExp }[] = [
    { name: 'same valid ID, same name', m: {}, s: {}, tier: 'auto', method: /身份证号/ },
    { name: 'same ID, homophone name (伟/韦)', m: { name: '王伟' }, s: { name: '王韦' }, tier: 'auto' },
    { name: 'same ID, Yi name with a middle dot on one side', m: { name: '吉克·阿呷' }, s: { name: '吉克阿呷' }, tier: 'auto' },
    { name: 'same ID, a different name: review', m: { name: '沙马拉且' }, s: {}, tier: 'review' },
    { name: 'ID one digit mistyped, name and birth agree', m: { id: null, digits: sub(ID_A, 15, ID_A[15] === '9' ? '8' : '9'), status: 'bad_checksum' }, s: {}, tier: 'auto', method: /近似/ },
    { name: 'ID two adjacent digits swapped, name and birth agree', m: { id: null, digits: swap(ID_A, 15), status: 'bad_checksum' }, s: {}, tier: 'auto', method: /近似/ },
    { name: 'ID one digit off but a different name and no birth date: dropped', m: { id: null, digits: sub(ID_A, 15, '9'), name: '沙马拉且', birth: null, status: 'bad_checksum' }, s: {}, tier: null },
    { name: 'ID missing its last digit, name and birth agree', m: { id: null, digits: ID_A.slice(0, 17), status: 'truncated17' }, s: {}, tier: 'auto', method: /缺末位/ },
    { name: 'two valid IDs that differ: two people', m: { id: ID_B }, s: {}, tier: null },
    { name: 'no ID, same name, birth, sex and village', m: { id: null }, s: {}, tier: 'auto', method: /姓名\+出生日期/ },
    { name: 'no ID, same name and birth, other county: review only', m: { id: null, region: '513401101201' }, s: {}, tier: 'review' },
    { name: 'no ID, homophone name, same township: review', m: { id: null, name: '王伟' }, s: { name: '王韦' }, tier: 'review' },
    { name: 'no ID, same name, different birth date: nothing', m: { id: null, birth: '2015-03-03' }, s: {}, tier: null },
    { name: 'no ID, same name and birth, different sex: nothing', m: { id: null, sex: 'M' }, s: {}, tier: null },
    { name: 'Excel destroyed the ID to 000 tail; name and birth agree', m: { id: null, digits: `${ID_A.slice(0, 15)}000`, status: 'excel_destroyed' }, s: {}, tier: 'auto', method: /前15位/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const st = student(c.s);
      const mm = member(c.m);
      const r = score(compare(mm, st), st, mm);
      expect(r.tier).toBe(c.tier);
      if (c.method) expect(r.method).toMatch(c.method);
    });
  }
  it('the 依据 names the evidence in words and masks the IDs', () => {
    const idx = buildStudentIndex([student({})]);
    const m = member({ id: null, digits: swap(ID_A, 15), status: 'bad_checksum' });
    const [d] = matchMembers([m], idx, registryNamesakeCounts([m]));
    expect(d.status).toBe('auto');
    expect(d.basis).toMatch(/相邻两位颠倒/);
    expect(d.basis).toMatch(/姓名一致/);
    expect(d.basis).toMatch(/513433\*{8}/);
    expect(d.basis).not.toContain(ID_A);
  });
});

describe('namesakes and ambiguity never auto-confirm', () => {
  it('two students share name, birth date and sex: the ID-less member goes to review with both shown', () => {
    const idx = buildStudentIndex([student({ id: null }, 'J1'), student({ id: ID_B, region: '513433102201' }, 'G2')]);
    const m = member({ id: null });
    const ds = matchMembers([m], idx, registryNamesakeCounts([m]));
    expect(ds.map((d) => d.status)).toEqual(['review', 'review']);
    expect(ds[0].basis).toMatch(/同名/);
  });
  it('two members of the registry share name, birth date and sex: neither is auto without an ID', () => {
    const idx = buildStudentIndex([student({ id: null }, 'J1')]);
    const a = member({ id: null }, '建档立卡|H1|吉克阿呷');
    const b = member({ id: null, region: '513433101202' }, '建档立卡|H2|吉克阿呷');
    const ds = matchMembers([a, b], idx, registryNamesakeCounts([a, b]));
    expect(ds.every((d) => d.status === 'review')).toBe(true);
  });
  it('a namesake does not block an exact ID match', () => {
    const idx = buildStudentIndex([student({}, 'G1'), student({ id: ID_B }, 'G2')]);
    const m = member({});
    const ds = matchMembers([m], idx, registryNamesakeCounts([m]));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ status: 'auto', studentNo: 'G1' });
  });
  it('one student auto-matched by two members of a list: both go to review', () => {
    const p = (memberId: string): PairDecision => ({ studentIndex: 0, status: 'auto', confidence: 0.99, method: '身份证号', basis: 'x', memberId, listKind: '建档立卡', studentNo: 'G1' });
    const out = resolveStudentConflicts([p('a'), p('b'), { ...p('c'), listKind: '低保' }]);
    expect(out.map((o) => o.status)).toEqual(['review', 'review', 'auto']);
  });
  it('a rejected pair is not proposed again and the next candidate is considered', () => {
    const idx = buildStudentIndex([student({}, 'G1')]);
    const m = member({});
    const ds = matchMembers([m], idx, registryNamesakeCounts([m]), (_m, s) => s === 'G1');
    expect(ds).toEqual([]);
  });
  it('decide keeps at most three review candidates, best first', () => {
    const students = [1, 2, 3, 4].map((i) => student({ id: null, region: `51343310${i}201` }, `J${i}`));
    const idx = buildStudentIndex(students);
    const m = member({ id: null, region: '513433101201' });
    const ds = decide({ member: m, candidates: [], namesakesInRoll: 4, namesakesInRegistry: 1 }, students);
    expect(ds).toEqual([]);
    const all = matchMembers([m], idx, registryNamesakeCounts([m]));
    expect(all.length).toBe(3);
    expect(all[0].studentNo).toBe('J1');
  });
});
