// Data scope on every endpoint, for every role, on both databases (issue 9): every route the server
// registers is classified here — a new endpoint fails the first test until it is. As a user of school
// A (or of a teacher, a township, a county, an inspector), no list answer holds anything of the
// schools outside the scope (school codes and names, names, 学籍号, ID numbers, references, case
// numbers, objections, jobs, audit entries); every read of an outside object is 404 (or 403 for a
// role without the permission); every state-changing request on one is 403/404 and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CLOSE_CATEGORIES, OUTCOMES } from '../src/dropout/case.rules.ts';
import { dialectAvailable, DIALECTS } from '../src/db/test-databases.ts';
import { sealRef } from '../src/platform/opaque-ref.ts';
import { STUDENT_REF } from '../src/registry/student.service.ts';
import { startTestApp, type TestApp } from '../src/platform/test-seed.ts';
import { OTHER_MATCH_ID, PARTIES, seedScopeFixtures, type Party, type ScopeFixtures } from './scope-fixtures.ts';

type PartyKey = keyof typeof PARTIES;

/** Who acts and which parties lie outside their scope. */
const ACTORS: Record<string, PartyKey[]> = {
  'school-a': ['b', 'other'],
  'teacher-a': ['b', 'other'],
  'school-b': ['a', 'other'],
  'teacher-b': ['a', 'other'],
  'township-100': ['b', 'other'],
  county: ['other'],
  inspector: ['other'],
  'county-gy': ['a', 'b'],
  'inspector-gy': ['a', 'b'],
};

interface Request {
  method: 'GET' | 'POST';
  url: string;
  payload?: unknown;
}
interface Ctx {
  f: ScopeFixtures;
  ref: (studentNo: string) => string;
  /** a batch holding rows of the party (X for 甘洛县, Y for the other county) */
  batchOf: (p: PartyKey) => number;
}

type Spec =
  /** nothing of anyone's data scope: the caller's own session, or no data */
  | { kind: 'own'; why: string }
  /** answers to search in: none may hold a marker of a party outside the actor's scope */
  | { kind: 'list'; requests: (c: Ctx) => Request[] }
  /** reads of one party's object: 404 outside the scope (403 without the permission) */
  | { kind: 'read'; requests: (c: Ctx, p: PartyKey) => Request[] }
  /** changes to one party's object: 403/404 outside the scope, nothing changed in the database */
  | { kind: 'write'; requests: (c: Ctx, p: PartyKey) => Request[] }
  /** changes refused to every role but the administrator (the permission table): 403, nothing changed */
  | { kind: 'adminOnly'; requests: () => Request[] }
  /** county-wide work without an object of a school (jobs that run at county level): roles without it get 403 */
  | { kind: 'countyWork'; requests: () => Request[]; roles: string[] };

const get = (url: string): Request => ({ method: 'GET', url });
const post = (url: string, payload: unknown = {}): Request => ({ method: 'POST', url, payload });
const term = 'schoolYear=2025&term=%E7%A7%8B%E5%AD%A3';
const day = '2025-10-02';
const student = (p: PartyKey) => PARTIES[p].students[0][0];

const ROUTES: Record<string, Spec> = {
  'GET /api/health': { kind: 'own', why: 'liveness, no data' },
  'POST /api/auth/login': { kind: 'own', why: 'the caller’s own session' },
  'POST /api/auth/logout': { kind: 'own', why: 'the caller’s own session' },
  'GET /api/me': { kind: 'own', why: 'the caller’s own account' },
  'POST /api/me/password': { kind: 'own', why: 'the caller’s own password' },
  'GET /api/users': { kind: 'list', requests: () => [get('/api/users')] },
  'POST /api/users': { kind: 'adminOnly', requests: () => [post('/api/users', { username: 'new-b', role: 'school', school: PARTIES.b.school, password: 'mima-2025-new-one' })] },
  'POST /api/users/:username/disable': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/disable')] },
  'POST /api/users/:username/enable': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/enable')] },
  'POST /api/users/:username/reset-password': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/reset-password', { password: 'mima-2025-reset-1' })] },
  'POST /api/users/:username/revoke-sessions': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/revoke-sessions')] },
  'GET /api/students': { kind: 'list', requests: () => [get('/api/students?pageSize=100'), ...['李', '王', '张', '赵'].map((q) => get(`/api/students?q=${encodeURIComponent(q)}`)), ...Object.values(PARTIES).map((p) => get(`/api/students?schoolCode=${p.school}`))] },
  'GET /api/students/:id': { kind: 'read', requests: (c, p) => [get(`/api/students/${c.ref(student(p))}`), get(`/api/students/${student(p)}`)] },
  'GET /api/students/:id/file': { kind: 'read', requests: (c, p) => [get(`/api/students/${c.ref(student(p))}/file`)] },
  'GET /api/schools': { kind: 'list', requests: () => [get('/api/schools')] },
  'GET /api/matches': { kind: 'list', requests: () => [get('/api/matches?pageSize=100'), get('/api/matches?status=review'), get('/api/matches?q=%E7%8E%8B')] },
  'POST /api/matches/:matchId/confirm': { kind: 'write', requests: (_c, p) => matchIds(p).map((m) => post(`/api/matches/${encodeURIComponent(m)}/confirm`, { reason: '核对一致' })) },
  'POST /api/matches/:matchId/reject': { kind: 'write', requests: (_c, p) => matchIds(p).map((m) => post(`/api/matches/${encodeURIComponent(m)}/reject`, { reason: '不是同一人' })) },
  'GET /api/dashboard': { kind: 'list', requests: () => [get('/api/dashboard')] },
  'GET /api/audit': { kind: 'list', requests: () => [get('/api/audit?pageSize=100')] },
  'GET /api/tasks': { kind: 'list', requests: () => [get('/api/tasks')] },
  'GET /api/jobs': { kind: 'list', requests: () => [get('/api/jobs?pageSize=100')] },
  'GET /api/jobs/:id': { kind: 'read', requests: (_c, p) => [get(`/api/jobs/${PARTIES[p].jobId}`)] },
  'GET /api/jobs/:id/errors': { kind: 'read', requests: (_c, p) => [get(`/api/jobs/${PARTIES[p].jobId}/errors`)] },
  'POST /api/jobs/import': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/jobs/import?list=students&fileName=x.csv', '学籍号\n')] },
  'POST /api/jobs/match': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/jobs/match', { schoolYear: 2025 })] },
  'GET /api/dropout/cases': { kind: 'list', requests: () => [get('/api/dropout/cases?pageSize=100')] },
  'GET /api/dropout/cases/:caseNo': { kind: 'read', requests: (_c, p) => [get(`/api/dropout/cases/${PARTIES[p].caseNo}`)] },
  'POST /api/dropout/cases/:caseNo/close': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/close`, { category: CLOSE_CATEGORIES[0], note: '核查' })] },
  'POST /api/dropout/cases/:caseNo/confirm': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/confirm`, { note: '确认' })] },
  'POST /api/dropout/cases/:caseNo/assign': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/assign`, { townshipUser: 'township-100' })] },
  'POST /api/dropout/cases/:caseNo/visit': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/visit`, { date: day, by: '王老师', note: '家访' })] },
  'POST /api/dropout/cases/:caseNo/return': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/return`, { outcome: OUTCOMES[0], date: day })] },
  'GET /api/care/children': { kind: 'list', requests: () => [get('/api/care/children?pageSize=100')] },
  'GET /api/care/children/:id': { kind: 'read', requests: (c, p) => [get(`/api/care/children/${c.ref(student(p))}`)] },
  'POST /api/care/children/:id/visits': { kind: 'write', requests: (c, p) => [post(`/api/care/children/${c.ref(student(p))}/visits`, { date: day, kind: '家访', note: '正常' })] },
  'GET /api/aid/submissions': { kind: 'list', requests: () => [get(`/api/aid/submissions?${term}`)] },
  'POST /api/aid/submissions/submit': { kind: 'write', requests: (_c, p) => [post('/api/aid/submissions/submit', { schoolYear: 2025, term: '秋季', schoolCode: PARTIES[p].school, note: '已核对' })] },
  'POST /api/aid/submissions/:schoolCode/:step': {
    kind: 'write',
    requests: (_c, p) => [post(`/api/aid/submissions/${PARTIES[p].school}/approve`, { schoolYear: 2025, term: '秋季' }), post(`/api/aid/submissions/${PARTIES[p].school}/return`, { schoolYear: 2025, term: '秋季', reason: '名单有误' })],
  },
  'GET /api/aid/batches': { kind: 'list', requests: (c) => [get('/api/aid/batches'), get(`/api/aid/batches/${c.f.batchX}?pageSize=100`), get(`/api/aid/batches/${c.f.batchY}?pageSize=100`)] },
  // 赵小花 (school A) is entitled and in no batch yet: a user outside 甘洛县 must not batch her
  'POST /api/aid/batches': { kind: 'write', requests: (_c, p) => (p === 'a' ? [post('/api/aid/batches', { schoolYear: 2025, term: '秋季' })] : []) },
  'GET /api/aid/batches/:id': { kind: 'read', requests: (c, p) => (p === 'other' ? [get(`/api/aid/batches/${c.f.batchY}`)] : []) },
  'POST /api/aid/batches/:id/notice': { kind: 'write', requests: (c, p) => [post(`/api/aid/batches/${c.batchOf(p)}/notice`, { days: 5 })] },
  'GET /api/aid/batches/:id/notice': { kind: 'read', requests: (c, p) => (p === 'other' ? [get(`/api/aid/batches/${c.f.batchY}/notice?format=xlsx`)] : []) },
  'POST /api/aid/batches/:id/objections': { kind: 'write', requests: (c, p) => [post(`/api/aid/batches/${c.batchOf(p)}/objections`, { text: '名单有误' })] },
  'POST /api/aid/objections/:id/answer': { kind: 'write', requests: (c, p) => [post(`/api/aid/objections/${c.f.objection[p]}/answer`, { text: '已核实' })] },
  'POST /api/aid/batches/:id/approve': { kind: 'write', requests: (c, p) => [post(`/api/aid/batches/${c.batchOf(p)}/approve`)] },
  'POST /api/aid/batches/:id/cancel': { kind: 'write', requests: (c, p) => [post(`/api/aid/batches/${c.batchOf(p)}/cancel`, { reason: '重做' })] },
  'GET /api/aid/batches/:id/payfile': { kind: 'read', requests: (c, p) => [get(`/api/aid/batches/${c.batchOf(p)}/payfile`)] },
  'POST /api/aid/batches/:id/bank-result': { kind: 'write', requests: (c, p) => [post(`/api/aid/batches/${c.batchOf(p)}/bank-result?fileName=r.csv`, '学籍号,结果\n')] },
  'GET /api/aid/coverage': { kind: 'list', requests: () => [get(`/api/aid/coverage?${term}`)] },
};

/** The match pairs whose student belongs to the party. */
function matchIds(p: PartyKey): string[] {
  return { a: ['G' + PARTIES.a.students[0][2] + '|建档立卡|5134330010001|2'], b: ['G' + PARTIES.b.students[0][2] + '|建档立卡|5134330010002|1'], other: [OTHER_MATCH_ID] }[p];
}

/**
 * Where a party's data is rightly seen outside its school: a township sees the pairs whose registry
 * side lives in its villages (李小红's household is registered in 513433100201, her school in 101).
 */
const ALLOWED: { actor: string; route: string; party: PartyKey; why: string }[] = [
  { actor: 'township-100', route: 'GET /api/matches', party: 'b', why: 'the registry member lives in the township' },
];

/** Everything that names the party's people, school and objects. */
function markers(p: Party, ref: (no: string) => string, c: Ctx, key: PartyKey): string[] {
  return [
    p.school,
    p.schoolName,
    p.caseNo,
    p.jobId,
    p.jobFile,
    p.objection,
    p.auditTarget,
    `"id":${c.f.objection[key]},"text"`,
    ...p.students.flatMap(([no, name, id]) => [no, name, id, ref(no)]),
  ];
}

/** Every table's rows but the session bookkeeping that a request itself touches. */
async function snapshot(t: TestApp): Promise<string> {
  const db = t.database.db;
  const tables = (await db.introspection.getTables()).map((x) => x.name).filter((n) => !/^(sessions|login_attempts|kysely_|ops_)/.test(n)).sort();
  const out: string[] = [];
  for (const name of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    out.push(name, ...rows.rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort());
  }
  return out.join('\n');
}

const routeKey = (method: string, url: string) => `${method} ${url}`;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`data scope on every endpoint, ${dialect}`, () => {
    let t: TestApp;
    let ctx: Ctx;
    const registered = new Set<string>();
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        onRoute: (r) => {
          for (const m of [r.method].flat()) if (m !== 'HEAD' && r.url.startsWith('/api')) registered.add(routeKey(m, r.url));
        },
      });
      const f = await seedScopeFixtures(t.database.db);
      ctx = {
        f,
        ref: (no) => sealRef(t.app.refKey, STUDENT_REF, no),
        batchOf: (p) => (p === 'other' ? f.batchY : f.batchX),
      };
      for (const u of ['admin', ...Object.keys(ACTORS)]) cookies[u] = await t.login(u);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    const send = (user: string, r: Request) =>
      t.app.inject({
        method: r.method,
        url: r.url,
        headers: r.method === 'GET' ? { cookie: cookies[user] } : { ...t.headers(cookies[user]), ...(typeof r.payload === 'string' ? { 'content-type': 'application/octet-stream' } : {}) },
        ...(r.payload === undefined ? {} : typeof r.payload === 'string' ? { body: r.payload } : { payload: r.payload as object }),
      });

    it('every endpoint the server registers is classified (a new one must say how its scope is tested)', () => {
      expect(registered.size).toBeGreaterThan(20);
      expect([...registered].filter((r) => !(r in ROUTES)).sort(), 'unclassified endpoints').toEqual([]);
      expect(Object.keys(ROUTES).filter((r) => !registered.has(r)), 'classified endpoints the server no longer has').toEqual([]);
    });

    for (const [route, spec] of Object.entries(ROUTES)) {
      if (spec.kind === 'own') continue;
      it(`${route}: ${spec.kind === 'list' ? 'no answer holds data outside the scope' : spec.kind === 'read' ? 'an object outside the scope is 404' : 'nothing outside the scope can be changed'}`, async () => {
        if (spec.kind === 'list') {
          const seenByAdmin: string[] = [];
          for (const r of spec.requests(ctx)) seenByAdmin.push((await send('admin', r)).body);
          for (const [actor, outside] of Object.entries(ACTORS)) {
            for (const r of spec.requests(ctx)) {
              const res = await send(actor, r);
              expect([200, 403, 404], `${actor} ${r.url}: ${res.body}`).toContain(res.statusCode);
              if (res.statusCode !== 200) continue;
              for (const key of outside) {
                if (ALLOWED.some((a) => a.actor === actor && a.route === route && a.party === key)) continue;
                const leaked = markers(PARTIES[key], ctx.ref, ctx, key).filter((m) => res.body.includes(m));
                expect(leaked, `${actor} ${r.method} ${r.url} shows ${key}`).toEqual([]);
              }
            }
          }
          return;
        }
        if (spec.kind === 'adminOnly' || spec.kind === 'countyWork') {
          const allowed = spec.kind === 'countyWork' ? spec.roles : ['admin'];
          for (const actor of Object.keys(ACTORS)) {
            const role = actor.replace(/-.*$/, '');
            if (allowed.includes(role)) continue;
            for (const r of spec.requests()) {
              const before = await snapshot(t);
              const res = await send(actor, r);
              expect(res.statusCode, `${actor} ${r.url}: ${res.body}`).toBe(403);
              expect(await snapshot(t)).toBe(before);
            }
          }
          return;
        }
        let probes = 0;
        for (const [actor, outside] of Object.entries(ACTORS)) {
          for (const key of outside) {
            for (const r of spec.requests(ctx, key)) {
              probes++;
              const before = spec.kind === 'write' ? await snapshot(t) : '';
              const res = await send(actor, r);
              if (spec.kind === 'read') {
                expect([403, 404], `${actor} ${r.method} ${r.url} (${key}): ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
              } else {
                expect(res.statusCode, `${actor} ${r.method} ${r.url} (${key}): ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
                expect(res.statusCode).toBeLessThan(500);
                const after = await snapshot(t);
                if (after !== before) {
                  const was = new Set(before.split('\n'));
                  expect(after.split('\n').filter((l) => !was.has(l)), `${actor} ${r.method} ${r.url} (${key}) changed the database`).toEqual([]);
                }
              }
            }
          }
        }
        expect(probes).toBeGreaterThan(0);
      });
    }
  });
}
