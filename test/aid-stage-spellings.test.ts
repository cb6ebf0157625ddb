// Acceptance for 学段 spellings: students whose 学籍 export says 学前教育, 普通高中 or 中等职业教育, and
// one without 学段 (初二 at a 初级中学), each get the seed amounts under every preset through the real
// CLI (import → match → policy preset → entitle). Storage on SQLite and PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { withCheckDigit } from '../src/platform/test-seed.ts';
import { dbEnv, fuzhi, STUDENT_HEADER } from './cli-helpers.ts';
import { expectedYuan } from './aid-helpers.ts';

const Y = 2025;
const SCHOOLS = [
  '学校标识码,学校名称,行政区划代码,办学类型,城乡类型',
  '2151343311,甘洛县城关幼儿园,513433100,幼儿园,镇区',
  '2151343312,甘洛县中学,513433100,高级中学,镇区',
  '2151343313,甘洛县职业技术学校,513433100,中等职业学校,镇区',
  '2151343314,甘洛县新市坝中学,513433101,初级中学,乡村',
].join('\n');

// 姓名, ID body (17 digits), birth, school, 学段 as exported, 年级, 寄宿, the canonical stage
const KIDS: [string, string, string, string, string, string, string, string][] = [
  ['阿依小花', '51343320200315002', '2020-03-15', '2151343311', '学前教育', '大班', '否', '学前'],
  ['吉克小军', '51343320100611001', '2010-06-11', '2151343312', '普通高中', '高一', '是', '高中'],
  ['沙马小红', '51343320090902002', '2009-09-02', '2151343313', '中等职业教育', '一年级', '否', '中职'],
  ['曲比小明', '51343320120120003', '2012-01-20', '2151343314', '', '初二', '是', '初中'],
];

function files(dir: string): { schools: string; students: string; households: string } {
  const ids = KIDS.map((k) => withCheckDigit(k[1]));
  const students = [STUDENT_HEADER, ...KIDS.map((k, i) => [k[0], '', ids[i], `G${ids[i]}`, k[2], k[3], k[4], k[5], k[6], '在读'].join(','))];
  const households = [
    '户编号,姓名,证件号码,与户主关系,性别,出生日期,行政区划代码,户类型,识别年度,脱贫年度',
    ...KIDS.map((k, i) => [`513433101001000${i + 1}`, k[0], ids[i], '之子', '', k[2], '513433101001', '未脱贫户', '2014', ''].join(',')),
  ];
  const out = { schools: path.join(dir, 'schools.csv'), students: path.join(dir, 'students.csv'), households: path.join(dir, 'households.csv') };
  fs.writeFileSync(out.schools, SCHOOLS);
  fs.writeFileSync(out.students, students.join('\n'));
  fs.writeFileSync(out.households, households.join('\n'));
  return out;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`学段 spellings through the CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let env: Record<string, string | undefined>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-stage-'));

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      env = dbEnv(t.options);
      const f = files(dir);
      for (const [kind, file] of [['schools', f.schools], ['students', f.students], ['households', f.households]]) {
        const r = fuzhi(['import', kind, file], env);
        expect(r.code, r.stderr).toBe(0);
        expect(r.json, kind).toMatchObject({ rejected: 0 });
      }
      const m = fuzhi(['match', '--school-year', String(Y)], env);
      expect(m.json, m.stderr).toMatchObject({ auto: KIDS.length });
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('stores the canonical 学段 and keeps the cell as it arrived', async () => {
      const rows = await database.db.selectFrom('students').select(['name', 'stage', 'stage_raw']).execute();
      const byName = new Map(rows.map((r) => [r.name, r]));
      for (const k of KIDS) expect(byName.get(k[0]), k[0]).toMatchObject({ stage: k[7], stage_raw: k[4] === '' ? null : k[4] });
    });

    for (const preset of ['huangmei', 'wuhan', 'rizhao', 'dingxi']) {
      it(`${preset}: each gets the seed amounts`, async () => {
        expect(fuzhi(['policy', 'preset', preset, '--school-year', String(Y)], env).code).toBe(0);
        const e = fuzhi(['entitle', '--school-year', String(Y), '--term', '秋季'], env);
        expect(e.code, e.stderr).toBe(0);
        const rows = await database.db.selectFrom('aid_entitlements').select(['name', 'stage', 'amount_fen'])
          .where('school_year', '=', Y).where('term', '=', '秋季').where('status', '=', 'active').where('cash', '=', 1).execute();
        for (const k of KIDS) {
          const mine = rows.filter((r) => r.name === k[0]);
          const yuan = mine.reduce((a, r) => a + (r.amount_fen ?? 0) / 100, 0);
          expect(yuan, `${preset} ${k[4] || '(空)'} ${k[5]}`).toBe(expectedYuan(preset, k[7], k[6] === '是', false));
          for (const r of mine) expect(r.stage).toBe(k[7]);
        }
      });
    }
  });
}
