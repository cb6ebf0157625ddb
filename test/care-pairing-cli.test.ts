// 结对帮扶 and 遍访 through the real CLI on both dialects: helpers paired with registry households within
// the configured limits, visits, and the coverage report per school and township — checked against
// figures counted here from the generated pairings and visits, not written down by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { dbEnv, fuzhi, STUDENT_HEADER } from './cli-helpers.ts';
import { id } from '../src/registry/test-people.ts';
import type { Database } from '../src/db/database.ts';
import { logVisit } from '../src/care/care-steps.ts';
import { logHouseholdVisit, pairHousehold } from '../src/care/pairing-steps.ts';
import { cliActor } from '../src/platform/scope.ts';
import { addUser } from '../src/platform/user.service.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-pairing-'));
const write = (name: string, content: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const readCsv = (f: string) => fs.readFileSync(f, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).map((l) => l.split(','));

/** A small deterministic generator (mulberry32), so the county is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = ['513433101', '513433102'];
const SCHOOLS = [
  { code: '2151343301', name: '新市坝镇中心小学', town: TOWNS[0] },
  { code: '2151343302', name: '新市坝镇初级中学', town: TOWNS[0] },
  { code: '2151343303', name: '田坝镇中心小学', town: TOWNS[1] },
];
// a school leader (school account, 2–3 households) and two teachers (1–2) per school
const HELPERS = SCHOOLS.flatMap((s, k) => [
  { user: `leader${k}`, role: 'school', school: s.code, max: 3 },
  { user: `t${k}a`, role: 'teacher', school: s.code, max: 2 },
  { user: `t${k}b`, role: 'teacher', school: s.code, max: 2 },
]);
const rnd = random(20261203);
const HOUSEHOLDS = Array.from({ length: 14 }, (_, k) => ({ no: `51343300100${String(k + 10)}`, town: TOWNS[k % 2], head: `户主${k}`, headId: id(`51343319800101${String(k + 100)}`) }));
// the plan: each household to a helper with room left, to a cadre, or to nobody
const load = new Map<string, number>();
const PAIRS: { household: string; user?: string; cadre?: string; school: string | null }[] = [];
for (const h of HOUSEHOLDS) {
  const r = rnd();
  if (r < 0.15) continue;
  if (r < 0.3) {
    PAIRS.push({ household: h.no, cadre: `驻村干部${h.town.slice(-1)}`, school: null });
    continue;
  }
  const free = HELPERS.filter((x) => (load.get(x.user) ?? 0) < x.max);
  const helper = free[Math.floor(rnd() * free.length)];
  load.set(helper.user, (load.get(helper.user) ?? 0) + 1);
  PAIRS.push({ household: h.no, user: helper.user, school: helper.school });
}
// visits: within the 2025 autumn term (1 Sept – end of February), or before it (not counted)
const VISITS = PAIRS.flatMap((p) => {
  const n = Math.floor(rnd() * 3);
  return Array.from({ length: n }, () => ({ household: p.household, date: rnd() < 0.7 ? `2025-${String(9 + Math.floor(rnd() * 4))}-1${Math.floor(rnd() * 9)}` : '2025-06-20' }));
});
const inTerm = (d: string) => d >= '2025-09-01' && d <= '2026-02-29';
// left-behind children: one per school year of birth, some visited in the term, some before
const CHILDREN = Array.from({ length: 9 }, (_, k) => ({ id: id(`51343320140101${String(k + 101)}`), no: '', school: SCHOOLS[k % 3], name: `学生${k}`, leftBehind: k !== 4, visit: k % 3 === 0 ? '2025-10-08' : k % 3 === 1 ? '2025-05-08' : null }));
for (const c of CHILDREN) c.no = `G${c.id}`;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`household pairing and 遍访 through the CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => fuzhi(args, env);
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = { ...dbEnv(t.options), FUZHI_TODAY: '2026-01-15' };
      const schools = SCHOOLS.map((s) => `${s.code},${s.name},${s.town},小学,乡村`).join('\n');
      expect(run('import', 'schools', write('schools.csv', `学校标识码,学校名称,行政区划代码,办学类型,城乡类型\n${schools}\n`)).code).toBe(0);
      const hh = HOUSEHOLDS.map((h) => `${h.no},${h.head},${h.headId},户主,男,1980-01-01,${h.town}201,脱贫户`).join('\n');
      expect(run('import', 'households', write('hh.csv', `户编号,姓名,证件号码,与户主关系,性别,出生日期,行政区划代码,户类型\n${hh}\n`)).json).toMatchObject({ inserted: HOUSEHOLDS.length });
      const st = CHILDREN.map((c) => `${c.name},女,${c.id},${c.no},2014-01-01,${c.school.code},小学,五年级,否,在读`).join('\n');
      expect(run('import', 'students', write('st.csv', `${STUDENT_HEADER}\n${st}\n`)).json).toMatchObject({ inserted: CHILDREN.length });
      const care = CHILDREN.map((c) => `${c.no},${c.name},${c.leftBehind ? '留守儿童' : '孤儿'}`).join('\n');
      expect(run('import', 'care', write('care.csv', `学籍号,姓名,类别\n${care}\n`)).json).toMatchObject({ inserted: CHILDREN.length });
      // the bulk of the set-up through the same use cases the commands call (a process per row is slow)
      database = await t.open();
      for (const h of HELPERS) await addUser(database.db, cliActor(), { username: h.user, role: h.role, school: h.school, password: 'mima-2025-test' });
      await addUser(database.db, cliActor(), { username: 'county1', role: 'county', region: '513433', password: 'mima-2025-test' });
    });
    afterAll(async () => {
      await database?.close();
      await t.drop();
    });

    it('pairs every planned household; the limit refuses one more with a bilingual message and changes nothing', async () => {
      for (const p of PAIRS.slice(1)) expect(await pairHousehold(database, cliActor(), p.household, p.user ? { user: p.user } : { cadre: p.cadre })).toMatchObject({ ok: true });
      const first = PAIRS[0];
      expect(run('care', 'pair', first.household, ...(first.user ? ['--user', first.user] : ['--cadre', first.cadre!])).json).toMatchObject({ ok: true, household: first.household });
      const full = HELPERS.find((h) => h.role === 'teacher' && load.get(h.user) === 2) ?? HELPERS.find((h) => h.role === 'teacher')!;
      for (let k = load.get(full.user) ?? 0; k < 2; k++) {
        const spare = HOUSEHOLDS.find((h) => !PAIRS.some((p) => p.household === h.no))!;
        await pairHousehold(database, cliActor(), spare.no, { user: full.user });
        PAIRS.push({ household: spare.no, user: full.user, school: full.school });
        load.set(full.user, k + 1);
      }
      const other = PAIRS.find((p) => p.user !== full.user)!;
      const refused = run('care', 'pair', other.household, '--user', full.user);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/已结对 2 户，超过上限 2 户/);
      expect(refused.stderr).toMatch(/takes at most 2/);
      // re-pairing a household with its own helper is no extra household
      const mine = PAIRS.find((p) => p.user === full.user)!;
      expect(run('care', 'pair', mine.household, '--user', full.user).json).toMatchObject({ ok: true, households: 2 });
      expect(run('care', 'pair', other.household, '--user', 'county1').code).toBe(1);
      expect(run('care', 'pair', '9999999999999', '--user', full.user).code).toBe(1);
      expect(run('care', 'pair', other.household).code).toBe(2);
    });

    it('logs visits to paired households only, none in the future', async () => {
      const [v0, ...rest] = VISITS;
      expect(run('care', 'household-visit', v0.household, '--date', v0.date, '--kind', '入户走访', '--note', '了解家庭和子女就学情况').json).toMatchObject({ ok: true, date: v0.date });
      for (const v of rest) await logHouseholdVisit(database, cliActor(), '2026-01-15', v.household, { date: v.date, kind: '入户走访', note: '了解家庭和子女就学情况' });
      const unpaired = HOUSEHOLDS.find((h) => !PAIRS.some((p) => p.household === h.no));
      if (unpaired) expect(run('care', 'household-visit', unpaired.no, '--date', '2025-10-01', '--kind', '电话', '--note', 'x').code).toBe(1);
      expect(run('care', 'household-visit', PAIRS[0].household, '--date', '2026-01-16', '--kind', '电话', '--note', 'x').code).toBe(2);
      expect(run('care', 'household-visit', PAIRS[0].household, '--date', '2026-01-10', '--kind', '串门', '--note', 'x').code).toBe(2);
      for (const c of CHILDREN.filter((x) => x.visit)) {
        const teacher = HELPERS.find((h) => h.role === 'teacher' && h.school === c.school.code)!.user;
        await logVisit(database, cliActor(), '2026-01-15', c.no, { date: c.visit!, by: teacher, kind: '家访', note: '学习生活正常' });
      }
    });

    it('reports 遍访 coverage per school and township exactly as counted from the records', () => {
      const out = path.join(dir, `visits-${dialect}.csv`);
      const r = run('report', 'visits', '--school-year', '2025', '--term', '秋季', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const visited = new Set(VISITS.filter((v) => inTerm(v.date)).map((v) => v.household));
      const pct = (a: number, b: number) => (b === 0 ? '' : `${((Math.round((a / b) * 10000) / 100).toFixed(2))}%`);
      const expected: string[][] = [];
      for (const s of SCHOOLS) {
        const hh = PAIRS.filter((p) => p.school === s.code).map((p) => p.household);
        const kids = CHILDREN.filter((c) => c.leftBehind && c.school.code === s.code);
        const hv = hh.filter((h) => visited.has(h)).length;
        const kv = kids.filter((c) => c.visit && inTerm(c.visit)).length;
        if (hh.length + kids.length > 0) expected.push(['学校', s.code, s.name, `${hh.length}`, `${hh.length}`, `${hv}`, pct(hv, hh.length), `${kids.length}`, `${kv}`, pct(kv, kids.length)]);
      }
      for (const town of TOWNS) {
        const hh = HOUSEHOLDS.filter((h) => h.town === town).map((h) => h.no);
        const paired = hh.filter((h) => PAIRS.some((p) => p.household === h)).length;
        const hv = hh.filter((h) => visited.has(h)).length;
        const kids = CHILDREN.filter((c) => c.leftBehind && c.school.town === town);
        const kv = kids.filter((c) => c.visit && inTerm(c.visit)).length;
        expected.push(['乡镇', town, '', `${hh.length}`, `${paired}`, `${hv}`, pct(hv, hh.length), `${kids.length}`, `${kv}`, pct(kv, kids.length)]);
      }
      const rows = readCsv(out);
      expect(rows[0]).toEqual(['层级', '代码', '名称', '应访户数', '已结对户数', '本学期已走访户数', '走访覆盖率', '留守儿童数', '已走访留守儿童数', '留守儿童走访覆盖率']);
      expect(rows.slice(1)).toEqual(expected);
      expect(r.json).toMatchObject({ households: HOUSEHOLDS.length, visited: visited.size, leftBehind: CHILDREN.filter((c) => c.leftBehind).length });
      // the visits before the term count in the spring of the year before, not now
      const earlier = path.join(dir, `visits-earlier-${dialect}.csv`);
      const before = new Set(VISITS.filter((v) => v.date === '2025-06-20').map((v) => v.household));
      expect(run('report', 'visits', '--school-year', '2024', '--term', '春季', '--out', earlier).json).toMatchObject({ visited: before.size });
    });

    it('lists the pairings with this term’s visits', () => {
      const out = path.join(dir, `pairings-${dialect}.csv`);
      expect(run('care', 'pairings', '--out', out).json).toMatchObject({ rows: PAIRS.length });
      const rows = readCsv(out);
      expect(rows[0]).toEqual(['户编号', '户主姓名', '所在乡镇', '帮扶责任人', '身份', '学校标识码', '本学期走访次数', '最近走访']);
      for (const p of PAIRS) {
        const row = rows.find((x) => x[0] === p.household)!;
        expect(row[6]).toBe(`${VISITS.filter((v) => v.household === p.household && inTerm(v.date)).length}`);
        expect(row[3]).toBe(p.user ?? p.cadre);
      }
    });
  });
}
