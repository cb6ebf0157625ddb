import { describe, expect, it } from 'vitest';
import { allowedSteps, applyStep, CASE_STATUSES, CLOSE_CATEGORIES, type CaseStep } from './case.rules.ts';
import { checkProof, MAX_PROOF_BYTES } from './proof.rules.ts';
import { absenceWarnings, caseNoOf, caseSeqOf, isCompulsoryAge, isFound, mergeSources } from './check.rules.ts';

const close: CaseStep = { kind: 'close', category: '死亡', note: '派出所证明' };
const ret = (outcome: string): CaseStep => ({ kind: 'return', outcome });

describe('the dropout case state machine', () => {
  // [from, step, to | null (refused)]
  it.each<[string, CaseStep, string | null]>([
    ['待核查', close, '已排除'],
    ['待核查', { kind: 'confirm' }, '劝返中'],
    ['待核查', { kind: 'assign' }, '待核查'],
    ['待核查', { kind: 'visit' }, '待核查'],
    ['待核查', ret('复学'), null],
    ['劝返中', ret('复学'), '已复学'],
    ['劝返中', ret('送教上门'), '送教上门'],
    ['劝返中', ret('转学'), '已转学'],
    ['劝返中', ret('外地就读已核实'), '已排除'],
    ['劝返中', close, null],
    ['劝返中', { kind: 'confirm' }, null],
    ['劝返中', { kind: 'visit' }, '劝返中'],
    ['送教上门', { kind: 'visit' }, '送教上门'],
    ['送教上门', ret('复学'), '已复学'],
    ['送教上门', ret('转学'), null],
    ...(['已排除', '已复学', '已转学'] as const).flatMap((s) =>
      ([close, { kind: 'confirm' }, { kind: 'assign' }, { kind: 'visit' }, ret('复学')] as CaseStep[]).map((step): [string, CaseStep, null] => [s, step, null]),
    ),
    ['作废', { kind: 'confirm' }, null],
  ])('%s --%j--> %s', (from, step, to) => {
    const r = applyStep(from, step);
    if (to === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    } else expect(r).toMatchObject({ ok: true, status: to });
  });

  it.each(CLOSE_CATEGORIES)('closes with category %s', (category) => {
    expect(applyStep('待核查', { kind: 'close', category, note: '核实' })).toEqual({ ok: true, status: '已排除', category });
  });

  it('marks 外地就读已核实 as closed with category 外地就读; refuses unknown words and an empty note', () => {
    expect(applyStep('劝返中', ret('外地就读已核实'))).toEqual({ ok: true, status: '已排除', category: '外地就读' });
    expect(applyStep('待核查', { kind: 'close', category: '搬家', note: 'x' })).toMatchObject({ ok: false, code: 'BAD_CATEGORY' });
    expect(applyStep('待核查', { kind: 'close', category: '其他', note: ' ' })).toMatchObject({ ok: false, code: 'NOTE_REQUIRED' });
    expect(applyStep('劝返中', ret('打工'))).toMatchObject({ ok: false, code: 'BAD_OUTCOME' });
    expect(CASE_STATUSES).toHaveLength(6);
  });
});

describe('proof files are checked by content', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
  it.each<[string, number, Uint8Array, boolean]>([
    ['证明.pdf', 1000, pdf, true],
    ['photo.PNG', 1000, png, true],
    ['photo.jpeg', 1000, jpg, true],
    ['photo.jpg', 1000, jpg, true],
    ['renamed.pdf', 1000, png, false],
    ['photo.jpg', 1000, pdf, false],
    ['doc.docx', 1000, pdf, false],
    ['big.pdf', MAX_PROOF_BYTES + 1, pdf, false],
    ['empty.pdf', 0, new Uint8Array(8), false],
  ])('%s (%i bytes) → %s', (name, size, head, ok) => {
    expect(checkProof(name, size, head).ok).toBe(ok);
  });
});

describe('check rules', () => {
  it.each<[string | null, boolean]>([
    ['2019-09-01', true], // 6 on 2025-09-01
    ['2019-09-02', false], // 5
    ['2009-09-02', true], // 15
    ['2009-09-01', false], // 16
    [null, false],
  ])('born %s: compulsory age in 2025 → %s', (birth, yes) => {
    expect(isCompulsoryAge(birth, 2025)).toBe(yes);
  });

  it('counts a child as found on an auto pair or a strong reviewable one only', () => {
    expect(isFound([{ status: 'auto', confidence: 0.92 }])).toBe(true);
    expect(isFound([{ status: 'review', confidence: 0.8 }])).toBe(true);
    expect(isFound([{ status: 'review', confidence: 0.55 }])).toBe(true);
    expect(isFound([{ status: 'review', confidence: 0.5 }, { status: 'review', confidence: 0.54 }])).toBe(false);
    expect(isFound([])).toBe(false);
  });

  it('numbers cases per county and merges sources in their fixed order', () => {
    expect(caseNoOf('513433', 12)).toBe('KC51343300012');
    expect(caseSeqOf('KC51343300012')).toBe(12);
    expect(mergeSources('缺勤预警', ['户籍比对', '缺勤预警'])).toBe('户籍比对、缺勤预警');
    expect(mergeSources('', ['学籍状态', '名单比对'])).toBe('名单比对、学籍状态');
  });

  it('warns from three distinct days of 旷课/无故缺勤 within the school year', () => {
    const a = (studentNo: string, date: string, kind: string) => ({ studentNo, date, kind });
    const w = absenceWarnings(
      [a('S1', '2025-10-08', '旷课'), a('S1', '2025-10-09', '无故缺勤'), a('S1', '2025-10-09', '旷课'), a('S1', '2025-10-10', '旷课'),
        a('S2', '2025-10-08', '病假'), a('S2', '2025-10-09', '旷课'), a('S2', '2025-10-10', '旷课'),
        a('S3', '2025-08-30', '旷课'), a('S3', '2025-10-09', '旷课'), a('S3', '2025-10-10', '旷课')],
      2025,
    );
    expect([...w]).toEqual([['S1', 3]]);
  });
});

describe('the steps a status allows (the console\'s action buttons)', () => {
  it.each([
    ['待核查', ['close', 'confirm', 'assign', 'visit']],
    ['劝返中', ['assign', 'visit', 'return']],
    ['送教上门', ['assign', 'visit', 'return']],
    ['已排除', []],
    ['已复学', []],
    ['已转学', []],
    ['乱码', []],
  ])('%s → %j', (status, steps) => {
    expect(allowedSteps(status)).toEqual(steps);
  });
});
