// Acceptance of 四查三比对 on a generated county: a clean township roster (公安 IDs) of every
// compulsory-age registry child against the dirty 学籍 roster. At least 99% of the children truly
// out of school are suspected, fewer than 1% of the enrolled children whose 学籍 ID is mangled
// (typo, Excel-destroyed, missing) are. The comparison itself is dialect-free (the same rules on
// rows read back), so this runs on SQLite only; the storage paths are covered in dropout-cli.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty, type GeneratedCounty } from '../src/demo/generate.ts';
import { createTestDatabase, type TestDatabase } from '../src/db/test-databases.ts';
import { isCompulsoryAge } from '../src/dropout/check.rules.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';

const SCHOOL_YEAR = 2025;
const HOUSEHOLDS = Number(process.env.FUZHI_TEST_HOUSEHOLDS ?? 1500);
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-dropout-acc-'));

describe('dropout check on a generated county', () => {
  let county: GeneratedCounty;
  let t: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    county = await generateCounty({ households: HOUSEHOLDS, seed: 11, schoolYear: SCHOOL_YEAR, outDir });
    t = await createTestDatabase('sqlite');
    env = dbEnv(t.options);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('suspects the children out of school and spares the enrolled ones with mangled IDs', async () => {
    expect(fuzhi(['import', 'schools', county.files.schools], env).code).toBe(0);
    expect(fuzhi(['import', 'students', county.files.students], env).code).toBe(0);
    const children = county.truth.filter((m) => isCompulsoryAge(m.birthDate, SCHOOL_YEAR));
    const seen = new Set<string>();
    const roster = children.filter((m) => !seen.has(m.trueId) && seen.add(m.trueId));
    const file = path.join(outDir, 'roster.csv');
    fs.writeFileSync(file, ['姓名,性别,身份证件号,出生日期,户籍行政区划代码', ...roster.map((m) => `${m.trueName},${m.sex === 'M' ? '男' : '女'},${m.trueId},${m.birthDate},${m.villageCode}`)].join('\n'));
    const imp = fuzhi(['import', 'roster', file], env);
    expect(imp.json).toMatchObject({ inserted: roster.length, rejected: 0 });
    const check = fuzhi(['dropout', 'check', '--school-year', String(SCHOOL_YEAR)], env);
    expect(check.code, check.stderr).toBe(0);

    const d = await t.open();
    try {
      const cases = await d.db.selectFrom('dropout_cases').select(['id_number', 'name', 'birth_date', 'sources']).execute();
      const students = new Map((await d.db.selectFrom('students').select(['student_no', 'id_number', 'status']).execute()).map((s) => [s.student_no, s]));
      const byId = new Set(cases.map((c) => c.id_number));
      const byNameBirth = new Set(cases.map((c) => `${c.name}|${c.birth_date}`));
      const suspected = (m: (typeof roster)[number]) => byId.has(m.trueId) || byNameBirth.has(`${m.trueName}|${m.birthDate}`);

      const out = roster.filter((m) => m.notEnrolledReason === 'not_in_roster' || m.notEnrolledReason === 'dropped_out');
      const missed = out.filter((m) => !suspected(m));
      expect(out.length).toBeGreaterThan(20);
      expect(missed.length / out.length, `missed ${missed.length} of ${out.length}`).toBeLessThan(0.01);

      const mangled = roster.filter((m) => m.studentNo && students.get(m.studentNo)?.status === '在读' && students.get(m.studentNo)?.id_number !== m.trueId);
      const wrong = mangled.filter(suspected);
      expect(mangled.length).toBeGreaterThan(20);
      expect(wrong.length / mangled.length, `suspected ${wrong.length} of ${mangled.length} enrolled with mangled IDs: ${JSON.stringify(wrong.map((m) => [m.trueName, m.birthDate, m.trueId, m.studentNo, students.get(m.studentNo!)]))}`).toBeLessThan(0.01);
      console.info(`[dropout acceptance] out of school: ${out.length - missed.length}/${out.length} suspected; enrolled with mangled IDs: ${wrong.length}/${mangled.length} suspected; cases ${cases.length}`);
    } finally {
      await d.close();
    }
  }, 300_000);
});
