// Tables of cases for the small pure rules of aid (grades within a stage: kernel/stage.test.ts): the batch state machine and
// notice period, recognition steps, card checks, the split by level of government, coverage, 公示 text.
import { describe, expect, it } from 'vitest';
import { answerDue, nextStatus, noticeEndDate, settleFromBank, statusAfterPay, type BatchStatus, type BatchStep } from './batch.rules.ts';
import { nextRecognition } from './recognition.rules.ts';
import { cardFlag, cleanAccount, ledger, maskAccount, splitByLevel } from './payment.rules.ts';
import { coverageRows, rate } from './coverage.rules.ts';
import { publicText } from './notice.rules.ts';

describe('batch life cycle (interfaces.md)', () => {
  const b = (status: BatchStatus, noticeEnd: string | null = null, openObjections = 0) => ({ id: 7, status, noticeEnd, openObjections });
  const legal: [BatchStatus, BatchStep, BatchStatus][] = [
    ['草稿', 'notice', '公示中'], ['公示中', 'notice', '公示中'], ['已审批', 'pay', '已发放'], ['部分发放', 'pay', '已发放'], ['草稿', 'cancel', '已撤销'], ['公示中', 'cancel', '已撤销'], ['已审批', 'cancel', '已撤销'],
  ];
  for (const [from, step, to] of legal) it(`${from} —${step}→ ${to}`, () => expect(nextStatus(b(from), step, '2025-10-20')).toBe(to));
  const illegal: [BatchStatus, BatchStep][] = [
    ['草稿', 'approve'], ['草稿', 'pay'], ['公示中', 'pay'], ['已审批', 'notice'], ['已发放', 'cancel'], ['已撤销', 'notice'], ['已撤销', 'approve'], ['已发放', 'pay'], ['草稿', 'object'], ['部分发放', 'cancel'],
  ];
  for (const [from, step] of illegal) it(`${from} —${step}→ refused (exit 1)`, () => expect(() => nextStatus(b(from), step, '2025-10-20')).toThrow(/批次 7 当前状态/));
  it('refuses approval during the notice period and with open objections', () => {
    expect(() => nextStatus(b('公示中', '2025-10-14'), 'approve', '2025-10-14')).toThrow(/公示期至 2025-10-14/);
    expect(() => nextStatus(b('公示中', '2025-10-14', 1), 'approve', '2025-10-15')).toThrow(/异议未答复/);
    expect(nextStatus(b('公示中', '2025-10-14'), 'approve', '2025-10-15')).toBe('已审批');
  });
  it('pays a row only on the bank\'s word: rows the result omits stay 待发放, and the batch is 部分发放 until none is left', () => {
    const lines = [
      { id: 1, studentNo: 'G1', payStatus: '待发放' },
      { id: 2, studentNo: 'G2', payStatus: '待发放' },
      { id: 3, studentNo: 'G3', payStatus: '待发放' }, // no bank account: never in the payment file
      { id: 4, studentNo: 'G4', payStatus: '已发放' }, // paid before: left alone
    ];
    const results = new Map([[1, { ok: true, reason: '' }], [2, { ok: false, reason: '账户已销户' }], [4, { ok: false, reason: 'late' }]]);
    const s = settleFromBank(lines, results);
    expect(s).toEqual({ paid: [1], failed: [{ id: 2, reason: '账户已销户' }], unpaid: [lines[2]] });
    expect(statusAfterPay(['已发放', '发放失败', '待发放'])).toBe('部分发放');
    expect(statusAfterPay(['已发放', '发放失败'])).toBe('已发放');
  });
  it('counts 5 working days, skipping weekends', () => {
    expect(noticeEndDate('2025-10-08', 5)).toBe('2025-10-14');
    expect(noticeEndDate('2025-10-11', 5)).toBe('2025-10-17'); // a Saturday start
  });
  it('gives 3 working days to answer an objection', () => {
    expect(answerDue('2025-10-09')).toBe('2025-10-14'); // Thu → Fri, Mon, Tue
  });
});

describe('recognition steps', () => {
  it('goes 已申请 → 已认定 → 公示中 → 已存档, and refuses out of order', () => {
    expect(nextRecognition(undefined, 'apply', { today: '2025-09-01' })).toBe('已申请');
    expect(nextRecognition('已申请', 'decide', { today: '2025-09-02', tier: '比较困难' })).toBe('已认定');
    expect(nextRecognition('已申请', 'decide', { today: '2025-09-02', tier: null })).toBe('未认定');
    expect(nextRecognition('已认定', 'notice', { today: '2025-09-02' })).toBe('公示中');
    expect(() => nextRecognition('公示中', 'file', { today: '2025-09-05', noticeEnd: '2025-09-08' })).toThrow(/尚不能存档/);
    expect(nextRecognition('公示中', 'file', { today: '2025-09-09', noticeEnd: '2025-09-08' })).toBe('已存档');
    expect(() => nextRecognition(undefined, 'decide', { today: '2025-09-01', tier: '特别困难' })).toThrow(/须先申请/);
    expect(() => nextRecognition('已申请', 'apply', { today: '2025-09-01' })).toThrow(/已有申请/);
  });
});

describe('cards and money', () => {
  const cards: [string, string, string, boolean][] = [
    ['张小明', '张小明', '本人', false], ['张小明', '张大山', '父亲', false], ['张小明', '李某', '监护人', false],
    ['张小明', '王某某', '邻居', true], ['张小明', '王某某', '本人', true], ['张小明', '张小明', '母亲', true],
  ];
  for (const [student, holder, rel, flagged] of cards) {
    it(`${rel} ${holder} for ${student} → ${flagged ? 'flagged' : 'ok'}`, () => expect(cardFlag(student, holder, rel) !== null).toBe(flagged));
  }
  it('cleans and masks account numbers', () => {
    expect(cleanAccount('6222 0200-1234 5678 901')).toBe('6222020012345678901');
    expect(cleanAccount('12AB')).toBeNull();
    expect(maskAccount('6222020012345678901')).toBe('6222***********8901');
  });
  it('splits by level (定西 省:县 = 6:4), remainder to the last level', () => {
    expect(splitByLevel(50000, { 省: 60, 县: 40 })).toEqual({ 省: 30000, 县: 20000 });
    expect(splitByLevel(101, { 中央: 80, 省: 20 })).toEqual({ 中央: 80, 省: 21 });
    expect(splitByLevel(62500, {})).toEqual({ 未分担: 62500 });
    expect(ledger([{ fundSource: '财政资金', itemName: 'a', amountFen: 100, shares: {} }, { fundSource: '财政资金', itemName: 'a', amountFen: 50, shares: {} }])).toEqual([
      { fundSource: '财政资金', itemName: 'a', count: 2, fen: 150, byLevel: { 未分担: 150 } },
    ]);
  });
});

describe('coverage and 公示 text', () => {
  it('rolls up by school, county and item', () => {
    const f = (school: string, pay: string | null) => ({ schoolCode: school, schoolName: school, countyCode: '421127', itemCode: 'x', itemName: 'X', payStatus: pay });
    const rows = coverageRows([f('A', '已发放'), f('A', '待发放'), f('B', null)]);
    expect(rows.map((r) => [r.level, r.schoolCode, r.entitled, r.batched, r.paid, rate(r)])).toEqual([
      ['学校', 'A', 2, 2, 1, '50.0%'], ['学校', 'B', 1, 0, 0, '0.0%'], ['区县', '', 3, 2, 1, '33.3%'], ['项目合计', '', 3, 2, 1, '33.3%'],
    ]);
  });
  it('never shows a poverty label in public', () => {
    expect(publicText('建档立卡贫困学生补助')).toBe('家庭经济困难学生补助');
    expect(publicText('初中寄宿生生活补助')).toBe('初中寄宿生生活补助');
  });
});
