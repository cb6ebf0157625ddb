// Activity lists imported from a file on both databases (issue 12): a dirty GB18030 CSV (a title row,
// header spellings, 2025/10/22 and 2025年10月20日 14:30 dates, organisers in two notations, types under
// other spellings) and an .xlsx with a title row and an Excel serial date. What a user sees: the good
// rows listed as activities, each bad row named by file, row, column and value in Chinese and English,
// a school or county never importing another's activities, a second import adding nothing, the
// import audited, and the CLI's last line of JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS } from '../src/db/test-databases.ts';
import { today } from '../src/kernel/clock.ts';
import { cliActor } from '../src/platform/scope.ts';
import { SCHOOLS, seedPlatform, startTestApp, type TestApp } from '../src/platform/test-seed.ts';
import { addPairing } from '../src/schools/pairing-steps.ts';
import { ActivityDetail, ActivityImportAnswer, ActivityList } from '../src/schools/activity.schema.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-activity-import-test-'));
const csvText = (rows: string[][]) => rows.map((r) => r.map((c) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
const serialOf = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

const CSV_ROWS = [
  ['甘洛县城乡学校结对帮扶活动登记表（2025年秋季学期）'],
  [],
  ['序号', '类型', '活动主题（必填）', '*活动时间', '帮扶学校代码', '受帮扶学校标识码', '活动地点', '组织机构', '应到人数', '实到人数', '安全措施', '总结', '备注'],
  ['1', '联合教研会', '语文联合教研', '2025/10/22', SCHOOLS.a, SCHOOLS.b, '新市坝中学会议室', '颜德兵（组长）：统筹安排；汪坤|成员|会议记录', '20', '18', '', '两校教师共同备课', ''],
  ['2', '劳动', '我劳动我快乐', '2025年10月20日 14:30', '', SCHOOLS.a, '劳动实践基地', '', '45', '43', '校医随队', '学生体验了劳动的快乐', ''],
  ['3', '跳舞', '课间舞蹈', '2025-10-23', '', SCHOOLS.a, '', '', '', '', '', '', ''],
  ['4', '安全教育', '防溺水教育', '2025-10-24', '', SCHOOLS.other, '', '', '', '', '', '', '外县学校'],
  ['5', '家访', '秋季家访', '2025-13-01', '', SCHOOLS.b, '', '', '', '', '', '', ''],
  ['6', '听课评课', '数学听课', '2025-10-25', '', SCHOOLS.b, '', '', '30', '三十', '', '', ''],
];

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`activity import on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await addPairing(t.database, cliActor(), today(), { helper: SCHOOLS.a, helped: SCHOOLS.b, since: '2025-09-01' });
      for (const u of ['county', 'school-a', 'teacher-a', 'inspector']) cookies[u] = await t.login(u);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });
    const upload = (user: string, fileName: string, body: Buffer) =>
      t.app.inject({ method: 'POST', url: `/api/activities/import?fileName=${encodeURIComponent(fileName)}`, headers: { ...t.headers(cookies[user]), 'content-type': 'application/octet-stream' }, body });
    const list = async (user: string) => ActivityList.parse((await t.app.inject({ url: '/api/activities?pageSize=100', headers: { cookie: cookies[user] } })).json()).items;

    it('takes the good rows of a dirty GB18030 CSV and names each bad one by file, row, column and value', async () => {
      const body = iconv.encode(csvText(CSV_ROWS), 'gb18030');
      const res = await upload('county', '结对活动登记表.csv', body);
      expect(res.statusCode, res.body).toBe(200);
      const s = ActivityImportAnswer.parse(res.json());
      expect(s).toMatchObject({ file: '结对活动登记表.csv', encoding: 'gb18030', rows: 6, imported: 2, inserted: 2, rejected: 4 });
      expect(s.unknownColumns).toEqual(expect.arrayContaining(['序号', '备注']));
      // file rows: title 1, blank 2, header 3, data from 4
      const at = (row: number) => s.errors.find((e) => e.row === row);
      expect(at(6)).toMatchObject({ file: '结对活动登记表.csv', column: '活动类型', reason: expect.stringContaining('跳舞'), reasonEn: expect.stringContaining('not recognised') });
      expect(at(7)).toMatchObject({ column: '学校标识码', value: SCHOOLS.other, reason: expect.stringContaining('不在您的管辖范围内'), reasonEn: expect.stringContaining('not within your scope') });
      expect(at(8)).toMatchObject({ column: '开始时间', value: '2025-13-01', reason: expect.stringContaining('无法识别'), reasonEn: expect.stringContaining('not recognised') });
      expect(at(9)).toMatchObject({ column: '实到人数', value: '三十', reasonEn: expect.stringContaining('whole number') });

      const items = await list('county');
      expect(items.map((i) => i.title).sort()).toEqual(['我劳动我快乐', '语文联合教研']);
      const paired = items.find((i) => i.title === '语文联合教研')!;
      expect(paired).toMatchObject({ type: '联合教研', schoolCode: SCHOOLS.b, pairing: 1, date: '2025-10-22', expected: 20, present: 18 });
      expect(paired.organisers).toEqual([{ person: '颜德兵', role: '组长', duty: '统筹安排' }, { person: '汪坤', role: '成员', duty: '会议记录' }]);
      const own = items.find((i) => i.title === '我劳动我快乐')!;
      expect(own).toMatchObject({ type: '劳动教育', schoolCode: SCHOOLS.a, pairing: null, start: '2025-10-20 14:30' });
      const detail = ActivityDetail.parse((await t.app.inject({ url: `/api/activities/${own.id}`, headers: { cookie: cookies.county } })).json());
      expect(detail).toMatchObject({ safety: '校医随队', summary: '学生体验了劳动的快乐', place: '劳动实践基地' });

      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'target', 'detail_json']).where('action', '=', 'import.activities').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'county', target: '结对活动登记表.csv' });
      expect(JSON.parse(audit[0].detail_json!)).toMatchObject({ inserted: 2, rejected: 4 });

      // the same file again: every good row found again, nothing added
      const again = ActivityImportAnswer.parse((await upload('county', '结对活动登记表.csv', body)).json());
      expect(again).toMatchObject({ imported: 2, inserted: 0, updated: 0, unchanged: 2, rejected: 4 });
      expect(await list('county')).toHaveLength(2);

      // a corrected list: the changed row is updated in place (same id), the change audited with what it was
      const corrected = CSV_ROWS.map((r) => (r[2] === '我劳动我快乐' ? r.map((c) => (c === '学生体验了劳动的快乐' ? '学生学会了整理内务' : c)) : r));
      const third = ActivityImportAnswer.parse((await upload('county', '结对活动登记表（更正）.csv', iconv.encode(csvText(corrected), 'gb18030'))).json());
      expect(third).toMatchObject({ imported: 2, inserted: 0, updated: 1, unchanged: 1 });
      const after = ActivityDetail.parse((await t.app.inject({ url: `/api/activities/${own.id}`, headers: { cookie: cookies.county } })).json());
      expect(after.summary).toBe('学生学会了整理内务');
      const last = await t.database.db.selectFrom('audit_log').select('detail_json').where('action', '=', 'import.activities').where('target', '=', '结对活动登记表（更正）.csv').executeTakeFirstOrThrow();
      expect(JSON.parse(last.detail_json!)).toMatchObject({ updated: 1, changed: [{ id: own.id, fields: ['summary'], before: { summary: '学生体验了劳动的快乐' } }] });
      expect(await list('county')).toHaveLength(2);
    });

    it('reads an .xlsx with a title row and an Excel serial date; a school imports only its own activities', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('活动');
      ws.addRow(['甘洛县城关小学活动记录']);
      ws.addRow(['活动类型', '活动名称', '活动日期', '学校标识码', '参加人员', '活动总结']);
      ws.addRow(['安全教育课', '冬季防火安全教育', serialOf(2025, 11, 5), SCHOOLS.a, '全校师生', '学生掌握了灭火器的用法']);
      ws.addRow(['主题班会', '感恩主题班会', new Date(Date.UTC(2025, 10, 6)), SCHOOLS.b, '', '']);
      ws.getCell('C4').numFmt = 'yyyy-mm-dd';
      const body = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload('school-a', '城关小学活动.xlsx', body);
      expect(res.statusCode, res.body).toBe(200);
      const s = ActivityImportAnswer.parse(res.json());
      expect(s).toMatchObject({ rows: 2, imported: 1, inserted: 1, rejected: 1 });
      // school-a helps school-b, but an activity of school-b alone is school-b's
      expect(s.errors).toEqual([expect.objectContaining({ file: '城关小学活动.xlsx', row: 4, column: '学校标识码', value: SCHOOLS.b, reasonEn: expect.stringContaining('not within your scope') })]);
      const mine = (await list('school-a')).find((i) => i.title === '冬季防火安全教育');
      expect(mine).toMatchObject({ type: '安全教育', date: '2025-11-05', schoolCode: SCHOOLS.a });
    });

    it('refuses a teacher and the inspector (403) and a file it cannot read (400 naming the uploaded file, no server path)', async () => {
      const csv = Buffer.from(csvText(CSV_ROWS.slice(2, 4)));
      expect((await upload('teacher-a', 'a.csv', csv)).statusCode).toBe(403);
      expect((await upload('inspector', 'a.csv', csv)).statusCode).toBe(403);
      const bad = await upload('county', '活动.csv', Buffer.from('名称,地点\r\n甲,乙\r\n'));
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('活动.csv');
      expect(bad.body).not.toContain(os.tmpdir());
      expect((await upload('county', '活动.pdf', csv)).statusCode).toBe(400);
    });
  });

  describe.skipIf(!(await dialectAvailable(dialect)))(`fuzhi activity import on ${dialect}`, () => {
    it('prints the rejected rows on stderr and the summary as the last line of JSON; a second run adds nothing', async () => {
      const db = await createTestDatabase(dialect);
      try {
        const database = await db.open();
        await seedPlatform(database.db);
        await addPairing(database, cliActor(), today(), { helper: SCHOOLS.a, helped: SCHOOLS.b, since: '2025-09-01' });
        await database.close();
        const file = path.join(dir, `活动-${dialect}.csv`);
        fs.writeFileSync(file, iconv.encode(csvText(CSV_ROWS), 'gb18030'));
        const errors = path.join(dir, `被拒收-${dialect}.csv`);
        const first = fuzhi(['activity', 'import', file, '--errors', errors], dbEnv(db.options));
        expect(first.code, first.stderr).toBe(0);
        // the CLI acts for the whole database: the other county's row is no refusal there
        expect(first.json).toMatchObject({ rows: 6, imported: 3, inserted: 3, rejected: 3 });
        expect(first.stderr).toContain('跳舞');
        expect(first.stderr).toContain('第 8 行');
        expect(fs.readFileSync(errors, 'utf8')).toContain('三十');
        expect(fuzhi(['activity', 'import', file], dbEnv(db.options)).json).toMatchObject({ rows: 6, imported: 3, inserted: 0, unchanged: 3 });
      } finally {
        await db.drop();
      }
    }, 60_000);
  });
}
