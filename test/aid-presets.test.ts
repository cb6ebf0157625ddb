// Acceptance for issue 4 (presets): on a generated county, for each of the four seed presets, every
// listed student gets exactly the seed's amounts for the term through `fuzhi entitle`, nobody off
// the lists gets anything, and entitle is idempotent. Storage on SQLite and PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { listedStudents, type ListedStudent } from '../src/registry/listed-students.service.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';
import { expectedYuan, loadCounty, outOfArea, qualifies } from './aid-helpers.ts';

const Y = 2025;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid presets on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let env: Record<string, string | undefined>;
    let listed: ListedStudent[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-out-'));

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 400, Y);
      listed = await listedStudents(database.db);
      env = dbEnv(t.options);
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    for (const preset of ['huangmei', 'wuhan', 'rizhao', 'dingxi']) {
      it(`${preset}: every listed student gets exactly the seed's amounts, nobody else anything`, async () => {
        const p = fuzhi(['policy', 'preset', preset, '--school-year', String(Y)], env);
        expect(p.code, p.stderr).toBe(0);
        expect(p.json).toMatchObject({ ok: true, preset });
        const e = fuzhi(['entitle', '--school-year', String(Y), '--term', '秋季'], env);
        expect(e.code, e.stderr).toBe(0);
        const rows = await database.db.selectFrom('aid_entitlements').selectAll().where('school_year', '=', Y).where('term', '=', '秋季').where('status', '=', 'active').where('cash', '=', 1).execute();
        const got = new Map<string, number>();
        for (const r of rows) got.set(r.student_no, (got.get(r.student_no) ?? 0) + (r.amount_fen ?? 0) / 100);
        const listedNos = new Set(listed.map((s) => s.studentNo));
        for (const no of got.keys()) expect(listedNos.has(no), `${no} is not on any list`).toBe(true);
        let paidStudents = 0;
        for (const s of listed) {
          const want = qualifies(s, Y) ? expectedYuan(preset, s.stage, s.boarding, outOfArea(s)) : 0;
          expect(got.get(s.studentNo) ?? 0, `${preset} ${s.stage} ${s.grade} 寄宿=${s.boarding} ${JSON.stringify(s.lists)}`).toBe(want);
          if (want > 0) paidStudents += 1;
        }
        expect(paidStudents).toBeGreaterThan(10);
        const total = [...got.values()].reduce((a, b) => a + b, 0);
        expect(e.json!.amount).toBeCloseTo(total, 2);
        const again = fuzhi(['entitle', '--school-year', String(Y), '--term', '秋季'], env);
        expect(again.json).toMatchObject({ inserted: 0, updated: 0, stopped: 0, amount: e.json!.amount });
        const out = path.join(dir, `${preset}.csv`);
        const x = fuzhi(['export', 'entitlements', '--school-year', String(Y), '--term', '秋季', '--out', out], env);
        expect(x.code, x.stderr).toBe(0);
        expect(x.json!.rows).toBe(e.json!.rows);
        expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toContain('学籍号,姓名,学校标识码,学段,资助项目,金额,依据');
      });
    }

    it('keeps every version of the policy set when an amount is set (武汉 学前 20xx → set by the bureau)', () => {
      expect(fuzhi(['policy', 'preset', 'wuhan', '--school-year', String(Y)], env).code).toBe(0);
      const before = fuzhi(['entitle', '--school-year', String(Y), '--term', '秋季'], env);
      expect(before.json!.pending.map((p: { item: string }) => p.item)).toContain('wuhan-preschool-living');
      const s = fuzhi(['policy', 'set-amount', 'wuhan-preschool-living', '--school-year', String(Y), '--yuan', '1000', '--reason', '市财政局文件'], env);
      expect(s.code, s.stderr).toBe(0);
      expect(s.json!.change).toContain('待填写 → 1000 元');
      const after = fuzhi(['entitle', '--school-year', String(Y), '--term', '秋季'], env);
      expect(after.json!.amount).toBeGreaterThan(before.json!.amount);
      const show = fuzhi(['policy', 'show', '--school-year', String(Y)], env);
      expect(show.json!.history.length).toBeGreaterThanOrEqual(2);
      const bad = fuzhi(['policy', 'set-amount', 'no-such-item', '--school-year', String(Y), '--yuan', '1'], env);
      expect(bad.code).toBe(2);
    });
  });
}
