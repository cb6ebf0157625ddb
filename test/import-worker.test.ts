// An import reads and normalises in a worker thread when the file is large (FUZHI_IMPORT_WORKER=1
// forces it for small files): what a user sees must not depend on it. Also: rows stored with the
// older row hash are still recognised as unchanged. Runs on SQLite and PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { id } from '../src/registry/test-people.ts';
import { contentHash } from '../src/kernel/hash.ts';
import { acceptedCount, acceptedValues, prepareTable } from '../src/registry/import-rows.ts';
import { writeTable } from '../src/files/write-table.ts';
import { dbEnv, fuzhi, ONE_SCHOOL_CSV, STUDENT_HEADER } from './cli-helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-worker-'));
const rows = [
  `吉克阿呷,女,${id('51343320150302002')},G${id('51343320150302002')},2015-03-02,2151343301,小学,四年级,是,在读`,
  `王伟,男,5.13433E+17,J5134332014071100,2014/7/11,2151343301,小学,五年级,否,在读`, // warning: Excel-destroyed ID
  `沙马拉且,男,${id('51343320130101003')},J0000000000000001,2013-01-01,2199999999,小学,六年级,否,在读`, // rejected: unknown school
  `,女,${id('51343320130505004')},J0000000000000002,2013-05-05,2151343301,小学,六年级,否,在读`, // rejected: no name
  `吉克阿呷,女,${id('51343320150302002')},G${id('51343320150302002')},2015-03-02,2151343301,小学,四年级,是,在读`, // duplicate of row 3
];
const file = path.join(dir, 'students.csv');
fs.writeFileSync(file, `学生信息\n${STUDENT_HEADER}\n${rows.join('\n')}\n`);
const schools = path.join(dir, 'schools.csv');
fs.writeFileSync(schools, ONE_SCHOOL_CSV);

async function stored(t: TestDatabase) {
  const d = await t.open();
  try {
    return await d.db.selectFrom('students').select(['student_no', 'name', 'name_key', 'id_number', 'id_status', 'birth_date', 'county_code', 'row_hash']).orderBy('student_no').execute();
  } finally {
    await d.close();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`import in a worker thread on ${dialect}`, () => {
    const made: TestDatabase[] = [];
    afterAll(async () => {
      for (const t of made) await t.drop();
    });

    async function importWith(worker: '0' | '1') {
      const t = await createTestDatabase(dialect);
      made.push(t);
      const env = { ...dbEnv(t.options), FUZHI_IMPORT_WORKER: worker };
      expect(fuzhi(['import', 'schools', schools], env).code).toBe(0);
      const errors = path.join(dir, `errors-${dialect}-${worker}.csv`);
      const warnings = path.join(dir, `warnings-${dialect}-${worker}.csv`);
      const r = fuzhi(['import', 'students', file, '--errors', errors, '--warnings', warnings], env);
      return { t, env, r, errors: fs.readFileSync(errors, 'utf8'), warnings: fs.readFileSync(warnings, 'utf8') };
    }

    it('the same summary, messages, errors file, warnings file and stored rows with or without the worker', async () => {
      const a = await importWith('0');
      const b = await importWith('1');
      expect(a.r.code).toBe(0);
      expect(a.r.json).toMatchObject({ inserted: 2, rejected: 3, warnings: 1, rows: 5 });
      const { importId: _a, ...sa } = a.r.json!;
      const { importId: _b, ...sb } = b.r.json!;
      expect(sb).toEqual(sa);
      expect(b.r.stderr).toBe(a.r.stderr);
      expect(a.r.stderr).toMatch(/第 5 行[\s\S]*2199999999/);
      expect(a.r.stderr).toMatch(/第 7 行[\s\S]*与第 3 行重复/);
      expect(b.errors).toBe(a.errors);
      expect(b.warnings).toBe(a.warnings);
      expect(a.warnings).toMatch(/5\.13433E\+17/);
      expect(await stored(b.t)).toEqual(await stored(a.t));
      // a wrong header through the worker: exit 2, the file named, nothing changed
      const before = await stored(b.t);
      const wrong = path.join(dir, 'wrong.csv');
      fs.writeFileSync(wrong, '名字,号码\n张三,1\n');
      const w = fuzhi(['import', 'students', wrong], b.env);
      expect(w.code).toBe(2);
      expect(w.stderr).toMatch(/wrong\.csv/);
      expect(w.stderr).toMatch(/错误[\s\S]*Error/);
      expect(await stored(b.t)).toEqual(before);
    });

    it('an .xlsx file, a truncated .xlsx and a truncated .csv behave the same in the worker thread', async () => {
      const xlsx = path.join(dir, `students-${dialect}.xlsx`);
      await writeTable(xlsx, STUDENT_HEADER.split(','), rows.map((r) => r.split(',')), { title: ['学生信息'] });
      const cut = path.join(dir, `cut-${dialect}.xlsx`);
      const bytes = fs.readFileSync(xlsx);
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const truncatedCsv = path.join(dir, `cut-${dialect}.csv`);
      fs.writeFileSync(truncatedCsv, `${STUDENT_HEADER}\n${rows[0].replace('吉克阿呷', '"吉克阿呷')}\n${rows[1]}`);
      const outcomes: Record<string, unknown>[] = [];
      for (const worker of ['0', '1']) {
        const t = await createTestDatabase(dialect);
        made.push(t);
        const env = { ...dbEnv(t.options), FUZHI_IMPORT_WORKER: worker };
        expect(fuzhi(['import', 'schools', schools], env).code).toBe(0);
        const ok = fuzhi(['import', 'students', xlsx], env);
        const bad = fuzhi(['import', 'students', cut], env);
        const badCsv = fuzhi(['import', 'students', truncatedCsv], env);
        const { importId: _id, ...summary } = ok.json ?? {};
        outcomes.push({ summary, rows: await stored(t), bad: [bad.code, bad.stderr], badCsv: [badCsv.code, badCsv.stderr] });
      }
      expect(outcomes[0].summary).toMatchObject({ inserted: 2, rejected: 3, warnings: 1 });
      expect((outcomes[0].bad as unknown[])[0]).toBe(2);
      expect((outcomes[0].bad as unknown[])[1]).toMatch(/cut-.*\.xlsx/);
      expect((outcomes[0].badCsv as unknown[])[0]).toBe(2);
      expect(outcomes[1]).toEqual(outcomes[0]);
    });

    it('rows stored with the older row hash are recognised as unchanged, with no history written', async () => {
      const t = await createTestDatabase(dialect);
      made.push(t);
      const env = dbEnv(t.options);
      expect(fuzhi(['import', 'schools', schools], env).code).toBe(0);
      expect(fuzhi(['import', 'students', file], env).json).toMatchObject({ inserted: 2 });
      // what an earlier version stored: contentHash of the same record values
      const prepared = await prepareTable({ kind: 'students', file, schoolCounties: [['2151343301', '513433']] });
      const d = await t.open();
      try {
        for await (const batch of prepared.batches) {
          for (let i = 0; i < acceptedCount(batch); i++) {
            const values = acceptedValues(batch, i);
            await d.db.updateTable('students').set({ row_hash: contentHash(JSON.stringify(values)) }).where('student_no', '=', String(values[0])).execute();
          }
        }
        const again = fuzhi(['import', 'students', file], env);
        expect(again.json).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
        expect(await d.db.selectFrom('record_history').select('id').execute()).toHaveLength(0);
        // and a real change is still seen as one
        const changed = path.join(dir, 'changed.csv');
        fs.writeFileSync(changed, `${STUDENT_HEADER}\n${rows[0].replace('四年级', '五年级')}\n${rows[1]}\n`);
        expect(fuzhi(['import', 'students', changed], env).json).toMatchObject({ updated: 1, unchanged: 1 });
      } finally {
        await d.close();
      }
    });
  });
}
