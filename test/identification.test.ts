// Acceptance: a generated county with every kind of dirt (GB18030, alias headers, title rows,
// Excel-destroyed IDs, typos, namesakes…) is imported and matched through the real CLI, and the
// result is measured against the generator's truth. Storage on SQLite and PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty, type GeneratedCounty } from '../src/demo/generate.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { openTable } from '../src/files/read-table.ts';
import type { TableSpec } from '../src/files/table-spec.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';
import { measure, trulyNotEnrolled, truthIndex, truthKey } from './identification-helpers.ts';

const SCHOOL_YEAR = 2025;
const HOUSEHOLDS = Number(process.env.FUZHI_TEST_HOUSEHOLDS ?? 6000);
let county: GeneratedCounty;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-ident-'));

beforeAll(async () => {
  county = await generateCounty({ households: HOUSEHOLDS, seed: 7, schoolYear: SCHOOL_YEAR, outDir });
});

const UNENROLLED_SPEC: TableSpec = {
  kind: 'unenrolled',
  label: '未入学名单',
  columns: ['户编号', '姓名', '身份证件号', '出生日期', '年龄', '类别', '所在村'].map((h) => ({ key: h, header: h, aliases: [], required: true })),
};

async function readRows(file: string, spec: TableSpec): Promise<Record<string, unknown>[]> {
  const t = await openTable(file, spec);
  const out: Record<string, unknown>[] = [];
  for await (const r of t.rows) out.push(r.values);
  return out;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`identification on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = dbEnv(t.options);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('imports the three lists as exported, rejecting only what is truly unusable', () => {
      const s = fuzhi(['import', 'schools', county.files.schools], env);
      expect(s.code, s.stderr).toBe(0);
      expect(s.json).toMatchObject({ inserted: county.counts.schools, rejected: 0 });
      const st = fuzhi(['import', 'students', county.files.students], env);
      expect(st.code, st.stderr).toBe(0);
      expect(st.json!.inserted).toBe(county.counts.students);
      expect(st.json!.encoding).toBe('gb18030');
      const h = fuzhi(['import', 'households', county.files.households], env);
      expect(h.code, h.stderr).toBe(0);
      expect(h.json!.inserted + h.json!.rejected).toBe(county.counts.members);
      expect(h.json!.rejected).toBeLessThanOrEqual(county.counts.members * 0.002);
    });

    it('finds the registry children in the roll: precision first, namesakes to review', async () => {
      const r = fuzhi(['match', '--school-year', String(SCHOOL_YEAR)], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ incremental: false });
      const d = await t.open();
      try {
        const q = await measure(d, county);
        console.log(`[${dialect}] ${HOUSEHOLDS} households: auto ${q.autoPairs}, precision ${(q.autoPrecision * 100).toFixed(3)}%, auto recall ${(q.autoRecall * 100).toFixed(2)}%, with review ${(q.reviewRecall * 100).toFixed(3)}% of ${q.inRoster}`);
        expect(q.autoPrecision, JSON.stringify(q.wrongAuto, null, 1)).toBeGreaterThanOrEqual(0.999);
        expect(q.namesakeAutoWrong).toBe(0);
        expect(q.autoRecall).toBeGreaterThanOrEqual(0.99);
        expect(q.reviewRecall).toBeGreaterThanOrEqual(0.999);
      } finally {
        await d.close();
      }
    });

    it('lists the children not in school: ≥99% of the compulsory-age ones, at most 1.5× the truth', async () => {
      const out = path.join(outDir, `unenrolled-${dialect}.csv`);
      const r = fuzhi(['export', 'unenrolled', '--out', out, '--school-year', String(SCHOOL_YEAR)], env);
      expect(r.code, r.stderr).toBe(0);
      const rows = await readRows(out, UNENROLLED_SPEC);
      expect(rows.length).toBe(r.json!.rows);
      const listed = new Set(rows.map((x) => truthKey(String(x['户编号']), String(x['姓名']))));
      const truth = trulyNotEnrolled(county, SCHOOL_YEAR);
      const found = truth.compulsory.filter((c) => listed.has(truthKey(c.householdNo, c.nameInFile)));
      console.log(`[${dialect}] unenrolled: listed ${rows.length}, truly not enrolled ${truth.all.length} (compulsory ${truth.compulsory.length}, found ${found.length})`);
      expect(found.length / truth.compulsory.length).toBeGreaterThanOrEqual(0.99);
      expect(rows.length).toBeLessThanOrEqual(1.5 * truth.all.length);
      for (const x of rows) {
        expect(['学前未入园', '义务教育疑似失学', '高中阶段未在读']).toContain(x['类别']);
        expect(String(x['身份证件号'])).not.toMatch(/^\d{17}[\dX]$/); // masked
      }
    });

    it('re-importing the same files changes nothing and a re-run compares nobody', () => {
      for (const kind of ['schools', 'students', 'households'] as const) {
        const r = fuzhi(['import', kind, county.files[kind]], env);
        expect(r.json, r.stderr).toMatchObject({ inserted: 0, updated: 0 });
      }
      const m = fuzhi(['match', '--school-year', String(SCHOOL_YEAR)], env);
      expect(m.json).toMatchObject({ incremental: true, compared: 0, written: 0 });
    });

    it('human decisions survive a re-import of changed rows and a re-run; only what changed is compared', async () => {
      const queue = fuzhi(['match', 'review', '--list', '--limit', '5'], env);
      expect(queue.code, queue.stderr).toBe(0);
      expect(queue.json!.total).toBeGreaterThan(0);
      const toConfirm = queue.json!.items[0] as string;
      expect(fuzhi(['match', 'confirm', toConfirm], env).json).toMatchObject({ ok: true, status: '人工确认', level: 'county' });
      const d = await t.open();
      let toReject: string;
      try {
        // no --reason: the default reason is recorded, at county level (the command line is admin)
        expect(await d.db.selectFrom('match_decisions').select(['reason', 'level']).where('match_id', '=', toConfirm).executeTakeFirstOrThrow()).toEqual({ reason: '人工核对一致', level: 'county' });
        const auto = await d.db.selectFrom('matches').select('match_id').where('status', '=', 'auto').orderBy('match_id').limit(1).executeTakeFirstOrThrow();
        toReject = auto.match_id;
      } finally {
        await d.close();
      }
      const rej = fuzhi(['match', 'reject', toReject, '--reason', '家访核实：不是同一人'], env);
      expect(rej.json).toMatchObject({ ok: true, status: '已否决' });
      expect(fuzhi(['match', 'reject', toReject], env).code).toBe(2); // a reason is required

      // the roster is re-exported with one student's grade changed and re-imported
      const d2 = await t.open();
      const studentNo = (await d2.db.selectFrom('matches').select('student_no').where('match_id', '=', toConfirm).executeTakeFirstOrThrow()).student_no;
      await d2.close();
      const changedFile = await rewriteStudentGrade(county.files.students, studentNo, path.join(outDir, 'students-changed.csv'));
      const imp = fuzhi(['import', 'students', changedFile], env);
      expect(imp.json, imp.stderr).toMatchObject({ inserted: 0, updated: 1 });
      const m = fuzhi(['match', '--school-year', String(SCHOOL_YEAR)], env);
      expect(m.json!.incremental).toBe(true);
      expect(m.json!.compared, JSON.stringify({ m: m.json, imp: imp.json, studentNo })).toBeGreaterThan(0);
      expect(m.json!.compared).toBeLessThan(50);
      const again = fuzhi(['match', '--school-year', String(SCHOOL_YEAR)], env);
      expect(again.json).toMatchObject({ compared: 0, written: 0 });

      const out = path.join(outDir, `matches-${dialect}.csv`);
      const e = fuzhi(['export', 'matches', '--out', out], env);
      expect(e.code, e.stderr).toBe(0);
      const text = fs.readFileSync(out, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^\ufeff学籍号,姓名,身份证件号,户编号,户类型,比对方式,置信度,状态,依据/);
      const line = (id: string) => text.split('\n').find((l) => l.includes(id)) ?? '';
      expect(line(toConfirm)).toContain('人工确认');
      expect(line(toReject)).toContain('已否决');
      // IDs masked by default, in G-form 学籍号 and 比对编号 too (an L temporary number is no ID)
      const unmasked = /(?<![A-FH-Z\d])\d{17}[\dX]/;
      expect(text.split('\n').find((l) => unmasked.test(l)) ?? null).toBeNull();
    });

    it('the truth index covers every member (sanity of the measurement)', () => {
      const index = truthIndex(county.truth);
      const sameNamed = [...index.values()].filter((l) => l.length > 1).length;
      expect(sameNamed).toBeLessThan(county.truth.length * 0.002); // two members of one household rarely share a name
    });
  });
}

/** Writes the roster again as a UTF-8 CSV with one student's 年级 changed (a re-export next term). */
async function rewriteStudentGrade(file: string, studentNo: string, out: string): Promise<string> {
  const { STUDENT_COLUMNS } = await import('../src/registry/registry.columns.ts');
  const { writeTable } = await import('../src/files/write-table.ts');
  const { parseStudentNo } = await import('../src/kernel/student-no.ts');
  const { cellText } = await import('../src/kernel/values.ts');
  const table = await openTable(file, STUDENT_COLUMNS);
  const rows: unknown[][] = [];
  const gradeAt = table.columns.grade;
  for await (const r of table.rows) {
    const row = [...r.raw];
    if (parseStudentNo(r.values.studentNo).value === studentNo) row[gradeAt] = `${cellText(row[gradeAt])}（调整）`;
    rows.push(row);
  }
  await writeTable(out, table.headers, rows);
  return out;
}
