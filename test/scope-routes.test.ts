// Data scope on every endpoint, for every role, on both databases (issue 9): every route the server
// registers is classified here — a new endpoint fails the first test until it is. As a user of school
// A (or of a teacher, a township, a county, an inspector), no list answer holds anything of the
// schools outside the scope (school codes and names, names, 学籍号, ID numbers, references, case
// numbers, objections, jobs, audit entries — and of their Excel exports); every read of an outside
// object is 404 (or 403 for a role without the permission); every state-changing request on one is
// 403/404 and changes nothing; work over the caller's whole scope (a county's policy set, a school's
// 公示, the entitlement job) changes no row of anyone outside it.
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { CLOSE_CATEGORIES, OUTCOMES } from '../src/dropout/case.rules.ts';
import { dialectAvailable, DIALECTS } from '../src/db/test-databases.ts';
import { sealRef } from '../src/platform/opaque-ref.ts';
import { fullIdsIn } from '../src/platform/privacy.rules.ts';
import { STUDENT_REF } from '../src/registry/student.service.ts';
import { HOUSEHOLD_REF } from '../src/care/pairing.routes.ts';
import { startTestApp, type TestApp } from '../src/platform/test-seed.ts';
import { COUNTY_MARKERS, OTHER_MATCH_ID, PARTIES, POLICY_ITEM, policyItem, seedScopeFixtures, type Party, type ScopeFixtures } from './scope-fixtures.ts';

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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
}
interface Ctx {
  f: ScopeFixtures;
  ref: (studentNo: string) => string;
  /** a batch holding rows of the party (X for 甘洛县, Y for the other county) */
  batchOf: (p: PartyKey) => number;
  /** the opaque reference of the party's 困难认定 application of the year */
  recognition: (p: PartyKey, year: number) => string;
  /** the opaque reference of the party's paired household */
  household: (p: PartyKey) => string;
}

type Spec =
  /** nothing of anyone's data scope: the caller's own session, or no data */
  | { kind: 'own'; why: string }
  /** answers to search in: none may hold a marker of a party outside the actor's scope */
  | { kind: 'list'; requests: (c: Ctx) => Request[]; absent?: { parties: PartyKey[]; why: string } }
  /** reads of one party's object: 404 outside the scope (403 without the permission) */
  | { kind: 'read'; requests: (c: Ctx, p: PartyKey) => Request[] }
  /** changes to one party's object: 403/404 outside the scope, nothing changed in the database */
  | { kind: 'write'; requests: (c: Ctx, p: PartyKey) => Request[] }
  /** changes refused to every role but the administrator (the permission table): 403, nothing changed */
  | { kind: 'adminOnly'; requests: () => Request[] }
  /** county-wide work without an object of a school (jobs that run at county level): roles without it get 403 */
  | { kind: 'countyWork'; requests: () => Request[]; roles: string[] }
  /**
   * work over everything in the caller's own scope (a county's policy set, a school's 公示 or 存档):
   * whatever each actor's request changes holds nothing of the parties outside its scope; reset puts
   * the objects back so that the next actor finds them to work on again
   */
  | { kind: 'scopeWide'; requests: (c: Ctx, actor: string) => Request[]; reset?: (db: Kysely<DB>) => Promise<void> };

const get = (url: string): Request => ({ method: 'GET', url });
const post = (url: string, payload: unknown = {}): Request => ({ method: 'POST', url, payload });
const put = (url: string, payload: unknown = {}): Request => ({ method: 'PUT', url, payload });
const del = (url: string): Request => ({ method: 'DELETE', url });
/** Another party's school than p's (of the same county where there is one): the other side of a pairing. */
const partner = (p: PartyKey): string => PARTIES[p === 'a' ? 'b' : 'a'].school;
const term = 'schoolYear=2025&term=%E7%A7%8B%E5%AD%A3';
const day = '2025-10-02';
const student = (p: PartyKey) => PARTIES[p].students[0][0];
/** The same lists as Excel files (?format=xlsx, platform/list-export.ts): they hold no more than the JSON answers. */
const alsoXlsx = (rs: Request[]): Request[] => [...rs, ...rs.map((r) => get(`${r.url}${r.url.includes('?') ? '&' : '?'}format=xlsx`))];

const ROUTES: Record<string, Spec> = {
  'GET /api/health': { kind: 'own', why: 'liveness, no data' },
  'POST /api/auth/login': { kind: 'own', why: 'the caller’s own session' },
  'POST /api/auth/logout': { kind: 'own', why: 'the caller’s own session' },
  'GET /api/me': { kind: 'own', why: 'the caller’s own account' },
  'POST /api/me/password': { kind: 'own', why: 'the caller’s own password' },
  'GET /api/users': { kind: 'list', requests: () => alsoXlsx([get('/api/users')]), absent: { parties: ['other'], why: 'no account belongs to the other county’s school' } },
  'POST /api/users': { kind: 'adminOnly', requests: () => [post('/api/users', { username: 'new-b', role: 'school', school: PARTIES.b.school, password: 'mima-2025-new-one' })] },
  'POST /api/users/:username/disable': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/disable')] },
  'POST /api/users/:username/enable': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/enable')] },
  'POST /api/users/:username/reset-password': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/reset-password', { password: 'mima-2025-reset-1' })] },
  'POST /api/users/:username/revoke-sessions': { kind: 'adminOnly', requests: () => [post('/api/users/school-b/revoke-sessions')] },
  // (no export filtered by another school's code: its audit entry, seen by the actor's inspector, would name the code the actor typed)
  'GET /api/students': { kind: 'list', requests: () => [...alsoXlsx([get('/api/students?pageSize=100'), ...['李', '王', '张', '赵'].map((q) => get(`/api/students?q=${encodeURIComponent(q)}`))]), ...Object.values(PARTIES).map((p) => get(`/api/students?schoolCode=${p.school}`))] },
  'GET /api/students/:id': { kind: 'read', requests: (c, p) => [get(`/api/students/${c.ref(student(p))}`), get(`/api/students/${student(p)}`)] },
  'GET /api/students/:id/file': { kind: 'read', requests: (c, p) => [get(`/api/students/${c.ref(student(p))}/file`)] },
  'GET /api/schools': { kind: 'list', requests: () => [get('/api/schools')] },
  'GET /api/matches': { kind: 'list', requests: () => alsoXlsx([get('/api/matches?pageSize=100'), get('/api/matches?status=review'), get('/api/matches?q=%E7%8E%8B')]) },
  'POST /api/matches/:matchId/confirm': { kind: 'write', requests: (_c, p) => matchIds(p).map((m) => post(`/api/matches/${encodeURIComponent(m)}/confirm`, { reason: '核对一致' })) },
  'POST /api/matches/:matchId/reject': { kind: 'write', requests: (_c, p) => matchIds(p).map((m) => post(`/api/matches/${encodeURIComponent(m)}/reject`, { reason: '不是同一人' })) },
  'GET /api/dashboard': { kind: 'list', requests: () => [get('/api/dashboard')] },
  'GET /api/audit': { kind: 'list', requests: () => alsoXlsx([get('/api/audit?pageSize=100')]) },
  'GET /api/tasks': { kind: 'list', requests: () => alsoXlsx([get('/api/tasks?pageSize=100')]) },
  'GET /api/jobs': { kind: 'list', requests: () => alsoXlsx([get('/api/jobs?pageSize=100')]) },
  'GET /api/jobs/:id': { kind: 'read', requests: (_c, p) => [get(`/api/jobs/${PARTIES[p].jobId}`)] },
  'GET /api/jobs/:id/errors': { kind: 'read', requests: (_c, p) => [get(`/api/jobs/${PARTIES[p].jobId}/errors`)] },
  'POST /api/jobs/import': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/jobs/import?list=students&fileName=x.csv', '学籍号\n')] },
  'POST /api/jobs/match': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/jobs/match', { schoolYear: 2025 })] },
  'GET /api/dropout/cases': { kind: 'list', requests: () => alsoXlsx([get('/api/dropout/cases?pageSize=100')]) },
  'GET /api/dropout/cases/:caseNo': { kind: 'read', requests: (_c, p) => [get(`/api/dropout/cases/${PARTIES[p].caseNo}`)] },
  'POST /api/dropout/cases/:caseNo/close': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/close`, { category: CLOSE_CATEGORIES[0], note: '核查' })] },
  'POST /api/dropout/cases/:caseNo/confirm': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/confirm`, { note: '确认' })] },
  'POST /api/dropout/cases/:caseNo/assign': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/assign`, { townshipUser: 'township-100' })] },
  'POST /api/dropout/cases/:caseNo/visit': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/visit`, { date: day, by: '王老师', note: '家访' })] },
  'POST /api/dropout/cases/:caseNo/return': { kind: 'write', requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/return`, { outcome: OUTCOMES[0], date: day })] },
  'GET /api/care/children': { kind: 'list', requests: () => alsoXlsx([get('/api/care/children?pageSize=100')]) },
  'GET /api/care/children/:id': { kind: 'read', requests: (c, p) => [get(`/api/care/children/${c.ref(student(p))}`)] },
  'POST /api/care/children/:id/visits': { kind: 'write', requests: (c, p) => [post(`/api/care/children/${c.ref(student(p))}/visits`, { date: day, kind: '家访', note: '正常' })] },
  'GET /api/aid/submissions': { kind: 'list', requests: () => alsoXlsx([get(`/api/aid/submissions?${term}&pageSize=100`), ...Object.values(PARTIES).map((p) => get(`/api/aid/submissions?${term}&school=${p.school}`))]) },
  'POST /api/aid/submissions/submit': { kind: 'write', requests: (_c, p) => [post('/api/aid/submissions/submit', { schoolYear: 2025, term: '秋季', schoolCode: PARTIES[p].school, note: '已核对' })] },
  'POST /api/aid/submissions/:schoolCode/:step': {
    kind: 'write',
    requests: (_c, p) => [post(`/api/aid/submissions/${PARTIES[p].school}/approve`, { schoolYear: 2025, term: '秋季' }), post(`/api/aid/submissions/${PARTIES[p].school}/return`, { schoolYear: 2025, term: '秋季', reason: '名单有误' })],
  },
  'GET /api/aid/batches': { kind: 'list', requests: (c) => [...alsoXlsx([get('/api/aid/batches')]), get(`/api/aid/batches/${c.f.batchX}?pageSize=100`), get(`/api/aid/batches/${c.f.batchY}?pageSize=100`)] },
  // 赵小花 (school A) is entitled and in no batch yet: a user outside 甘洛县 must not batch her
  'POST /api/aid/batches': { kind: 'write', requests: (_c, p) => (p === 'a' ? [post('/api/aid/batches', { schoolYear: 2025, term: '秋季' })] : []) },
  'GET /api/aid/batches/:id/rows': { kind: 'list', requests: (c) => alsoXlsx([c.f.batchX, c.f.batchY].flatMap((b) => [get(`/api/aid/batches/${b}/rows?pageSize=100`), ...Object.values(PARTIES).map((p) => get(`/api/aid/batches/${b}/rows?school=${p.school}`))])) },
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
  'GET /api/aid/coverage/drill': { kind: 'read', requests: (_c, p) => [get(`/api/aid/coverage/drill?${term}&level=school&code=${PARTIES[p].school}`), get(`/api/aid/coverage/drill?${term}&level=county&code=${PARTIES[p].county}`)] },
  'GET /api/aid/coverage/drill/rows': {
    kind: 'list',
    requests: () => alsoXlsx(Object.values(PARTIES).flatMap((p) => [get(`/api/aid/coverage/drill/rows?${term}&level=county&code=${p.county}&pageSize=100`), ...[p.township, `${p.county}000`].map((town) => get(`/api/aid/coverage/drill/rows?${term}&level=township&code=${town}&pageSize=100`))])),
  },
  'GET /api/aid/coverage/drill/students': { kind: 'list', requests: () => alsoXlsx([...Object.values(PARTIES).map((p) => get(`/api/aid/coverage/drill/students?${term}&code=${p.school}&pageSize=100`))]) },
  'GET /api/aid/entitlements': { kind: 'list', requests: () => [get(`/api/aid/entitlements?${term}&pageSize=100`), get(`/api/aid/entitlements?${term}&format=xlsx`), ...Object.values(PARTIES).map((p) => get(`/api/aid/entitlements?${term}&school=${p.school}`))] },
  // a background job: the county's run recomputes 甘洛县's students only (王小军's entitlement stays as it is)
  'POST /api/aid/entitlements/compute': { kind: 'scopeWide', requests: () => [post('/api/aid/entitlements/compute', { schoolYear: 2025, term: '秋季' })] },
  'GET /api/aid/ledger': { kind: 'list', requests: () => [get('/api/aid/ledger?schoolYear=2024'), get('/api/aid/ledger?schoolYear=2024&term=%E7%A7%8B%E5%AD%A3')] },
  'GET /api/aid/ledger/sources': { kind: 'list', requests: () => alsoXlsx([get('/api/aid/ledger/sources?schoolYear=2024'), get('/api/aid/ledger/sources?schoolYear=2024&term=%E7%A7%8B%E5%AD%A3&pageSize=100')]), absent: { parties: ['a', 'b', 'other'], why: 'fund sources and items with their sums, no school or person (the sums follow the scope: aid-pages.routes.test.ts)' } },
  'GET /api/aid/ledger/schools': { kind: 'list', requests: () => alsoXlsx([get('/api/aid/ledger/schools?schoolYear=2024'), get('/api/aid/ledger/schools?schoolYear=2024&term=%E7%A7%8B%E5%AD%A3&pageSize=100')]) },
  'GET /api/aid/supervision': { kind: 'list', requests: () => [get('/api/aid/supervision?schoolYear=2024&format=csv'), get('/api/aid/supervision?schoolYear=2024&format=xlsx')] },
  // 南明区 has no set of 2024: its users must not be shown 甘洛县's instead
  'GET /api/aid/policy': { kind: 'list', requests: () => [2024, 2025].flatMap((y) => [get(`/api/aid/policy?schoolYear=${y}`), ...['513433', '520102'].map((r) => get(`/api/aid/policy?schoolYear=${y}&region=${r}`))]) },
  'GET /api/aid/policy/items': { kind: 'list', requests: () => alsoXlsx([2024, 2025].flatMap((y) => [get(`/api/aid/policy/items?schoolYear=${y}&pageSize=100`), ...['513433', '520102'].map((r) => get(`/api/aid/policy/items?schoolYear=${y}&region=${r}&pageSize=100`))])) },
  'GET /api/aid/policy/history': { kind: 'list', requests: () => alsoXlsx([2024, 2025].flatMap((y) => [get(`/api/aid/policy/history?schoolYear=${y}&pageSize=100`), ...['513433', '520102'].map((r) => get(`/api/aid/policy/history?schoolYear=${y}&region=${r}&pageSize=100`))])) },
  'POST /api/aid/policy': { kind: 'scopeWide', requests: (_c, actor) => [post('/api/aid/policy', { schoolYear: 2026, preset: null, name: `${actor} 的政策` }), post('/api/aid/policy', { schoolYear: 2027, preset: null, region: '520102' }), post('/api/aid/policy', { schoolYear: 2027, preset: null, region: '513433' })] },
  'POST /api/aid/policy/items': { kind: 'scopeWide', requests: (_c, actor) => ['513433', '520102'].map((region) => post('/api/aid/policy/items', { ...policyItem(`new-${actor}-${region}`, '新增助学金'), region })) },
  'POST /api/aid/policy/items/:code': { kind: 'write', requests: (_c, p) => [post(`/api/aid/policy/items/${POLICY_ITEM[p]}`, { ...policyItem(POLICY_ITEM[p], '提标后的助学金'), yuan: 2000, reason: '提标' })] },
  'POST /api/aid/policy/items/:code/retire': { kind: 'write', requests: (_c, p) => [post(`/api/aid/policy/items/${POLICY_ITEM[p]}/retire`, { schoolYear: 2025, reason: '并入国家助学金' })] },
  'POST /api/aid/policy/deadline': { kind: 'scopeWide', requests: () => ['513433', '520102'].map((region) => post('/api/aid/policy/deadline', { schoolYear: 2025, region, term: '秋季', date: '2025-11-30' })) },
  'GET /api/aid/recognitions': { kind: 'list', requests: () => [2023, 2024, 2025].map((y) => get(`/api/aid/recognitions?schoolYear=${y}&pageSize=100`)) },
  'GET /api/aid/recognitions/listed': { kind: 'list', requests: () => [get('/api/aid/recognitions/listed?pageSize=100'), get('/api/aid/recognitions/listed?q=%E7%8E%8B')], absent: { parties: ['a', 'other'], why: 'only 李小红 (school B) is on a list by a confirmed pair' } },
  'GET /api/aid/recognitions/notice': { kind: 'list', requests: () => [get('/api/aid/recognitions/notice?schoolYear=2025'), get('/api/aid/recognitions/notice?schoolYear=2023')] },
  'POST /api/aid/recognitions': { kind: 'write', requests: (_c, p) => [post('/api/aid/recognitions', { schoolYear: 2026, studentNo: student(p), application: '家庭遭遇变故' })] },
  'POST /api/aid/recognitions/:id/decide': { kind: 'write', requests: (c, p) => [post(`/api/aid/recognitions/${c.recognition(p, 2024)}/decide`, { tier: '特别困难', reason: '复核' })] },
  'POST /api/aid/recognitions/:id/objections': { kind: 'write', requests: (c, p) => [post(`/api/aid/recognitions/${c.recognition(p, 2025)}/objections`, { text: '家庭情况与公示不符' })] },
  'POST /api/aid/recognitions/objections/:id/answer': { kind: 'write', requests: (c, p) => [post(`/api/aid/recognitions/objections/${c.f.recognitionObjection[p]}/answer`, { text: '已核实', outcome: 'reopen' })] },
  // 2024: decided, not yet on notice; 2023: on notice, the period over
  'POST /api/aid/recognitions/notice': {
    kind: 'scopeWide',
    requests: () => [post('/api/aid/recognitions/notice', { schoolYear: 2024, days: 5 })],
    reset: async (db) => void (await db.updateTable('aid_recognitions').set({ status: '已认定', notice_start: null, notice_end: null }).where('school_year', '=', 2024).execute()),
  },
  'POST /api/aid/recognitions/file': {
    kind: 'scopeWide',
    requests: () => [post('/api/aid/recognitions/file', { schoolYear: 2023 })],
    reset: async (db) => void (await db.updateTable('aid_recognitions').set({ status: '公示中', filed_at: null }).where('school_year', '=', 2023).execute()),
  },
  'GET /api/projects': { kind: 'list', requests: () => [get('/api/projects')] },
  'POST /api/projects/:id/spending': { kind: 'write', requests: (c, p) => [post(`/api/projects/${c.f.project[p]}/spending`, { source: '县级配套', date: '2025-10-01', yuan: 100, purpose: '购置桌椅' })] },
  'GET /api/care/pairings': { kind: 'list', requests: () => [get('/api/care/pairings?pageSize=100')] },
  'GET /api/care/pairings/:id': { kind: 'read', requests: (c, p) => [get(`/api/care/pairings/${c.household(p)}`)] },
  'POST /api/care/pairings/:id/visits': { kind: 'write', requests: (c, p) => [post(`/api/care/pairings/${c.household(p)}/visits`, { date: day, kind: '入户走访', note: '走访' })] },
  'GET /api/care/visit-coverage': { kind: 'list', requests: () => [get('/api/care/visit-coverage'), get('/api/care/visit-coverage?schoolYear=2025&term=%E7%A7%8B%E5%AD%A3')] },
  'GET /api/dropout/cases/:caseNo/proofs': { kind: 'read', requests: (_c, p) => [get(`/api/dropout/cases/${PARTIES[p].caseNo}/proofs`)] },
  'GET /api/dropout/cases/:caseNo/proofs/:id': { kind: 'read', requests: (c, p) => [get(`/api/dropout/cases/${PARTIES[p].caseNo}/proofs/${c.f.proof[p]}`)] },
  'POST /api/dropout/cases/:caseNo/close-with-proof': {
    kind: 'write',
    requests: (_c, p) => [post(`/api/dropout/cases/${PARTIES[p].caseNo}/close-with-proof?category=${encodeURIComponent(CLOSE_CATEGORIES[0])}&note=%E6%A0%B8%E6%9F%A5&fileName=p.pdf`, '%PDF-1.4\n%proof\n')],
  },
  'GET /api/dropout/reconcile': { kind: 'list', requests: () => [get('/api/dropout/reconcile'), get('/api/dropout/reconcile?schoolYear=2025')] },
  'GET /api/dropout/reports-due': { kind: 'own', why: 'the periods due at the caller’s level: dates only, no data' },
  'GET /api/dropout/reports/period': { kind: 'list', requests: () => [get('/api/dropout/reports/period?period=2025-10'), get(`/api/dropout/reports/period?period=${encodeURIComponent('2025秋季')}`)] },
  'GET /api/supervision': { kind: 'list', requests: () => [get('/api/supervision'), get('/api/supervision?schoolYear=2025')] },
  'GET /api/teachers': { kind: 'list', requests: () => alsoXlsx([get('/api/teachers?pageSize=100'), get('/api/teachers?pageSize=100&village=1&below=continuing'), ...Object.values(PARTIES).map((p) => get(`/api/teachers?school=${p.school}`))]) },
  'GET /api/teachers/training': { kind: 'list', requests: () => [get('/api/teachers/training?schoolYear=2025')] },
  'GET /api/teachers/rotation': { kind: 'list', requests: () => [get('/api/teachers/rotation?schoolYear=2025')] },
  'GET /api/teachers/moves': { kind: 'list', requests: () => alsoXlsx([get('/api/teachers/moves?pageSize=100'), get('/api/teachers/moves?schoolYear=2025&kind=%E7%89%B9%E5%B2%97')]) },
  'POST /api/teachers/moves': { kind: 'write', requests: (c, p) => [post('/api/teachers/moves', { teacher: c.f.teacherIds[p], kind: '特岗', to: PARTIES[p].school, start: '2025-09-02', schoolYear: 2025 })] },
  'GET /api/teachers/payables': { kind: 'list', requests: () => alsoXlsx([get('/api/teachers/payables?pageSize=100'), get('/api/teachers/payables?period=2025-10')]) },
  'POST /api/teachers/payables/pay': { kind: 'write', requests: (c, p) => [post('/api/teachers/payables/pay', { ids: [c.f.payable[p]], date: day, note: '银行回单 001' })] },
  // the county generates the subsidies of its own teachers: nothing of another county's
  'POST /api/teachers/payables/generate': {
    kind: 'scopeWide',
    requests: () => [post('/api/teachers/payables/generate', { month: '2025-11' })],
    reset: async (db) => {
      await db.deleteFrom('teacher_payables').where('period', '=', '2025-11').execute();
    },
  },
  'GET /api/teachers/honours': { kind: 'list', requests: () => [get('/api/teachers/honours?schoolYear=2025')] },
  'GET /api/indicators': { kind: 'list', requests: () => [get('/api/indicators'), get('/api/indicators?schoolYear=2025'), get('/api/indicators?schoolYear=2025&region=513433101')], absent: { parties: ['a', 'b', 'other'], why: 'figures and definitions only, no school or person' } },
  'GET /api/indicators/:code/breakdown': {
    kind: 'list',
    requests: () => alsoXlsx(['aid-coverage', 'visit-coverage', 'pairing-rate', 'primary-enrolment'].flatMap((c) => ['school', 'township'].map((level) => get(`/api/indicators/${c}/breakdown?schoolYear=2025&level=${level}&pageSize=100`)))),
  },
  'GET /api/indicators/:code/trend': { kind: 'list', requests: () => [get('/api/indicators/aid-coverage/trend?schoolYear=2025'), get('/api/indicators/students-per-computer/trend')], absent: { parties: ['a', 'b', 'other'], why: 'figures by period only' } },
  'POST /api/indicators/:code/values': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/indicators/students-per-computer/values', { schoolYear: 2025, value: 6.5, evidence: '装备统计表' })] },
  // evidence files belong to a county's entries (none in these fixtures): their scope per county is tested in
  // src/indicators/indicators.routes.test.ts on both databases (another county's list is empty, its file 404)
  'POST /api/indicators/:code/values/:id/evidence': { kind: 'countyWork', roles: ['admin', 'county'], requests: () => [post('/api/indicators/students-per-computer/values/1/evidence?fileName=a.pdf', '%PDF-1.4\n%evidence\n')] },
  'GET /api/indicators/:code/evidence': { kind: 'list', requests: () => [get('/api/indicators/students-per-computer/evidence?schoolYear=2025')], absent: { parties: ['a', 'b', 'other'], why: 'file names of county entries, no school or person' } },
  // an evidence file belongs to a county's entered value (the fixture of parties a and b is 甘洛县's): another county's is 404
  'GET /api/indicator-evidence/:id': { kind: 'read', requests: (c, p) => [get(`/api/indicator-evidence/${c.f.evidence[p]}`)] },
  // the pack is a job narrowed to the caller's region (its zip's workbooks are searched for the other county in
  // src/indicators/indicators.routes.test.ts on both databases); another county's finished pack is 404
  'POST /api/inspection-pack': { kind: 'countyWork', roles: ['admin', 'county', 'inspector'], requests: () => [post('/api/inspection-pack', { schoolYear: 2025 })] },
  'GET /api/inspection-pack/:id': { kind: 'read', requests: (c, p) => [get(`/api/inspection-pack/${c.f.packJob[p]}`), get(`/api/jobs/${c.f.packJob[p]}`)] },
  'GET /api/schools/pairings': { kind: 'list', requests: () => [get('/api/schools/pairings?schoolYear=2025'), get('/api/schools/pairings')] },
  'GET /api/activities': { kind: 'list', requests: () => alsoXlsx([get('/api/activities?pageSize=100'), get(`/api/activities?pageSize=100&type=${encodeURIComponent('教研')}&from=2025-09-01&to=2025-09-30`)]) },
  'POST /api/schools/pairings': { kind: 'write', requests: (_c, p) => [post('/api/schools/pairings', { helper: PARTIES[p].school, helped: partner(p), since: day }), post('/api/schools/pairings', { helper: partner(p), helped: PARTIES[p].school, since: day })] },
  // an activity list naming every party's school and pairing: each actor's import takes only the rows of its scope
  'POST /api/activities/import': {
    kind: 'scopeWide',
    requests: (c) => [post('/api/activities/import?fileName=activities.csv', [
      '活动类型,活动名称,活动日期,学校标识码,结对编号',
      ...(Object.keys(PARTIES) as PartyKey[]).flatMap((p) => [`家访,导入的家访,2025-10-03,${PARTIES[p].school},`, `联合教研,导入的教研,2025-10-04,,${c.f.schoolPairing[p]}`]),
    ].join('\r\n'))],
    reset: async (db) => {
      await db.deleteFrom('pairing_activities').where('title', 'in', ['导入的家访', '导入的教研']).execute();
    },
  },
  'PUT /api/activities/:id': { kind: 'write', requests: (c, p) => [put(`/api/activities/${c.f.activity[p]}`, { type: '联合教研', title: '改到别校的活动', start: '2025-09-20 09:00', version: c.f.activityVersion })] },
  'DELETE /api/activities/:id': { kind: 'write', requests: (c, p) => [del(`/api/activities/${c.f.activity[p]}?version=${encodeURIComponent(c.f.activityVersion)}`)] },
  'GET /api/activities/:id': { kind: 'read', requests: (c, p) => [get(`/api/activities/${c.f.activity[p]}`)] },
  'GET /api/activities/:id/plan': { kind: 'read', requests: (c, p) => [get(`/api/activities/${c.f.activity[p]}/plan`)] },
  'GET /api/activities/:id/attachments/:n': { kind: 'read', requests: (c, p) => [get(`/api/activities/${c.f.activity[p]}/attachments/1`)] },
  'POST /api/activities': {
    kind: 'write',
    requests: (c, p) => [post('/api/activities', { type: '家访', title: '登记到别校', school: PARTIES[p].school, start: day }), post('/api/activities', { type: '联合教研', title: '登记到别校的结对', pairing: c.f.schoolPairing[p], start: day })],
  },
  'POST /api/activities/:id/attachments': { kind: 'write', requests: (c, p) => [post(`/api/activities/${c.f.activity[p]}/attachments?fileName=p.pdf`, '%PDF-1.4\n%attachment\n')] },
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
  ...(['school-a', 'township-100'] as const).map((actor) => ({ actor, route: 'GET /api/indicator-evidence/:id', party: 'b' as const, why: 'the evidence of 甘洛县’s entered value is the county’s: its schools and townships read it' })),
  { actor: 'school-b', route: 'GET /api/indicator-evidence/:id', party: 'a', why: 'the evidence of 甘洛县’s entered value is the county’s: its schools and townships read it' },
  { actor: 'township-100', route: 'GET /api/matches', party: 'b', why: 'the registry member lives in the township' },
  ...['GET /api/care/pairings', 'GET /api/care/pairings/:id', 'POST /api/care/pairings/:id/visits', 'GET /api/care/visit-coverage'].map((route) => ({
    actor: 'township-100', route, party: 'b' as const, why: '李小红’s household lives in the township (its helper is a teacher of school B): the township sees, visits and counts it',
  })),
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
    p.recognition,
    p.recognitionObjection,
    p.project,
    p.supervision,
    p.helper,
    p.proofFile,
    p.activity,
    ...p.students.flatMap(([no, name, id]) => [no, name, id, ref(no)]),
  ];
}

/** The county's own objects, when every party of that county lies outside the actor's scope. */
function countyMarkers(key: PartyKey, outside: PartyKey[]): string[] {
  const county = PARTIES[key].county;
  const all = (Object.keys(PARTIES) as PartyKey[]).filter((k) => PARTIES[k].county === county);
  return all.every((k) => outside.includes(k)) ? COUNTY_MARKERS[county] : [];
}

/** The text of an answer: a workbook (.xlsx, deflated) is unpacked so that its cells can be searched. */
function answerText(res: { body: string; rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const type = res.headers['content-type'];
  if (typeof type !== 'string' || !type.includes('spreadsheetml')) return res.body;
  const zip = res.rawPayload;
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const parts: string[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const data = zip.subarray(local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)).subarray(0, size);
    parts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts.join('\n');
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
      const f = await seedScopeFixtures(t.database, t.dataDir);
      ctx = {
        f,
        ref: (no) => sealRef(t.app.refKey, STUDENT_REF, no),
        batchOf: (p) => (p === 'other' ? f.batchY : f.batchX),
        recognition: (p, year) => sealRef(t.app.refKey, 'r', `${year}|${student(p)}`),
        household: (p) => sealRef(t.app.refKey, HOUSEHOLD_REF, PARTIES[p].household),
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

    /** When the answer started a background job: its end. */
    const jobDone = async (res: { statusCode: number; json: () => unknown }) => {
      const id = res.statusCode === 202 ? (res.json() as { job?: { id?: string } }).job?.id : undefined;
      if (!id) return;
      for (let i = 0; i < 400; i++) {
        const job = (await send('admin', get(`/api/jobs/${id}`))).json<{ status: string; error: unknown }>();
        if (job.status === 'done') return;
        if (job.status === 'failed') throw new Error(`job ${id} failed: ${JSON.stringify(job.error)}`);
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`job ${id} did not finish`);
    };

    it('every endpoint the server registers is classified (a new one must say how its scope is tested)', () => {
      expect(registered.size).toBeGreaterThan(20);
      expect([...registered].filter((r) => !(r in ROUTES)).sort(), 'unclassified endpoints').toEqual([]);
      expect(Object.keys(ROUTES).filter((r) => !registered.has(r)), 'classified endpoints the server no longer has').toEqual([]);
    });

    it('the download fixtures are real: each county’s own user gets its evidence file and its pack', async () => {
      for (const [user, key] of [['county', 'a'], ['inspector', 'b'], ['county-gy', 'other']] as const) {
        const file = await send(user, get(`/api/indicator-evidence/${ctx.f.evidence[key]}`));
        expect(file.statusCode, `${user} evidence ${key}: ${file.body.slice(0, 200)}`).toBe(200);
        expect(file.body).toContain('%PDF');
        const pack = await send(user, get(`/api/inspection-pack/${ctx.f.packJob[key]}`));
        expect(pack.statusCode, `${user} pack ${key}: ${pack.body.slice(0, 200)}`).toBe(200);
        expect(pack.headers['content-type']).toContain('application/zip');
      }
    });

    it('a township reads the aid of its own township (coverage, entitlements, recognitions), read only', async () => {
      const own = PARTIES.a;
      const seen = async (url: string) => {
        const res = await send('township-100', get(url));
        expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
        return answerText(res);
      };
      const coverage = await seen(`/api/aid/coverage?${term}`);
      expect(coverage).toContain(own.school);
      // the drill-down starts at the township and lists its school; another township and the county above are 404
      const drill = JSON.parse(await seen(`/api/aid/coverage/drill?${term}`)) as { level: string; code: string; trail: unknown[]; rows: { code: string }[] };
      expect(drill).toMatchObject({ level: 'township', code: own.township, trail: [] });
      expect(drill.rows.map((r) => r.code)).toEqual([own.school]);
      for (const q of [`level=township&code=${PARTIES.b.township}`, `level=county&code=${own.county}`, `level=school&code=${PARTIES.b.school}`]) {
        expect((await send('township-100', get(`/api/aid/coverage/drill?${term}&${q}`))).statusCode, q).toBe(404);
      }
      expect((await seen(`/api/aid/coverage/drill?${term}&level=school&code=${own.school}`))).toContain(own.students[1][1]);
      const entitlements = await seen(`/api/aid/entitlements?${term}&pageSize=100`);
      for (const [, name] of own.students) expect(entitlements).toContain(name);
      expect(await seen(`/api/aid/entitlements?${term}&format=xlsx`)).toContain(own.students[0][1]);
      expect(await seen('/api/aid/recognitions?schoolYear=2025&pageSize=100')).toContain(own.recognition);
      // the county's policy set is read only to it; sign-off, batches and ledger are the county's; nothing of its own school can be changed
      expect(JSON.parse(await seen('/api/aid/policy?schoolYear=2025'))).toMatchObject({ exists: true, editable: false, regionCode: own.county });
      for (const url of [`/api/aid/submissions?${term}`, '/api/aid/batches', `/api/aid/batches/${ctx.f.batchX}`, '/api/aid/ledger?schoolYear=2024']) {
        expect((await send('township-100', get(url))).statusCode, url).toBe(403);
      }
      for (const r of [
        post(`/api/aid/batches/${ctx.f.batchX}/approve`),
        post('/api/aid/batches', { schoolYear: 2025, term: '秋季' }),
        post(`/api/aid/submissions/${own.school}/approve`, { schoolYear: 2025, term: '秋季' }),
        post(`/api/aid/recognitions/${ctx.recognition('a', 2024)}/decide`, { tier: '特别困难', reason: '复核' }),
        post(`/api/aid/policy/items/${POLICY_ITEM.a}`, { ...policyItem(POLICY_ITEM.a, '提标后的助学金'), yuan: 2000, reason: '提标' }),
        post('/api/aid/entitlements/compute', { schoolYear: 2025, term: '秋季' }),
      ]) {
        const before = await snapshot(t);
        expect((await send('township-100', r)).statusCode, r.url).toBe(403);
        expect(await snapshot(t)).toBe(before);
      }
    });

    for (const [route, spec] of Object.entries(ROUTES)) {
      if (spec.kind === 'own') continue;
      it(`${route}: ${spec.kind === 'list' ? 'no answer holds data outside the scope' : spec.kind === 'read' ? 'an object outside the scope is 404' : 'nothing outside the scope can be changed'}`, async () => {
        if (spec.kind === 'list') {
          const seenByAdmin: string[] = [];
          for (const r of spec.requests(ctx)) seenByAdmin.push(answerText(await send('admin', r)));
          // and no answer or file holds a full ID number (student, member or teacher) unless asked for in full (the presenter)
          spec.requests(ctx).forEach((r, i) => {
            if (!/[?&]full=(1|true)/.test(r.url)) expect(fullIdsIn(seenByAdmin[i]), `admin ${r.method} ${r.url}: a full ID number`).toEqual([]);
          });
          // the requests find the markers when asked by the administrator: the search below is no empty one
          for (const key of (Object.keys(PARTIES) as PartyKey[]).filter((k) => !spec.absent?.parties.includes(k))) {
            const all = [...markers(PARTIES[key], ctx.ref, ctx, key), ...COUNTY_MARKERS[PARTIES[key].county]];
            expect(all.some((m) => seenByAdmin.some((b) => b.includes(m))), `${route}: the administrator sees something of ${key}`).toBe(true);
          }
          for (const [actor, outside] of Object.entries(ACTORS)) {
            for (const r of spec.requests(ctx)) {
              const res = await send(actor, r);
              expect([200, 403, 404], `${actor} ${r.url}: ${res.body}`).toContain(res.statusCode);
              if (res.statusCode !== 200) continue;
              const body = answerText(res);
              if (!/[?&]full=(1|true)/.test(r.url)) expect(fullIdsIn(body), `${actor} ${r.method} ${r.url}: a full ID number`).toEqual([]);
              for (const key of outside) {
                if (ALLOWED.some((a) => a.actor === actor && a.route === route && a.party === key)) continue;
                const leaked = [...markers(PARTIES[key], ctx.ref, ctx, key), ...countyMarkers(key, outside)].filter((m) => body.includes(m));
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
        if (spec.kind === 'scopeWide') {
          let changes = 0;
          for (const [actor, outside] of Object.entries(ACTORS)) {
            for (const r of spec.requests(ctx, actor)) {
              const before = await snapshot(t);
              const res = await send(actor, r);
              expect(res.statusCode, `${actor} ${r.method} ${r.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
              await jobDone(res);
              const after = await snapshot(t);
              const was = new Set(before.split('\n'));
              const is = new Set(after.split('\n'));
              const changed = [...after.split('\n').filter((l) => !was.has(l)), ...before.split('\n').filter((l) => !is.has(l))];
              if (changed.some((l) => !l.includes('"action":'))) changes++;
              for (const key of outside) {
                const all = [...markers(PARTIES[key], ctx.ref, ctx, key), ...countyMarkers(key, outside)];
                expect(changed.filter((l) => all.some((m) => l.includes(m))), `${actor} ${r.method} ${r.url} changed rows of ${key}`).toEqual([]);
              }
              await spec.reset?.(t.database.db);
            }
          }
          expect(changes, 'some actor changed something in its own scope').toBeGreaterThan(0);
          return;
        }
        if (spec.kind === 'read') {
          // what the administrator reads of every party's object holds no full ID number unless asked for in full
          for (const key of Object.keys(PARTIES) as PartyKey[]) {
            for (const r of spec.requests(ctx, key)) {
              const res = await send('admin', r);
              if (res.statusCode === 200 && !/[?&]full=(1|true)/.test(r.url)) expect(fullIdsIn(answerText(res)), `admin ${r.method} ${r.url}: a full ID number`).toEqual([]);
            }
          }
        }
        let probes = 0;
        for (const [actor, outside] of Object.entries(ACTORS)) {
          for (const key of outside) {
            if (ALLOWED.some((a) => a.actor === actor && a.route === route && a.party === key)) continue;
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
