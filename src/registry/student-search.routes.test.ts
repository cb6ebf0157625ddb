// The student list at city scale answers from indexes (issue 9): a name is found by its beginning on
// the normalised name; the overview and a list's total are kept until the data changes — a decision,
// an import or a match run shows at once. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { IDS, REVIEW_MATCH_ID, SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { StudentList } from './student.schema.ts';
import { writeMeta } from './registry.repository.ts';

const AT = '2025-09-01T00:00:00.000Z';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`student search and cached totals on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      for (const u of ['admin', 'county', 'school-a']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const names = async (user: string, q: string) =>
      StudentList.parse((await t.app.inject({ url: `/api/students?q=${encodeURIComponent(q)}`, headers: { cookie: cookies[user] } })).json()).items.map((s) => s.name).sort();

    it.each([
      ['张小明', ['张小明']],
      ['张', ['张小明']], // the surname
      ['张小', ['张小明']],
      ['张 小明', ['张小明']], // a space typed inside the name is not part of it (normalised)
      ['李', ['李小红']],
      ['小明', []], // a name is found by its beginning, not by a part in the middle
      ['刘', []],
    ])('admin searching %s finds %j', async (q, expected) => {
      expect(await names('admin', q)).toEqual(expected);
    });

    it('searches only within the scope: a school finds its own, never another school’s namesake', async () => {
      expect(await names('school-a', '张')).toEqual(['张小明']);
      expect(await names('school-a', '李')).toEqual([]);
      expect(await names('county', '王')).toEqual([]); // 王小军 is of another county
      expect(await names('admin', '王')).toEqual(['王小军']);
    });

    it('a whole 学籍号 is still found, and the total of a filtered list follows an import at once', async () => {
      expect(await names('admin', `G${IDS.zhao}`)).toEqual(['赵小花']);
      const total = async () => StudentList.parse((await t.app.inject({ url: `/api/students?schoolCode=${SCHOOLS.a}`, headers: { cookie: cookies.county } })).json()).total;
      expect(await total()).toBe(2);
      // a student added as an import does (it bumps the data revision with its rows)
      const db = t.database.db;
      const id = '513433201401011234';
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('students')
          .values({ student_no: `G${id}`, county_code: '513433', name: '张小华', name_norm: '张小华', name_key: '张小华', sex: 'F', id_raw: id, id_number: id, id_status: 'valid', birth_date: '2014-01-01', ethnicity: '彝族', school_code: SCHOOLS.a, stage: '小学', grade: '四年级', boarding: 0, hukou_region: '513433100201', status: '在读', row_hash: 'h', rev: 2, created_at: AT, updated_at: AT })
          .execute();
        await writeMeta(trx, 'data_rev', '2');
      });
      expect(await total()).toBe(3);
      expect(await names('county', '张小')).toEqual(['张小华', '张小明']);
    });

    it('the overview follows a review decision at once (the kept answer is dropped)', async () => {
      const review = async () => (await t.app.inject({ url: '/api/dashboard', headers: { cookie: cookies.county } })).json<{ matches: { review: number; confirmed: number } }>().matches;
      expect(await review()).toEqual({ review: 1, auto: 1, confirmed: 0, rejected: 0 });
      const res = await t.app.inject({ method: 'POST', url: `/api/matches/${encodeURIComponent(REVIEW_MATCH_ID)}/confirm`, payload: { reason: '核对户口簿一致' }, headers: t.headers(cookies.county) });
      expect(res.statusCode).toBe(200);
      expect(await review()).toEqual({ review: 0, auto: 1, confirmed: 1, rejected: 0 });
    });
  });
}
