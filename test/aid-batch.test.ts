// Acceptance for issue 4 (batches): the life cycle 草稿 → 公示中 → 已审批 → 已发放 (and 已撤销) through
// the real CLI, every illegal step refused with exit 1 and a clear message (paying needs the bank's result); the 公示 list carries no
// ID, bank number or poverty label; nobody is paid twice; coverage reaches 100% once all is paid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';
import { loadCounty } from './aid-helpers.ts';

const Y = '2025';
const FORBIDDEN = /\d{17}[\dXx]|\d{16,19}|建档立卡|低保|特困|脱贫|返贫|监测|贫困户/;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid batches on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let env: Record<string, string | undefined>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-batch-'));
    const on = (day: string) => ({ ...env, FUZHI_TODAY: day });
    const run = (args: string[], day = '2025-10-08') => fuzhi(args, on(day));

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 250, 2025);
      env = dbEnv(t.options);
      expect(run(['policy', 'preset', 'huangmei', '--school-year', Y]).code).toBe(0);
      expect(run(['entitle', '--school-year', Y, '--term', '秋季']).code).toBe(0);
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    it('moves a batch through its life cycle and refuses every illegal step', async () => {
      const c = run(['batch', 'create', '--school-year', Y, '--term', '秋季']);
      expect(c.code, c.stderr).toBe(0);
      expect(c.json).toMatchObject({ status: '草稿' });
      const id = String(c.json!.batch);
      expect(c.json!.rows).toBeGreaterThan(0);

      const steps: [string[], string, RegExp][] = [
        [['batch', 'approve', id], '2025-10-08', /须先公示/],
        [['batch', 'pay', id], '2025-10-08', /须先审批/],
        [['batch', 'object', id, '--text', '名单有误'], '2025-10-08', /只能在公示期间/],
      ];
      for (const [args, day, msg] of steps) {
        const r = run(args, day);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(msg);
        expect(r.stderr).toMatch(/Error: /);
      }
      expect(run(['batch', 'notice', id, '--out', path.join(dir, 'n.txt')]).code).toBe(2);
      expect(run(['batch', 'notice', id, '--out', path.join(dir, 'n.csv'), '--days', '3']).code).toBe(2);

      const csv = path.join(dir, 'notice.csv');
      const n = run(['batch', 'notice', id, '--out', csv, '--contact', '县学生资助管理中心 0713-1234567'], '2025-10-08');
      expect(n.code, n.stderr).toBe(0);
      expect(n.json).toMatchObject({ rows: c.json!.rows, status: '公示中', noticeStart: '2025-10-08', noticeEnd: '2025-10-14' });
      const text = fs.readFileSync(csv, 'utf8');
      expect(text).toContain('序号,姓名,学校,年级,资助项目,金额');
      expect(text).toContain('公示期：2025-10-08 至 2025-10-14');
      expect(text).not.toMatch(FORBIDDEN);

      const early = run(['batch', 'approve', id], '2025-10-14');
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/公示期至 2025-10-14 结束/);

      const o = run(['batch', 'object', id, '--text', '某生已转学'], '2025-10-09');
      expect(o.code, o.stderr).toBe(0);
      const blocked = run(['batch', 'approve', id], '2025-10-15');
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/异议未答复/);
      const a = run(['batch', 'answer', String(o.json!.objection), '--text', '经核实，该生 9 月仍在本校就读'], '2025-10-10');
      expect(a.code, a.stderr).toBe(0);
      expect(a.json).toMatchObject({ due: '2025-10-14', late: false, open: 0 });
      expect(run(['batch', 'answer', String(o.json!.objection), '--text', 'again'], '2025-10-10').code).toBe(1);

      const xlsx = path.join(dir, 'notice.xlsx');
      const pdf = path.join(dir, 'notice.pdf');
      expect(run(['batch', 'notice', id, '--out', xlsx], '2025-10-10').json).toMatchObject({ noticeEnd: '2025-10-14' });
      expect(run(['batch', 'notice', id, '--out', pdf], '2025-10-10').code).toBe(0);
      expect(fs.readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const cells: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
      expect(cells.join('\n')).not.toMatch(FORBIDDEN);
      expect(cells).toContain('资助项目');

      const ok = run(['batch', 'approve', id], '2025-10-15');
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json).toMatchObject({ ok: true, status: '已审批' });
      expect(run(['batch', 'notice', id, '--out', csv], '2025-10-15').code).toBe(1);
      expect(run(['batch', 'cancel', id], '2025-10-15').code).toBe(2);
      // no proof of payment: refused, nothing changed
      const blind = run(['batch', 'pay', id], '2025-10-20');
      expect(blind.code).toBe(1);
      expect(blind.stderr).toMatch(/须导入银行发放结果.*逐人确认/);
      expect(blind.stderr).toMatch(/bank result .* per-row confirmation/);
      const rows = await database.db.selectFrom('aid_batch_rows').select(['id', 'pay_status']).where('batch_id', '=', Number(id)).execute();
      expect(new Set(rows.map((r) => r.pay_status))).toEqual(new Set(['待发放']));
      expect((await database.db.selectFrom('aid_batches').select('status').where('id', '=', Number(id)).executeTakeFirstOrThrow()).status).toBe('已审批');
      const result = path.join(dir, 'bank-result.csv');
      fs.writeFileSync(result, `${['批次行号,结果', ...rows.map((r) => `${r.id},成功`)].join('\n')}\n`);
      const paid = run(['batch', 'pay', id, '--result', result], '2025-10-20');
      expect(paid.json).toMatchObject({ ok: true, status: '已发放', paid: rows.length, failed: 0, unpaid: 0 });
      expect(run(['batch', 'pay', id, '--result', result], '2025-10-21').code).toBe(1);
      expect(run(['batch', 'cancel', id, '--reason', 'x'], '2025-10-21').code).toBe(1);

      const twice = run(['batch', 'create', '--school-year', Y, '--term', '秋季'], '2025-10-21');
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/没有尚未纳入批次的应享资助/);

      const cov = path.join(dir, 'coverage.csv');
      const r = run(['report', 'coverage', '--school-year', Y, '--term', '秋季', '--out', cov], '2025-10-21');
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ coverage: 100, unbatched: 0, stoppedWithoutReason: 0 });
      const lines = fs.readFileSync(cov, 'utf8').trim().split('\n');
      expect(lines[0]).toContain('学校标识码,学校名称,资助项目,应享人数,已纳入批次人数,已发放人数,覆盖率');
      for (const line of lines.slice(1)) expect(line).toContain(',100.0%,');
    });

    it('refuses a second live row for the same student, item and term (database guard)', async () => {
      const row = await database.db.selectFrom('aid_batch_rows').selectAll().where('pay_key', 'is not', null).executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      await expect(database.db.insertInto('aid_batch_rows').values({ ...copy, batch_id: 999 }).execute()).rejects.toThrow();
    });

    it('releases a cancelled batch so its entitlements can be batched again', () => {
      expect(run(['entitle', '--school-year', Y, '--term', '春季'], '2026-03-02').code).toBe(0);
      const c = run(['batch', 'create', '--school-year', Y, '--term', '春季', '--item', '初中寄宿生生活补助'], '2026-03-02');
      expect(c.code, c.stderr).toBe(0);
      const pending = run(['batch', 'create', '--school-year', Y, '--term', '春季', '--item', 'huangmei-yulu'], '2026-03-02');
      expect(pending.code).toBe(1);
      expect(pending.stderr).toMatch(/据实减免或贷款/);
      const x = run(['batch', 'cancel', String(c.json!.batch), '--reason', '名单需重新核对'], '2026-03-03');
      expect(x.json).toMatchObject({ status: '已撤销' });
      const again = run(['batch', 'create', '--school-year', Y, '--term', '春季', '--item', 'huangmei-junior-boarding'], '2026-03-04');
      expect(again.json).toMatchObject({ rows: c.json!.rows, amount: c.json!.amount });
      const cov = run(['report', 'coverage', '--school-year', Y, '--term', '春季', '--out', path.join(dir, 'c2.xlsx')], '2026-03-04');
      expect(cov.json!.paid).toBe(0);
      expect(cov.json!.batched).toBe(c.json!.rows);
    });
  });
}
