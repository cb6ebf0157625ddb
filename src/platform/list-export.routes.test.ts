// Every table's 导出 Excel (?format=xlsx) and sort parameter, on both databases: the file holds the
// rows of the same query in the viewer's scope and mask, every page of it, and is audited.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { StudentList } from '../registry/student.schema.ts';
import { IDS, SCHOOLS, startTestApp, type TestApp } from './test-seed.ts';

/** The sheet's rows as text (header first). */
async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v as string))));
  });
  return rows;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`list export on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.loginAs();
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.get(user, url);
    const exported = async (user: string, url: string) => {
      const res = await get(user, url);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      return { rows: await sheetRows(res.rawPayload), disposition: String(res.headers['content-disposition']) };
    };

    it('exports the students of the filter, every page, with masked ID numbers and 学籍号', async () => {
      const { rows, disposition } = await exported('admin', `/api/students?format=xlsx&page=2&pageSize=1&schoolCode=${SCHOOLS.a}`);
      expect(decodeURIComponent(disposition)).toContain('学生名单.xlsx');
      expect(rows[0]).toEqual(['学籍号', '姓名', '性别', '出生日期', '学校代码', '学校', '学段', '年级', '寄宿', '学籍状态', '身份证件号', '比对状态']);
      // page and pageSize of the table do not cut the file: both students of school A
      expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['张小明', '赵小花']);
      const zhang = rows.find((r) => r[1] === '张小明')!;
      expect(zhang[10]).toBe(`513433********${IDS.zhang.slice(-4)}`);
      expect(zhang[0]).toBe(`G513433********${IDS.zhang.slice(-4)}`);
      const text = JSON.stringify(rows);
      for (const id of Object.values(IDS)) expect(text).not.toContain(id);
    });

    it('gives a school user only its own school, whatever the filter asks', async () => {
      const own = await exported('school-a', '/api/students?format=xlsx');
      expect(own.rows.slice(1).map((r) => r[4])).toEqual([SCHOOLS.a, SCHOOLS.a]);
      const other = await exported('school-a', `/api/students?format=xlsx&schoolCode=${SCHOOLS.b}`);
      expect(other.rows).toHaveLength(1); // the header alone
    });

    it('leaves poverty status out of a teacher’s file', async () => {
      const { rows } = await exported('teacher-a', '/api/students?format=xlsx');
      expect(rows.slice(1).map((r) => r[11] ?? '')).toEqual(['', '']);
    });

    it('holds the same rows in the same order as the JSON list of the query', async () => {
      const json = StudentList.parse((await get('county', '/api/students?sort=-name&pageSize=100')).json());
      const { rows } = await exported('county', '/api/students?sort=-name&format=xlsx');
      expect(rows.slice(1).map((r) => r[1])).toEqual(json.items.map((s) => s.name));
      expect(json.items.map((s) => s.name)).toEqual([...json.items.map((s) => s.name)].sort().reverse());
    });

    it('records the export in the audit log with its filters and row count', async () => {
      await exported('county', '/api/students?format=xlsx&status=在读');
      const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'list.export').where('actor', '=', 'county').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(entry.target).toBe('学生名单');
      expect(JSON.parse(entry.detail_json ?? '{}')).toMatchObject({ rows: 3, filters: { status: '在读' } });
    });

    it.each(['sort=id_number', 'sort=name;drop', 'format=pdf'])('answers 400 to %s', async (q) => {
      const res = await get('admin', `/api/students?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('exports the review queue in the viewer’s scope with both sides masked', async () => {
      const admin = await exported('admin', '/api/matches?format=xlsx&status=review');
      expect(admin.rows.slice(1).map((r) => r[2])).toEqual(['张小明']);
      const zhang = admin.rows[1];
      expect(zhang[4]).toBe(`513433********${IDS.zhang.slice(-4)}`);
      expect(JSON.stringify(admin.rows)).not.toMatch(/\d{17}[\dX]/);
      // school B sees only its own pair (李小红, auto), nothing of school A's
      const b = await exported('school-b', '/api/matches?format=xlsx&status=review');
      expect(b.rows).toHaveLength(1);
      const all = await exported('inspector', '/api/matches?format=xlsx&sort=studentName');
      expect(all.rows.slice(1).map((r) => r[2]).sort()).toEqual(['张小明', '李小红'].sort());
    });

    it('exports the audit log and the accounts only to those who may read them', async () => {
      expect((await get('school-a', '/api/audit?format=xlsx')).statusCode).toBe(403);
      expect((await get('county', '/api/users?format=xlsx')).statusCode).toBe(403);
      const users = await exported('admin', '/api/users?format=xlsx&role=school&sort=-username');
      expect(users.rows.slice(1).map((r) => r[0])).toEqual(['school-b', 'school-a']);
      const audit = await exported('admin', '/api/audit?format=xlsx&action=list.export');
      expect(audit.rows[0]).toEqual(['时间', '用户', '操作', '对象', '详情']);
      expect(audit.rows.length).toBeGreaterThan(1);
      expect(audit.rows.slice(1).every((r) => r[2] === 'list.export')).toBe(true);
    });

    it('sorts the JSON list by a whitelisted column, both ways', async () => {
      const asc = StudentList.parse((await get('admin', '/api/students?sort=grade')).json()).items.map((s) => s.grade);
      const desc = StudentList.parse((await get('admin', '/api/students?sort=-grade')).json()).items.map((s) => s.grade);
      expect(asc).toEqual([...asc].sort());
      expect(desc).toEqual([...asc].reverse());
    });
  });
}
