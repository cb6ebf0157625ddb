// 教师队伍 through the API on both dialects: the roster filtered on the server, each school only its own
// teachers, ID numbers masked per role (full only on request, audited); training and rotation figures
// and payables computed from the seeded rows by the rules; a move recorded by the county with the
// CLI's refusals, and refused to a school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { maskIdNumber } from '../platform/privacy.rules.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { seedTeachers, TEACHERS } from '../../test/teacher-fixtures.ts';
import { generatePayables } from './teacher-moves.ts';
import { monthlyPayables, rotationTarget, tuitionRefund } from './teacher-moves.rules.ts';
import { honourDue, meetsStandard, MIN_CONTINUING_HOURS, MIN_VILLAGE_TRAINING_RATE, teacherFigures } from './teacher.rules.ts';
import type { HonourList, MoveList, PayableList, RotationReport, TeacherList, TrainingReport } from './teacher.schema.ts';

const YEAR = 2025;
const URBAN_RURAL: Record<string, string> = { [SCHOOLS.a]: '镇区', [SCHOOLS.b]: '乡村', [SCHOOLS.other]: '城区' };
const gl = TEACHERS.filter((t) => t.county_code === '513433');
const byName = (name: string) => TEACHERS.find((t) => t.name === name)!;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`teacher API on ${dialect}`, () => {
    let t: TestApp;
    const c: Record<string, string> = {};
    const get = async <T>(user: string, url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c[user] } });
      return { status: res.statusCode, body: res.json<T>(), res };
    };
    const post = (user: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: t.headers(c[user]), payload });

    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedTeachers(t.database.db);
      for (const u of ['admin', 'county', 'school-a', 'school-b', 'inspector', 'teacher-a']) c[u] = await t.login(u);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('a school sees only its own teachers; the county its county; ID numbers masked unless the county asks in full (audited)', async () => {
      const a = await get<TeacherList>('school-a', '/api/teachers?pageSize=100');
      expect(a.status).toBe(200);
      expect(a.body.items.map((x) => x.name).sort()).toEqual(TEACHERS.filter((x) => x.school_code === SCHOOLS.a).map((x) => x.name).sort());
      expect(a.res.body).not.toContain(SCHOOLS.b);
      expect(a.body.items.find((x) => x.name === '陈建国')!.idNumber).toBe(maskIdNumber(byName('陈建国').id));

      const county = await get<TeacherList>('county', '/api/teachers?pageSize=100');
      expect(county.body.total).toBe(gl.length);
      expect(county.res.body).not.toContain('孙立新');
      for (const x of county.body.items) expect(x.idNumber).toBe(maskIdNumber(byName(x.name).id));
      const inspector = await get<TeacherList>('inspector', '/api/teachers?pageSize=100');
      expect(inspector.body.items.every((x) => x.idNumber === maskIdNumber(byName(x.name).id))).toBe(true);

      const full = await get<TeacherList>('county', '/api/teachers?pageSize=100&full=1');
      expect(full.body.items.find((x) => x.name === '吴德明')!.idNumber).toBe(byName('吴德明').id);
      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'action']).where('action', '=', 'teacher.read-full').execute();
      expect(audit).toContainEqual({ actor: 'county', action: 'teacher.read-full' });
      expect((await get('school-a', '/api/teachers?full=1')).status).toBe(403);
      expect((await get('teacher-a', '/api/teachers')).status).toBe(403);
    });

    it('filters and sorts on the server: village, title, below 80 / 24 学时, school', async () => {
      const count = async (q: string) => (await get<TeacherList>('county', `/api/teachers?pageSize=100&${q}`)).body;
      expect((await count('village=1')).total).toBe(gl.filter((x) => x.village === 1).length);
      expect((await count('village=0')).total).toBe(gl.filter((x) => x.village === 0).length);
      expect((await count(`title=${encodeURIComponent('一级')}`)).items.map((x) => x.name).sort()).toEqual(gl.filter((x) => x.title?.includes('一级')).map((x) => x.name).sort());
      expect((await count('below=continuing')).items.map((x) => x.name).sort()).toEqual(gl.filter((x) => (x.training_hours ?? 0) < MIN_CONTINUING_HOURS).map((x) => x.name).sort());
      expect((await count('below=standard')).items.map((x) => x.name).sort()).toEqual(gl.filter((x) => !meetsStandard(x)).map((x) => x.name).sort());
      expect((await count(`school=${SCHOOLS.b}`)).total).toBe(gl.filter((x) => x.school_code === SCHOOLS.b).length);
      const sorted = (await count('sort=-hours')).items.map((x) => x.trainingHours ?? 0);
      expect(sorted).toEqual([...sorted].sort((x, y) => y - x));
      const page = await get<TeacherList>('county', '/api/teachers?pageSize=2&page=2');
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBe(gl.length);
      expect((await get('county', '/api/teachers?sort=id_number')).status).toBe(400);
      const xlsx = await t.app.inject({ method: 'GET', url: '/api/teachers?format=xlsx&village=1', headers: { cookie: c.county } });
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });

    it('training per school: ≥ 80 / ≥ 24 and the village training rate against 85%', async () => {
      const r = await get<TrainingReport>('county', `/api/teachers/training?schoolYear=${YEAR}`);
      expect(r.status).toBe(200);
      expect(r.body.villageTarget).toBe(MIN_VILLAGE_TRAINING_RATE);
      expect(r.body.schools.map((s) => s.schoolCode)).toEqual([SCHOOLS.a, SCHOOLS.b]);
      for (const s of r.body.schools) {
        const f = teacherFigures(gl.filter((x) => x.school_code === s.schoolCode).map((x) => ({ ...x, years_taught: null })), YEAR);
        expect(s).toMatchObject({ teachers: f.teachers, continuingMet: f.continuingMet, standardMet: f.standardMet, village: f.village, villageTrained: f.villageTrained });
        expect(s.behind).toBe((f.villageTrained * 100) / f.village < MIN_VILLAGE_TRAINING_RATE);
      }
      // school A: 周文华 (village) had no training → behind; school B: all its village teachers trained
      expect(r.body.schools.find((s) => s.schoolCode === SCHOOLS.a)!.behind).toBe(true);
      expect(r.body.schools.find((s) => s.schoolCode === SCHOOLS.b)!.behind).toBe(false);
      const school = await get<TrainingReport>('school-b', `/api/teachers/training?schoolYear=${YEAR}`);
      expect(school.body.schools.map((s) => s.schoolCode)).toEqual([SCHOOLS.b]);
    });

    it('the county records a move (CLI rules and bilingual refusals); the rotation report names the schools behind', async () => {
      const roster = (await get<TeacherList>('county', '/api/teachers?pageSize=100')).body.items;
      const chen = roster.find((x) => x.name === '陈建国')!;
      const base = { teacher: chen.id, from: SCHOOLS.a, to: SCHOOLS.b, start: '2025-09-01', schoolYear: YEAR };
      // 支教 needs an end at least a year on
      const refused = await post('county', '/api/teachers/moves', { ...base, kind: '支教', end: '2026-03-01' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ error: { message: string; messageEn: string } }>().error).toMatchObject({ message: expect.stringContaining('支教时间不少于一年'), messageEn: expect.stringContaining('at least one year') });
      const same = await post('county', '/api/teachers/moves', { ...base, kind: '交流轮岗', to: SCHOOLS.a });
      expect(same.json<{ error: { message: string } }>().error.message).toContain('原学校与交流学校相同');
      expect((await post('school-a', '/api/teachers/moves', { ...base, kind: '交流轮岗' })).statusCode).toBe(403);
      expect((await post('county', '/api/teachers/moves', { ...base, kind: '交流轮岗', to: SCHOOLS.other })).statusCode).toBe(404);
      const before = await t.database.db.selectFrom('teacher_moves').select('id').execute();
      expect(before).toHaveLength(0);

      const ok = await post('county', '/api/teachers/moves', { ...base, kind: '交流轮岗', note: '城乡交流' });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ ok: true, teacher: '陈建国', backbone: true });
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'teacher.move').execute();
      expect(audit).toHaveLength(1);

      const moves = await get<MoveList>('school-b', '/api/teachers/moves');
      expect(moves.body.items).toMatchObject([{ kind: '交流轮岗', name: '陈建国', fromSchool: SCHOOLS.a, toSchool: SCHOOLS.b, idNumber: maskIdNumber(byName('陈建国').id) }]);

      const rot = await get<RotationReport>('county', `/api/teachers/rotation?schoolYear=${YEAR}`);
      const eligible = (code: string) => gl.filter((x) => x.school_code === code && (YEAR - Number(x.start_month!.slice(0, 4)) - (Number(x.start_month!.slice(5)) > 9 ? 1 : 0)) >= 6).length;
      const a = rot.body.schools.find((s) => s.schoolCode === SCHOOLS.a)!;
      const b = rot.body.schools.find((s) => s.schoolCode === SCHOOLS.b)!;
      expect(a).toMatchObject({ eligible: eligible(SCHOOLS.a), rotated: 1, backbone: 1, target: rotationTarget('513433') });
      expect(b).toMatchObject({ eligible: eligible(SCHOOLS.b), rotated: 0 });
      expect(rot.body.behind).toEqual([SCHOOLS.b]);
      expect(rot.body.counties).toMatchObject([{ county: '513433', rotated: 1, eligible: eligible(SCHOOLS.a) + eligible(SCHOOLS.b) }]);
      const own = await get<RotationReport>('school-b', `/api/teachers/rotation?schoolYear=${YEAR}`);
      expect(own.body.schools.map((s) => s.schoolCode)).toEqual([SCHOOLS.b]);
    });

    it('payables of a month and of a school year, scoped and masked, with the sums; honours due this year', async () => {
      await generatePayables(t.database, cliActor(), { month: '2025-10' });
      await generatePayables(t.database, cliActor(), { schoolYear: YEAR });
      const month = await get<PayableList>('county', '/api/teachers/payables?period=2025-10&pageSize=100');
      const due = gl.flatMap((x) => monthlyPayables(x, URBAN_RURAL[x.school_code], '2025-10'));
      expect(month.body.total).toBe(due.length);
      expect(month.body.amounts.due).toBe(due.reduce((s, p) => s + p.amount_fen, 0) / 100);
      expect(month.body.items.every((p) => p.idNumber === maskIdNumber(byName(p.name).id))).toBe(true);
      const refund = await get<PayableList>('county', `/api/teachers/payables?period=${YEAR}`);
      expect(refund.body.items.map((p) => p.name)).toEqual(gl.filter((x) => tuitionRefund({ ...x, years_taught: null }, YEAR)).map((x) => x.name));
      const school = await get<PayableList>('school-b', '/api/teachers/payables?pageSize=100');
      expect(new Set(school.body.items.map((p) => p.schoolCode))).toEqual(new Set([SCHOOLS.b]));
      const xlsx = await t.app.inject({ method: 'GET', url: '/api/teachers/payables?period=2025-10&format=xlsx', headers: { cookie: c.county } });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');

      const honours = await get<HonourList>('county', `/api/teachers/honours?schoolYear=${YEAR}`);
      const expected = gl.filter((x) => honourDue({ ...x, years_taught: null }, YEAR) !== null);
      expect(honours.body.items.map((h) => [h.name, h.honour])).toEqual(expected.map((x) => [x.name, honourDue({ ...x, years_taught: null }, YEAR)]));
      expect(honours.res.body).not.toContain('孙立新');
      const admin = await get<HonourList>('admin', `/api/teachers/honours?schoolYear=${YEAR}`);
      expect(admin.body.items.map((h) => h.name)).toContain('孙立新');
    });
  });
}
