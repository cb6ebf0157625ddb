// Teacher payables through the disbursement batch machinery over HTTP on both dialects (issue 12):
// a county's batch of a month's subsidies goes 草稿 → 公示中 → 已审批 → 部分发放 → 已发放 with the
// refusals of student batches (approve before the period ends, with an objection open), its 公示
// shows no ID or card number, its payment file masks cards for a county officer unless asked in
// full (audited), the bank result settles rows and their payables (one fails and is re-issued); a
// payable is never in two live batches; another county neither sees nor acts on the batch; the old
// direct payment is refused and points to the batch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { seedAccounts, SCHOOLS, startTestApp, withCheckDigit, type TestApp } from '../platform/test-seed.ts';
import { seedTeachers, TEACHERS } from '../../test/teacher-fixtures.ts';
import { monthlyPayables } from '../schools/teacher-moves.rules.ts';
import { importTeacherAccounts } from '../schools/teacher-pay.ts';
import type { PayableList } from '../schools/teacher.schema.ts';
import type { BatchDetail, BatchList } from './batch.schema.ts';
import { payBatch, reissueFailed } from './pay-batch.ts';

const URBAN_RURAL: Record<string, string> = { [SCHOOLS.a]: '镇区', [SCHOOLS.b]: '乡村', [SCHOOLS.other]: '城区' };
const OTHER_NEW = { name: '黄小兰', id: withCheckDigit('52010219990707777'), school_code: SCHOOLS.other, county_code: '520102', education: '本科', title: null, village: 1, start_month: '2024-08', training_hours: 10, standard_hours: null };
const gl = TEACHERS.filter((t) => t.county_code === '513433');
const byName = (name: string) => gl.find((t) => t.name === name)!;
/** 郑春梅 has no card on file: her rows are left out of the payment file and stay 待发放 */
const NO_CARD = '郑春梅';
const card = (k: number) => `62284800123456${String(k).padStart(5, '0')}`;

async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string))));
  });
  return rows;
}

/** The rows under the header row that starts with 序号, as objects. */
function table(rows: string[][]): Record<string, string>[] {
  const h = rows.findIndex((r) => r[0] === '序号');
  return rows.slice(h + 1).map((r) => Object.fromEntries(rows[h].map((k, i) => [k, r[i] ?? ''])));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-tbatch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`teacher batches on ${dialect}`, () => {
    let t: TestApp;
    const forced = process.env.FUZHI_TODAY;
    const on = (day: string) => {
      process.env.FUZHI_TODAY = day;
    };

    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedTeachers(t.database.db, [...TEACHERS, OTHER_NEW]);
      await seedAccounts(t.database.db, [{ username: 'county-gy', role: 'county', region: '520102' }]);
      await t.loginAs('admin', 'county', 'county-gy', 'school-a', 'inspector');
    }, 60_000);
    afterAll(async () => {
      if (forced === undefined) delete process.env.FUZHI_TODAY;
      else process.env.FUZHI_TODAY = forced;
      await t?.close();
    });

    it('a teacher batch goes the whole way, with the refusals of a student batch, and keeps the payables in step', async () => {
      const db = t.database.db;
      on('2025-11-24');
      // the teachers' own cards; a holder who is not the teacher stops the whole file
      const bad = path.join(dir, `${dialect}-bad.csv`);
      fs.writeFileSync(bad, `身份证件号,姓名,银行卡号,开户行\n${byName('陈建国').id},陈建国,${card(1)},农行甘洛支行\n${byName('刘晓燕').id},刘大山,${card(2)},农行甘洛支行\n`);
      await expect(importTeacherAccounts(t.database, { file: bad, actor: cliActor() })).rejects.toMatchObject({ code: 'TEACHER_ACCOUNT', status: 400, where: { row: 3, column: '姓名' } });
      expect(await db.selectFrom('teacher_bank_accounts').select('teacher_key').execute()).toEqual([]);
      const good = path.join(dir, `${dialect}-cards.csv`);
      const withCards = gl.filter((x) => x.name !== NO_CARD);
      fs.writeFileSync(good, ['身份证件号,姓名,银行卡号,开户行', ...withCards.map((x, k) => `${x.id},${x.name},${card(k + 1)},农行甘洛支行`)].join('\n'));
      expect(await importTeacherAccounts(t.database, { file: good, actor: cliActor() })).toMatchObject({ rows: withCards.length });

      const owed = gl.flatMap((x) => monthlyPayables(x, URBAN_RURAL[x.school_code], '2025-11').map((p) => ({ ...p, name: x.name })));
      expect((await t.post('county', '/api/teachers/payables/generate', { month: '2025-11' })).statusCode).toBe(200);
      expect((await t.post('admin', '/api/teachers/payables/generate', { month: '2025-11' })).json()).toMatchObject({ created: 2 });

      // only the bureau makes a batch; then each payable is in one live batch only
      expect((await t.post('school-a', '/api/aid/batches', { kind: 'teacher', period: '2025-11' })).statusCode).toBe(403);
      const bogus = await t.post('county', '/api/aid/batches', { kind: 'teacher', period: '2025-13' });
      expect(bogus.statusCode).toBe(400);
      const made = await t.post('county', '/api/aid/batches', { kind: 'teacher', period: '2025-11' });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ kind: 'teacher', period: '2025-11', rows: owed.length, amount: owed.reduce((s, p) => s + p.amount_fen, 0) / 100, status: '草稿', schoolYear: 2025, term: '秋季' });
      const id = made.json().batch as number;
      const twice = await t.post('county', '/api/aid/batches', { kind: 'teacher', period: '2025-11' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error).toMatchObject({ code: 'AID_BATCH_EMPTY', message: expect.stringContaining('2025-11'), messageEn: expect.stringContaining('2025-11') });

      // the other county makes its own, of its own teacher only; neither sees the other's
      const theirs = await t.post('county-gy', '/api/aid/batches', { kind: 'teacher', period: '2025-11' });
      expect(theirs.statusCode, theirs.body).toBe(201);
      expect(theirs.json()).toMatchObject({ rows: 2, amount: 800 });
      const gyId = theirs.json().batch as number;
      expect((await t.get('county-gy', `/api/aid/batches/${id}`)).statusCode).toBe(404);
      expect((await t.get('county', `/api/aid/batches/${gyId}`)).statusCode).toBe(404);
      expect((await t.post('county-gy', `/api/aid/batches/${id}/notice`, { days: 5 })).statusCode).toBe(404);
      expect((await t.get('county-gy', `/api/aid/batches/${id}/payfile`)).statusCode).toBe(404);
      expect((await t.get('county', '/api/aid/batches?kind=teacher')).json<BatchList>().items.map((b) => b.id)).toEqual([id]);
      expect((await t.get('county-gy', '/api/aid/batches?kind=teacher')).json<BatchList>().items.map((b) => b.id)).toEqual([gyId]);
      // cancelling releases the payables: a new batch takes them again
      expect((await t.post('county', `/api/aid/batches/${gyId}/cancel`, { reason: '误建' })).statusCode).toBe(404);
      expect((await t.post('county-gy', `/api/aid/batches/${gyId}/cancel`, { reason: '金额待核' })).json()).toMatchObject({ status: '已撤销' });
      expect((await t.post('county-gy', '/api/aid/batches', { kind: 'teacher', period: '2025-11' })).json()).toMatchObject({ rows: 2, amount: 800 });
      expect(await db.selectFrom('teacher_payables').select('status').where('county_code', '=', '520102').execute()).toEqual([{ status: '待发放' }, { status: '待发放' }]);

      // the old direct payment is refused and says where to go
      const direct = await t.post('county', '/api/teachers/payables/pay', { period: '2025-11', date: '2025-11-24', note: '回单' });
      expect(direct.statusCode).toBe(409);
      expect(direct.json().error).toMatchObject({ code: 'TEACHER_PAY_BY_BATCH', message: expect.stringContaining('fuzhi batch create --kind teacher'), messageEn: expect.stringContaining('disbursement batch') });

      // rows as the drawer shows them: ID numbers masked
      const detail = (await t.get('county', `/api/aid/batches/${id}?pageSize=100`)).json<BatchDetail>();
      expect(detail).toMatchObject({ kind: 'teacher', period: '2025-11', status: '草稿' });
      expect(detail.lines.items.every((l) => /^\d{6}\*+\d{3}[\dX]$/.test(l.studentNo))).toBe(true);
      expect(JSON.stringify(detail)).not.toContain(byName('刘晓燕').id);

      // 公示: name, school, item, amount — no ID, no card; approval waits for the period and the objections
      expect((await t.post('county', `/api/aid/batches/${id}/approve`)).json().error.code).toBe('AID_BATCH_STEP');
      const notice = await t.post('county', `/api/aid/batches/${id}/notice`, { days: 5 });
      expect(notice.statusCode, notice.body).toBe(200);
      expect(notice.json()).toMatchObject({ status: '公示中', noticeStart: '2025-11-24', noticeEnd: '2025-11-28' });
      const list = await t.get('county', `/api/aid/batches/${id}/notice?format=xlsx`);
      expect(list.statusCode).toBe(200);
      const sheet = await sheetRows(list.rawPayload);
      expect(sheet[0].join('')).toContain('2025年11月乡村教师补助发放名单公示');
      expect(sheet.find((r) => r[0] === '序号')).toEqual(['序号', '姓名', '学校', '补助项目', '金额']);
      expect(table(sheet).map((r) => r.姓名).sort()).toEqual(owed.map((p) => p.name).sort());
      const text = JSON.stringify(sheet);
      for (const x of gl) expect(text).not.toContain(x.id);
      expect(text).not.toContain(card(1));

      on('2025-11-28');
      const early = await t.post('county', `/api/aid/batches/${id}/approve`);
      expect(early.statusCode).toBe(409);
      expect(early.json().error).toMatchObject({ code: 'AID_NOTICE_RUNNING', message: expect.stringContaining('2025-11-28') });
      const objection = await t.post('county', `/api/aid/batches/${id}/objections`, { text: '周文华本月已调离乡村学校？' });
      expect(objection.statusCode).toBe(201);
      on('2025-12-01');
      expect((await t.post('county', `/api/aid/batches/${id}/approve`)).json().error.code).toBe('AID_OBJECTIONS_OPEN');
      expect((await t.post('county', `/api/aid/objections/${objection.json().objection}/answer`, { text: '经核实仍在乡村学校任教' })).statusCode).toBe(200);
      const approved = await t.post('county', `/api/aid/batches/${id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().status).toBe('已审批');

      // the payment file: cards as a county officer sees them (masked); in full only on request, audited
      expect((await t.get('school-a', `/api/aid/batches/${id}/payfile`)).statusCode).toBe(403);
      const masked = table(await sheetRows((await t.get('county', `/api/aid/batches/${id}/payfile`)).rawPayload));
      const carded = owed.filter((p) => p.name !== NO_CARD);
      expect(masked).toHaveLength(carded.length);
      expect(masked.every((r) => /^\d{4}\*+\d{4}$/.test(r.收款账号) && /^\d{6}\*+\d{3}[\dX]$/.test(r.身份证件号))).toBe(true);
      expect(masked.map((r) => r.收款人姓名)).not.toContain(NO_CARD);
      const full = table(await sheetRows((await t.get('county', `/api/aid/batches/${id}/payfile?full=1`)).rawPayload));
      expect(full.find((r) => r.收款人姓名 === '陈建国')).toMatchObject({ 收款账号: card(1), 身份证件号: byName('陈建国').id });
      expect(await db.selectFrom('audit_log').select('actor').where('action', '=', 'aid.batch.payfile.full').execute()).toEqual([{ actor: 'county' }]);

      // the bank pays every row of the file but 刘晓燕's 生活补助 (frozen account)
      const failing = full.find((r) => r.收款人姓名 === '刘晓燕' && r.摘要.includes('生活补助'))!;
      const result = ['批次行号,结果,失败原因', ...full.map((r) => (r === failing ? `${r.批次行号},失败,账户冻结` : `${r.批次行号},成功,`))].join('\n');
      const paid = await t.app.inject({
        method: 'POST',
        url: `/api/aid/batches/${id}/bank-result?fileName=${encodeURIComponent('发放结果.csv')}`,
        headers: { ...t.headers(t.cookie('county')), 'content-type': 'application/octet-stream' },
        payload: Buffer.from(result, 'utf8'),
      });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({ status: '部分发放', paid: carded.length - 1, failed: 1, unpaid: owed.length - carded.length });
      const ledger = async () => (await t.get('county', '/api/teachers/payables?period=2025-11&pageSize=100')).json<PayableList>().items;
      const after = await ledger();
      expect(after.filter((p) => p.status === '已发放')).toHaveLength(carded.length - 1);
      expect(after.filter((p) => p.status === '已发放').every((p) => p.paidOn === '2025-12-01')).toBe(true);
      expect(after.filter((p) => p.status === '发放失败')).toMatchObject([{ name: '刘晓燕', payNote: '账户冻结' }]);
      expect(after.filter((p) => p.status === '待发放').map((p) => p.name)).toEqual([NO_CARD, NO_CARD]);

      // 郑春梅 paid in cash with a receipt; the failed row re-issued, then paid
      const cash = await payBatch(t.database, id, { actor: cliActor(), today: '2025-12-01', confirm: [byName(NO_CARD).id], reason: '现金发放，有签收单' });
      expect(cash).toMatchObject({ status: '已发放', confirmed: 2 });
      const again = await reissueFailed(t.database, id, { actor: cliActor() });
      expect(again).toMatchObject({ rows: 1, status: '已审批', reissueOf: id });
      expect((await t.get('county', `/api/aid/batches/${again.batch}`)).json<BatchDetail>()).toMatchObject({ kind: 'teacher', period: '2025-11', rows: 1 });
      // the failed payable is held by the re-issue: no third batch of it
      expect((await t.post('county', '/api/aid/batches', { kind: 'teacher', period: '2025-11' })).statusCode).toBe(409);
      const reLine = (await t.get('county', `/api/aid/batches/${again.batch}`)).json<BatchDetail>().lines.items[0];
      const repaid = await t.app.inject({
        method: 'POST',
        url: `/api/aid/batches/${again.batch}/bank-result?fileName=${encodeURIComponent('重发结果.csv')}`,
        headers: { ...t.headers(t.cookie('county')), 'content-type': 'application/octet-stream' },
        payload: Buffer.from(`批次行号,结果,失败原因\n${reLine.line},成功,\n`, 'utf8'),
      });
      expect(repaid.json()).toMatchObject({ status: '已发放', paid: 1 });
      expect((await ledger()).every((p) => p.status === '已发放')).toBe(true);

      // every step audited; student views are untouched by the teacher rows
      const actions = (await db.selectFrom('audit_log').select('action').where('target', '=', `batch ${id}`).execute()).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['aid.batch.create', 'aid.batch.notice', 'aid.batch.object', 'aid.batch.answer', 'aid.batch.approve', 'aid.batch.payfile', 'aid.batch.pay']));
      expect((await t.get('county', '/api/aid/batches?kind=student')).json<BatchList>().items).toEqual([]);
    });
  });
}
