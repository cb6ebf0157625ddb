// Bad input through the real CLI: each gives a clear Chinese and English error or a clean no-op,
// the exit codes interfaces.md fixes, and nothing stored changes. Runs on SQLite and PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { dbEnv, fuzhi, ONE_SCHOOL_CSV, STUDENT_HEADER } from './cli-helpers.ts';
import { id } from '../src/registry/test-people.ts';
import { biff8 } from '../src/files/test-xls.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bad-'));
const students = [
  `吉克阿呷,女,${id('51343320150302002')},G${id('51343320150302002')},2015-03-02,2151343301,小学,四年级,是,在读`,
  `王伟,男,${id('51343320140711003')},G${id('51343320140711003')},2014/7/11,2151343301,小学,五年级,否,在读`,
];
const write = (name: string, content: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};

async function snapshot(t: TestDatabase) {
  const d = await t.open();
  try {
    const s = await d.db.selectFrom('students').select(['student_no', 'name', 'row_hash']).orderBy('student_no').execute();
    const sc = await d.db.selectFrom('schools').select(['code', 'row_hash']).orderBy('code').execute();
    const h = await d.db.selectFrom('record_history').select('id').execute();
    return JSON.stringify({ s, sc, h: h.length });
  } finally {
    await d.close();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`bad input on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    let before: string;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = dbEnv(t.options);
      expect(fuzhi(['import', 'schools', write('schools.csv', ONE_SCHOOL_CSV)], env).code).toBe(0);
      const ok = fuzhi(['import', 'students', write('students.csv', `${STUDENT_HEADER}\n${students.join('\n')}\n`)], env);
      expect(ok.json).toMatchObject({ inserted: 2, updated: 0, rejected: 0 });
      before = await snapshot(t);
    });
    afterAll(async () => {
      await t.drop();
    });

    const cases: { name: string; file: () => string; code: number; stderr: RegExp; stdout?: Record<string, number> }[] = [
      { name: 'wrong header', file: () => write('wrong.csv', '名字,号码\n张三,1\n'), code: 2, stderr: /学籍号|身份证件号[\s\S]*student|header/i },
      { name: 'binary junk named .xlsx', file: () => write('junk.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), code: 2, stderr: /junk\.xlsx/ },
      { name: 'empty file', file: () => write('empty.csv', ''), code: 2, stderr: /empty\.csv/ },
      { name: 'missing file', file: () => path.join(dir, 'nope.csv'), code: 2, stderr: /nope\.csv/ },
      { name: 'a text file named .xls', file: () => write('old.xls', 'x'), code: 2, stderr: /old\.xls[\s\S]*97-2003/ },
      { name: 'a truncated .xls', file: () => write('cut.xls', biff8([['名单', [STUDENT_HEADER.split(','), ['张三']]]]).subarray(0, 2500)), code: 2, stderr: /cut\.xls/ },
      {
        name: 'truncated CSV (unterminated quote)',
        file: () => write('truncated.csv', `${STUDENT_HEADER}\n${students[0].replace('吉克阿呷', '"吉克阿呷')}\n${students[1]}`),
        code: 2,
        stderr: /truncated\.csv/,
      },
    ];
    for (const c of cases) {
      it(`${c.name}: exit ${c.code}, a message naming the file in both languages, nothing changed`, async () => {
        const r = fuzhi(['import', 'students', c.file()], env);
        expect(r.code).toBe(c.code);
        expect(r.stderr).toMatch(/错误/);
        expect(r.stderr).toMatch(/Error/);
        expect(r.stderr).toMatch(c.stderr);
        expect(r.stderr).not.toMatch(/\n\s+at .*\(/); // no stack trace
        expect(await snapshot(t)).toBe(before);
      });
    }

    it('a row of 500 columns and a 50 MB cell are rejected or trimmed with a reason, the rest is fine', async () => {
      const wide = `${students[0]},${Array.from({ length: 490 }, (_, i) => `x${i}`).join(',')}`;
      const huge = students[1].replace('王伟', `王伟${'啊'.repeat(50 * 1024 * 1024 / 3)}`);
      const f = write('wide.csv', `${STUDENT_HEADER}\n${wide}\n${huge}\n`);
      const errors = path.join(dir, 'wide-errors.csv');
      const r = fuzhi(['import', 'students', f, '--errors', errors], env);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ inserted: 0, updated: 0 });
      expect(r.json!.rejected).toBe(1); // the name cell was too long: the name is empty now
      expect(r.stderr).toMatch(/第 3 行/);
      const errText = fs.readFileSync(errors, 'utf8');
      expect(errText.charCodeAt(0)).toBe(0xfeff);
      expect(errText).toMatch(/错误原因/);
      expect(errText.length).toBeLessThan(1_000_000);
      expect(await snapshot(t)).toBe(before);
    });

    it('re-importing the same file is a clean no-op', async () => {
      const r = fuzhi(['import', 'students', path.join(dir, 'students.csv')], env);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ inserted: 0, updated: 0, rejected: 0, unchanged: 2 });
      expect(await snapshot(t)).toBe(before);
    });

    it('a students row for an unknown school is rejected naming row, column and value; good rows land', () => {
      const bad = students[0].replace('吉克阿呷', '沙马拉且').replace(/G\d{17}[\dX]/, 'J0000000000000001').replace('2151343301', '2199999999');
      const f = write('mixed.csv', `学生信息（导出日期：2025-09-10）\n\n${STUDENT_HEADER}\n${students.join('\n')}\n${bad}\n`);
      const r = fuzhi(['import', 'students', f], env);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ inserted: 0, rejected: 1, unchanged: 2 });
      expect(r.stderr).toMatch(/第 6 行/);
      expect(r.stderr).toMatch(/2199999999/);
      expect(r.stderr).toMatch(/学校标识码/);
      expect(r.stderr).toMatch(/import schools first/);
    });

    it('a changed row is updated and its history keeps before and after', async () => {
      const changed = students[1].replace('五年级', '六年级');
      const f = write('changed.csv', `${STUDENT_HEADER}\n${students[0]}\n${changed}\n`);
      const r = fuzhi(['import', 'students', f], env);
      expect(r.json).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
      const d = await t.open();
      try {
        const h = await d.db.selectFrom('record_history').selectAll().where('table_name', '=', 'students').execute();
        expect(h).toHaveLength(1);
        expect(JSON.parse(h[0].before_json!)).toEqual({ grade: '五年级' });
        expect(JSON.parse(h[0].after_json!)).toEqual({ grade: '六年级' });
        expect(h[0].actor).toMatch(/^cli/);
        const audit = await d.db.selectFrom('audit_log').select('action').where('action', '=', 'import.students').execute();
        expect(audit.length).toBeGreaterThanOrEqual(3);
      } finally {
        await d.close();
      }
    });
  });
}
