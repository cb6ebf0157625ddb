// Teacher moves and payables on both dialects: a 支教 shorter than a year refused, the rotation report
// naming the school that is behind, the rotation indicator, rural subsidies generated once per month,
// the tuition refund of a school year, the old direct payment refused (a teacher batch pays: see
// src/aid/teacher-batch.routes.test.ts) and the ledger with ID numbers masked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import { parseCsv } from '../demo/testkit.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { cliActor } from '../platform/scope.ts';
import { id } from '../registry/test-people.ts';
import { computeIndicators } from '../indicators/compute-indicators.ts';
import { generatePayables, listPayables, payPayables, recordMove, reportRotation } from './teacher-moves.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-teachers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const rows = (file: string) => {
  const [header, ...rest] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  return rest.filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
};
const actor = cliActor();
const RURAL = '2151343301';
const TOWN = '2151343390';
const T = Array.from({ length: 6 }, (_, k) => id(`51343319800101${String(k + 1).padStart(3, '0')}`));

async function refusal(p: Promise<unknown>): Promise<FuzhiError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(FuzhiError);
  return e as FuzhiError;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`teacher moves and payables on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const at = '2025-01-01T00:00:00.000Z';
      const school = (code: string, name: string, urban_rural: string) => ({ code, name, region_code: '513433101000', county_code: '513433', school_type: '小学', urban_rural, row_hash: 'x', rev: 1, created_at: at, updated_at: at });
      await database.db.insertInto('schools').values([school(RURAL, '甘洛县新市坝镇中心小学', '乡村'), school(TOWN, '甘洛县城关小学', '城区')]).execute();
      const teacher = (k: number, school_code: string, start_month: string, village: number, title: string) => ({
        teacher_key: T[k], county_code: '513433', school_code, name: `教师${k + 1}`, id_raw: T[k], id_number: T[k], id_status: 'valid', education: '本科', title, village, start_month,
        years_taught: null, training_hours: 90, standard_hours: 30, row_hash: 'x', rev: 1, created_at: at, updated_at: at,
      });
      await database.db.insertInto('teachers').values([
        teacher(0, TOWN, '2005-09', 0, '高级教师'), teacher(1, TOWN, '2010-09', 0, '二级教师'), teacher(2, TOWN, '2012-09', 0, '二级教师'),
        teacher(3, RURAL, '2008-09', 1, '一级教师'), teacher(4, RURAL, '2024-08', 1, '三级教师'), teacher(5, RURAL, '2023-08', 1, '二级教师'),
      ]).execute();
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    it('records rotation and 支教 of at least a year; the report names the school behind and the indicator counts it', async () => {
      const short = await refusal(recordMove(database, actor, '2025-10-01', { teacher: T[0], kind: '支教', from: TOWN, to: RURAL, start: '2025-09-01', end: '2026-06-30', schoolYear: 2025 }));
      expect(short).toMatchObject({ code: 'TEACHER_MOVE', exitCode: 1 });
      expect(short.messageZh).toMatch(/支教时间不少于一年/);
      expect((await refusal(recordMove(database, actor, '2025-10-01', { teacher: id('51343319800101099'), kind: '交流轮岗', from: TOWN, to: RURAL, start: '2025-09-01', schoolYear: 2025 }))).status).toBe(404);
      expect(await recordMove(database, actor, '2025-10-01', { teacher: T[0], kind: '支教', from: TOWN, to: RURAL, start: '2025-09-01', end: '2026-09-01', schoolYear: 2025 })).toMatchObject({ teacher: '教师1', backbone: true });
      await recordMove(database, actor, '2025-10-01', { teacher: T[4], kind: '特岗', to: RURAL, start: '2024-08-20', schoolYear: 2024 });
      const out = path.join(dir, `${dialect}-rotation.csv`);
      // eligible (≥ 6 years by 2025): 教师1–4; 教师1 left the town school (1 of 3), none of the rural one's (0 of 1)
      const r = await reportRotation(database, { schoolYear: 2025, out, actor });
      expect(r.counties).toEqual([expect.objectContaining({ county: '513433', eligible: 4, rotated: 1, backbone: 1, rate: 25, backboneShare: 100, target: 5, meets: true, behind: [RURAL] })]);
      expect(r).toMatchObject({ supportTeaching: 1, specialPostHires: 0 });
      expect(rows(out)).toEqual([
        expect.objectContaining({ 学校标识码: RURAL, '应交流教师（任教满6年）': '1', 本学年交流轮岗: '0', 交流比例: '0%', 是否落后: '是' }),
        expect.objectContaining({ 学校标识码: TOWN, '应交流教师（任教满6年）': '3', 本学年交流轮岗: '1', 交流比例: '33.3%', '其中优秀/高级/一级': '1', 是否落后: '否' }),
      ]);
      const ind = (await computeIndicators(database, { schoolYear: 2025, actor, today: '2025-10-01' })).find((x) => x.def.code === 'teacher-rotation')!;
      expect(ind).toMatchObject({ fraction: { numerator: 1, denominator: 4 }, actual: 25, verdict: '是' });
    });

    it('generates the rural subsidies of a month once, and the tuition refunds of a school year', async () => {
      // 3 village teachers at a 乡村 school: 300 + 500 each
      expect(await generatePayables(database, actor, { month: '2026-03' })).toMatchObject({ due: 6, created: 6, existing: 0, amount: 2400 });
      expect(await generatePayables(database, actor, { month: '2026-03' })).toMatchObject({ due: 6, created: 0, existing: 6 });
      // 教师5 (started 2024-08, 2nd year) and 教师6 (2023-08, 3rd year); 教师4 has served too long
      expect(await generatePayables(database, actor, { schoolYear: 2025 })).toMatchObject({ due: 2, created: 2, amount: 10000 });
      expect((await refusal(generatePayables(database, actor, { month: '2026-13' }))).exitCode).toBe(2);
    });

    it('refuses the old direct payment (a batch pays), and lists the payables masked', async () => {
      const refused = await refusal(payPayables());
      expect(refused).toMatchObject({ code: 'TEACHER_PAY_BY_BATCH', status: 409, exitCode: 1 });
      expect(refused.messageZh).toContain('fuzhi batch create --kind teacher');
      const out = path.join(dir, `${dialect}-payables.csv`);
      // nothing paid: all six March rows (300, 500, 300, 500, 300, 500) still due
      expect(await listPayables(database, { out, period: '2026-03', actor })).toMatchObject({ rows: 6, paid: 0, due: 2400, failed: 0 });
      const listed = rows(out);
      expect(listed.every((r) => r.状态 === '待发放')).toBe(true);
      expect(listed[0]['身份证件号']).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
      expect(listed.map((r) => r['身份证件号'])).not.toContain(T[3]);
      expect(await database.db.selectFrom('teacher_payables').select('id').where('status', '!=', '待发放').execute()).toEqual([]);
    });
  });
}
