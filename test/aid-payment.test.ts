// Acceptance for issue 4 (recognition and payment): a student on no list recognised 特别困难 is paid;
// bank accounts are imported (bad rows rejected, cards in a stranger's name flagged); the bank's
// result marks failures, which are re-issued; ledger and supervision export add up. Both dialects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { listedStudents } from '../src/registry/listed-students.service.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';
import { loadCounty } from './aid-helpers.ts';
import { maskStudentNo } from '../src/platform/privacy.rules.ts';

const Y = '2025';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid recognition and payment on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let env: Record<string, string | undefined>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-pay-'));
    const run = (args: string[], day: string) => fuzhi(args, { ...env, FUZHI_TODAY: day });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 150, 2025);
      env = dbEnv(t.options);
      expect(run(['policy', 'preset', 'huangmei', '--school-year', Y], '2025-09-01').code).toBe(0);
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    it('pays a recognised 特别困难 student who is on no list, after 公示 and filing', async () => {
      const listed = new Set((await listedStudents(database.db)).map((s) => s.studentNo));
      const candidates = await database.db.selectFrom('students').select(['student_no']).where('stage', '=', '初中').where('boarding', '=', 1).where('status', '=', '在读').execute();
      const no = candidates.map((c) => c.student_no).find((n) => !listed.has(n))!;
      expect(run(['recognition', 'decide', no, '--school-year', Y, '--tier', '特别困难'], '2025-09-05').code).toBe(1);
      expect(run(['recognition', 'apply', no, '--school-year', Y, '--reason', '父亲因病致贫'], '2025-09-05').code).toBe(0);
      expect(run(['recognition', 'decide', no, '--school-year', Y, '--tier', '很困难'], '2025-09-06').code).toBe(2);
      expect(run(['recognition', 'decide', no, '--school-year', Y, '--tier', '特别困难'], '2025-09-08').json).toMatchObject({ status: '已认定', tier: '特别困难' });
      const notice = run(['recognition', 'notice', '--school-year', Y, '--out', path.join(dir, 'rec.csv')], '2025-09-08');
      expect(notice.json).toMatchObject({ rows: 1, noticeEnd: '2025-09-12' });
      expect(run(['recognition', 'file', '--school-year', Y], '2025-09-12').code).toBe(1);
      expect(run(['recognition', 'file', '--school-year', Y], '2025-09-13').json).toMatchObject({ filed: 1 });
      expect(run(['entitle', '--school-year', Y, '--term', '秋季'], '2025-09-15').code).toBe(0);
      const e = await database.db.selectFrom('aid_entitlements').selectAll().where('student_no', '=', no).execute();
      expect(e.map((x) => [x.item_code, x.amount_fen])).toContainEqual(['huangmei-junior-boarding', 62500]);
      expect(e.find((x) => x.item_code === 'huangmei-junior-boarding')!.reason).toContain('认定为家庭经济困难学生（特别困难）');
    });

    it('pays a one-off 应急救助 grant from the school\'s 学生资助基金 (三明 003)', async () => {
      const anyone = await database.db.selectFrom('students').select('student_no').where('status', '=', '在读').where('stage', '=', '高中').executeTakeFirstOrThrow();
      const g = run(['grant', 'add', anyone.student_no, '--school-year', Y, '--term', '秋季', '--item', 'huangmei-emergency', '--yuan', '800', '--reason', '受新冠肺炎疫情影响家庭收入骤减'], '2025-09-15');
      expect(g.json, g.stderr).toMatchObject({ ok: true, amount: 800 });
      expect(run(['grant', 'add', anyone.student_no, '--school-year', Y, '--term', '秋季', '--item', 'huangmei-primary-boarding', '--yuan', '1', '--reason', 'x'], '2025-09-15').code).toBe(2);
      expect(run(['entitle', '--school-year', Y, '--term', '秋季'], '2025-09-15').code).toBe(0);
      const e = await database.db.selectFrom('aid_entitlements').selectAll().where('student_no', '=', anyone.student_no).where('item_code', '=', 'huangmei-emergency').executeTakeFirstOrThrow();
      expect([e.amount_fen, e.fund_source]).toEqual([80000, '学生资助基金']);
    });

    it('pays through the bank, re-issues failures, and keeps ledger and supervision export in step', async () => {
      const c = run(['batch', 'create', '--school-year', Y, '--term', '秋季'], '2025-09-15');
      expect(c.code, c.stderr).toBe(0);
      const id = String(c.json!.batch);
      const lines = await database.db.selectFrom('aid_batch_rows').selectAll().where('batch_id', '=', Number(id)).orderBy('seq').execute();
      const acc = ['学籍号,持卡人姓名,与学生关系,银行卡号,开户行'];
      lines.forEach((l, i) => {
        if (i === 0) acc.push(`${l.student_no},王某某,邻居,6222 0000 0000 0000 001,农村信用社`);
        else if (i === 1) acc.push(`${l.student_no},${l.name},本人,12AB,农村信用社`);
        else acc.push(`${l.student_no},${l.name},本人,62220000000000${String(1000 + i)},农村信用社`);
      });
      fs.writeFileSync(path.join(dir, 'acc.csv'), `${acc.join('\n')}\n`);
      const imp = run(['import', 'bank-accounts', path.join(dir, 'acc.csv')], '2025-09-15');
      expect(imp.json).toMatchObject({ inserted: lines.length - 1, rejected: 1, flagged: 1 });
      expect(imp.stderr).toMatch(/不是学生本人或监护人/);

      expect(run(['batch', 'payfile', id, '--out', path.join(dir, 'pay.csv')], '2025-09-15').code).toBe(1);
      expect(run(['batch', 'notice', id, '--out', path.join(dir, 'n.csv')], '2025-09-15').code).toBe(0);
      expect(run(['batch', 'approve', id], '2025-09-23').code).toBe(0);
      const pf = run(['batch', 'payfile', id, '--out', path.join(dir, 'pay.csv')], '2025-09-23');
      expect(pf.json).toMatchObject({ rows: lines.length - 1, missingAccount: 1, flagged: 1 });

      const result = ['批次行号,结果,失败原因', ...lines.slice(2).map((l, i) => `${l.id},${i === 0 ? '失败,账户已销户' : '成功'}`)];
      fs.writeFileSync(path.join(dir, 'result.csv'), `${result.join('\n')}\n`);
      // lines[0] (flagged card) was in the payment file but the bank did not answer; lines[1] has no
      // usable account and was never in it: both stay 待发放; lines[2] failed at the bank.
      const paid = run(['batch', 'pay', id, '--result', path.join(dir, 'result.csv')], '2025-09-25');
      expect(paid.json).toMatchObject({ status: '部分发放', paid: lines.length - 3, failed: 1, unpaid: 2 });
      expect(paid.json!.unpaidStudents).toEqual([lines[0].student_no, lines[1].student_no].map(maskStudentNo));
      const cov1 = run(['report', 'coverage', '--school-year', Y, '--term', '秋季', '--out', path.join(dir, 'cov1.csv')], '2025-09-25');
      expect(cov1.json!.paid).toBe(lines.length - 3);

      const re = run(['batch', 'reissue', id], '2025-09-26');
      expect(re.json).toMatchObject({ rows: 1, status: '已审批', reissueOf: Number(id) });
      expect(run(['batch', 'reissue', id], '2025-09-26').code).toBe(1);
      const reFile = path.join(dir, 'result-re.csv');
      const reLine = await database.db.selectFrom('aid_batch_rows').select('id').where('batch_id', '=', Number(re.json!.batch)).executeTakeFirstOrThrow();
      fs.writeFileSync(reFile, `批次行号,结果\n${reLine.id},成功\n`);
      expect(run(['batch', 'pay', String(re.json!.batch), '--result', reFile], '2025-09-28').json).toMatchObject({ status: '已发放', paid: 1 });
      // the two left were paid in cash against a signed receipt
      const cash = run(['batch', 'pay', id, '--confirm', `${lines[0].student_no},${lines[1].student_no}`, '--reason', '现金发放，家长签收单存档'], '2025-09-28');
      expect(cash.json, cash.stderr).toMatchObject({ status: '已发放', confirmed: 2, unpaid: 0 });
      const cov = run(['report', 'coverage', '--school-year', Y, '--term', '秋季', '--out', path.join(dir, 'cov.csv')], '2025-09-28');
      expect(cov.json).toMatchObject({ coverage: 100, paid: lines.length });

      const ledger = run(['report', 'ledger', '--school-year', Y, '--out', path.join(dir, 'ledger.xlsx')], '2025-09-28');
      expect(ledger.json).toMatchObject({ payments: lines.length, amount: c.json!.amount });
      expect(ledger.json!.bySource['学生资助基金']).toBe(800);
      const sup = run(['export', 'supervision', '--school-year', Y, '--term', '秋季', '--out', path.join(dir, 'sup.csv')], '2025-09-28');
      expect(sup.json).toMatchObject({ rows: lines.length, amount: c.json!.amount });
      expect(fs.readFileSync(path.join(dir, 'sup.csv'), 'utf8')).toContain('序号,年度,学期,区县代码,发放县代码,学校标识码');
    });

    it('pays only rows with proof: 51 students, 10 with a bank account — the bank pays 10, 41 stay unpaid and are listed', async () => {
      // 51 students of the 春季 term with no bank account yet, each entitled to one cash item
      const withAccount = new Set((await database.db.selectFrom('aid_bank_accounts').select('student_no').execute()).map((r) => r.student_no));
      const students = (await database.db
        .selectFrom('students')
        .innerJoin('schools', 'schools.code', 'students.school_code')
        .select(['students.student_no', 'students.name', 'students.county_code', 'students.school_code', 'schools.name as school_name', 'students.stage', 'students.grade'])
        .where('students.status', '=', '在读')
        .orderBy('students.student_no')
        .execute()).filter((s) => !withAccount.has(s.student_no)).slice(0, 51);
      expect(students).toHaveLength(51);
      await database.db.insertInto('aid_entitlements').values(students.map((s) => ({
        id: `2025|春季|${s.student_no}|test-allowance`, county_code: s.county_code, school_year: 2025, term: '春季', student_no: s.student_no, name: s.name,
        school_code: s.school_code, school_name: s.school_name, stage: s.stage, grade: s.grade, item_code: 'test-allowance', item_name: '生活补助', kind: '补助',
        amount_fen: 50000, cash: 1, fund_source: '中央和省级财政', shares_json: '{"县":1}', payer_county: s.county_code, reason: 'test', basis: 'test',
        status: 'active', stop_reason: null, computed_at: '2026-03-02', updated_at: '2026-03-02',
      }))).execute();
      const c = run(['batch', 'create', '--school-year', Y, '--term', '春季'], '2026-03-02');
      expect(c.json, c.stderr).toMatchObject({ rows: 51 });
      const id = String(c.json!.batch);
      expect(run(['batch', 'notice', id, '--out', path.join(dir, 'n51.csv')], '2026-03-02').code).toBe(0);
      expect(run(['batch', 'approve', id], '2026-03-09').code).toBe(0);
      const lines = await database.db.selectFrom('aid_batch_rows').selectAll().where('batch_id', '=', Number(id)).orderBy('seq').execute();
      const banked = lines.slice(0, 10);
      fs.writeFileSync(path.join(dir, 'acc51.csv'), `${['学籍号,持卡人姓名,与学生关系,银行卡号,开户行', ...banked.map((l, i) => `${l.student_no},${l.name},本人,62220000000051${String(100 + i)},农村信用社`)].join('\n')}\n`);
      expect(run(['import', 'bank-accounts', path.join(dir, 'acc51.csv')], '2026-03-09').json).toMatchObject({ inserted: 10 });
      expect(run(['batch', 'payfile', id, '--out', path.join(dir, 'pay51.csv')], '2026-03-09').json).toMatchObject({ rows: 10, missingAccount: 41 });

      // without a bank result or a per-row confirmation nothing is paid
      const blind = run(['batch', 'pay', id], '2026-03-10');
      expect(blind.code).toBe(1);
      expect(blind.stderr).toMatch(/银行发放结果.*逐人确认/);
      const statuses = async () => (await database.db.selectFrom('aid_batch_rows').select('pay_status').where('batch_id', '=', Number(id)).orderBy('seq').execute()).map((r) => r.pay_status);
      expect(new Set(await statuses())).toEqual(new Set(['待发放']));

      fs.writeFileSync(path.join(dir, 'res51.csv'), `${['批次行号,结果', ...banked.map((l) => `${l.id},成功`)].join('\n')}\n`);
      const paid = run(['batch', 'pay', id, '--result', path.join(dir, 'res51.csv')], '2026-03-12');
      expect(paid.code, paid.stderr).toBe(0);
      expect(paid.json).toMatchObject({ ok: true, status: '部分发放', paid: 10, failed: 0, unpaid: 41 });
      const unpaid = lines.slice(10).map((l) => maskStudentNo(l.student_no));
      expect(paid.json!.unpaidStudents).toEqual(unpaid);
      for (const m of paid.json!.unpaidStudents as string[]) expect(m).toMatch(/^G\d{6}\*{8}\d{3}[\dX]$|^[^G]/);
      expect(paid.stderr).toContain('41 行尚未发放');
      expect(paid.stderr).toContain(unpaid[0]);
      expect(await statuses()).toEqual([...Array(10).fill('已发放'), ...Array(41).fill('待发放')]);

      const sup = run(['export', 'supervision', '--school-year', Y, '--term', '春季', '--out', path.join(dir, 'sup51.csv')], '2026-03-12');
      expect(sup.json).toMatchObject({ rows: 10, amount: 5000 });
      const cov = run(['report', 'coverage', '--school-year', Y, '--term', '春季', '--out', path.join(dir, 'cov51.csv')], '2026-03-12');
      expect(cov.json).toMatchObject({ entitled: 51, batched: 51, paid: 10 });

      // per-row confirmation: needs a reason; an unknown 学籍号 changes nothing; each row audited
      const two = lines.slice(10, 12).map((l) => l.student_no);
      expect(run(['batch', 'pay', id, '--confirm', two.join(',')], '2026-03-13').code).toBe(2);
      expect(run(['batch', 'pay', id, '--confirm', `${two[0]},G000000000000000000`, '--reason', '现金发放'], '2026-03-13').code).toBe(1);
      expect(run(['batch', 'pay', id, '--confirm', lines[0].student_no, '--reason', '现金发放'], '2026-03-13').code).toBe(1); // already paid by the bank
      const cash = run(['batch', 'pay', id, '--confirm', two.join('，'), '--reason', '现金发放，家长签收单存档'], '2026-03-13');
      expect(cash.json, cash.stderr).toMatchObject({ status: '部分发放', confirmed: 2, unpaid: 39 });
      const audit = await database.db.selectFrom('audit_log').select(['action', 'target', 'detail_json']).where('action', '=', 'aid.batch.pay.confirm').where('target', 'like', `batch ${id} row %`).execute();
      expect(audit).toHaveLength(2);
      expect(JSON.parse(audit[0].detail_json!)).toMatchObject({ reason: '现金发放，家长签收单存档', before: '待发放' });
      expect(run(['export', 'supervision', '--school-year', Y, '--term', '春季', '--out', path.join(dir, 'sup51b.csv')], '2026-03-13').json).toMatchObject({ rows: 12 });
      expect(run(['batch', 'cancel', id, '--reason', 'x'], '2026-03-13').code).toBe(1); // money already went out
    });

    it('locks a term\'s lists after its deadline', () => {
      expect(run(['policy', 'set-deadline', '--school-year', Y, '--term', '秋季', '--date', '2025-09-30'], '2025-09-28').code).toBe(0);
      const locked = run(['entitle', '--school-year', Y, '--term', '秋季'], '2025-10-01');
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/已于 2025-09-30 锁定/);
    });
  });
}
