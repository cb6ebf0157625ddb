// Test helper: a small county written straight into the tables (two schools in 甘洛县, one in
// another county, a registry household, match pairs, one user per role). Used by route and browser tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { createTestDatabase } from '../db/test-databases.ts';
import { buildServer, type ServerOptions } from './server.ts';
import { csrfOf, SESSION_COOKIE } from './session.service.ts';
import { cliActor, type Role } from './scope.ts';
import { addUser } from './user.service.ts';

export const TEST_PASSWORD = 'mima-2025-test';
const AT = '2025-09-01T00:00:00.000Z';
const common = { row_hash: 'h', rev: 1, created_at: AT, updated_at: AT };

/** Appends the GB 11643 check digit to 17 digits. */
export function withCheckDigit(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body17.split('').reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

export const IDS = {
  zhang: withCheckDigit('51343320120305123'), // 张小明, school A, registry child (review pair)
  li: withCheckDigit('51343320110812234'), // 李小红, school B, registry child (auto pair)
  wang: withCheckDigit('52010020100101345'), // 王小军, another county
  zhao: withCheckDigit('51343320130520456'), // 赵小花, school A, no pair
};

export const SCHOOLS = { a: '5134330001', b: '5134330002', other: '5201000001' };

export async function seedPlatform(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('schools')
    .values([
      { code: SCHOOLS.a, name: '甘洛县城关小学', region_code: '513433100000', county_code: '513433', school_type: '小学', urban_rural: '镇区', ...common },
      { code: SCHOOLS.b, name: '甘洛县新市坝中学', region_code: '513433101000', county_code: '513433', school_type: '初级中学', urban_rural: '乡村', ...common },
      { code: SCHOOLS.other, name: '贵阳市南明小学', region_code: '520102000000', county_code: '520102', school_type: '小学', urban_rural: '城区', ...common },
    ])
    .execute();
  const student = (no: string, name: string, id: string, school: string, county: string, birth: string, stage: string, grade: string) => ({
    student_no: no,
    county_code: county,
    name,
    name_norm: name,
    name_key: name,
    sex: 'M',
    id_raw: id,
    id_number: id,
    id_status: 'valid',
    birth_date: birth,
    ethnicity: '彝族',
    school_code: school,
    stage,
    grade,
    boarding: 1,
    hukou_region: `${county}100201`,
    status: '在读',
    ...common,
  });
  await db
    .insertInto('students')
    .values([
      student(`G${IDS.zhang}`, '张小明', IDS.zhang, SCHOOLS.a, '513433', '2012-03-05', '小学', '六年级'),
      student(`G${IDS.zhao}`, '赵小花', IDS.zhao, SCHOOLS.a, '513433', '2013-05-20', '小学', '五年级'),
      student(`G${IDS.li}`, '李小红', IDS.li, SCHOOLS.b, '513433', '2011-08-12', '初中', '初一'),
      student(`G${IDS.wang}`, '王小军', IDS.wang, SCHOOLS.other, '520102', '2010-01-01', '小学', '六年级'),
    ])
    .execute();
  const member = (hh: string, key: string, name: string, id: string | null, birth: string, relation: string) => ({
    member_id: `建档立卡|${hh}|${key}`,
    list_kind: '建档立卡',
    household_no: hh,
    member_key: key,
    county_code: '513433',
    name,
    name_norm: name,
    name_key: name,
    id_raw: id,
    id_number: id,
    id_status: id ? 'valid' : 'missing',
    relation,
    sex: 'M',
    birth_date: birth,
    village_code: '513433100201',
    household_type: '脱贫户',
    year_identified: 2014,
    year_exited: 2019,
    ...common,
  });
  const zhangMemberId = withCheckDigit('51343320120305124').slice(0, 17) + '0'; // a one-digit typo
  await db
    .insertInto('members')
    .values([
      member('5134330010001', '1', '张大山', withCheckDigit('51343319800101111'), '1980-01-01', '户主'),
      member('5134330010001', '2', '张小明', zhangMemberId, '2012-03-05', '之子'),
      member('5134330010002', '1', '李小红', IDS.li, '2011-08-12', '之女'),
    ])
    .execute();
  const match = (studentId: string, hh: string, key: string, method: string, confidence: number, status: string, basis: string) => ({
    match_id: `G${studentId}|建档立卡|${hh}|${key}`,
    student_no: `G${studentId}`,
    member_id: `建档立卡|${hh}|${key}`,
    list_kind: '建档立卡',
    household_no: hh,
    county_code: '513433',
    method,
    confidence,
    status,
    basis,
    computed_rev: 1,
    updated_at: AT,
  });
  await db
    .insertInto('matches')
    .values([
      match(IDS.zhang, '5134330010001', '2', '身份证号近似+姓名+出生日期', 0.86, 'review', '身份证号差 1 位，姓名、出生日期相同'),
      match(IDS.li, '5134330010002', '1', '身份证号', 1, 'auto', '身份证号相同'),
    ])
    .execute();
  await seedAccounts(db, SEEDED_ACCOUNTS);
}

export interface TestAccount {
  username: string;
  role: Role;
  school?: string;
  region?: string;
}

/** The accounts seedPlatform creates, one per role (password TEST_PASSWORD). */
export const SEEDED_ACCOUNTS: readonly TestAccount[] = [
  { username: 'admin', role: 'admin' },
  { username: 'county', role: 'county', region: '513433' },
  { username: 'school-a', role: 'school', school: SCHOOLS.a },
  { username: 'school-b', role: 'school', school: SCHOOLS.b },
  { username: 'teacher-a', role: 'teacher', school: SCHOOLS.a },
  { username: 'inspector', role: 'inspector', region: '513433' },
];
export const SEEDED_USERS = SEEDED_ACCOUNTS.map((a) => a.username);

/** Adds accounts (password TEST_PASSWORD), e.g. a second teacher or a township user beside the seeded ones. */
export async function seedAccounts(db: Kysely<DB>, accounts: readonly TestAccount[]): Promise<void> {
  const admin = cliActor();
  for (const a of accounts) await addUser(db, admin, { ...a, password: TEST_PASSWORD });
}

export const REVIEW_MATCH_ID = `G${IDS.zhang}|建档立卡|5134330010001|2`;
export const AUTO_MATCH_ID = `G${IDS.li}|建档立卡|5134330010002|1`;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The server's data folder (jobs keep their files under jobs/<id>/). */
  dataDir: string;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** The headers of a state-changing request of that session: cookie and CSRF token. */
  headers(cookie: string): Record<string, string>;
  /** Logs the users in (default: every seeded one) and keeps their sessions for get and post. */
  loginAs(...usernames: string[]): Promise<void>;
  /** The Cookie header value of a user logged in with loginAs. */
  cookie(username: string): string;
  /** A GET as a user logged in with loginAs (null: without a session). */
  get(username: string | null, url: string): Promise<LightMyRequestResponse>;
  /** A POST as a user logged in with loginAs, with the session's CSRF token unless csrf is false. */
  post(username: string, url: string, payload?: object, csrf?: boolean): Promise<LightMyRequestResponse>;
  /** The body of every answer to get and post, for checks over all of them (no full ID number shown). */
  bodies: string[];
  close(): Promise<void>;
}

/** A seeded database of the dialect and a server on it (not listening: use app.inject). */
export async function startTestApp(dialect: DialectName, opts: ServerOptions = {}): Promise<TestApp> {
  const t = await createTestDatabase(dialect);
  const database = await t.open();
  await seedPlatform(database.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-jobs-'));
  const app = await buildServer(database, { webRoot: '/nonexistent', databaseOptions: t.options, dataDir, ...opts });
  const cookies = new Map<string, string>();
  const bodies: string[] = [];
  const kept = (res: LightMyRequestResponse) => {
    bodies.push(res.body);
    return res;
  };
  const self: TestApp = {
    app,
    database,
    dataDir: opts.dataDir ?? dataDir,
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
      if (!c) throw new Error('no session cookie');
      return `${c.name}=${c.value}`;
    },
    headers(cookie) {
      return { cookie, 'x-csrf-token': csrfOf(cookie.slice(cookie.indexOf('=') + 1)) };
    },
    async loginAs(...usernames) {
      for (const u of usernames.length > 0 ? usernames : SEEDED_USERS) cookies.set(u, await self.login(u));
    },
    cookie(username) {
      const c = cookies.get(username);
      if (c === undefined) throw new Error(`${username} is not logged in (loginAs)`);
      return c;
    },
    async get(username, url) {
      return kept(await app.inject({ url, headers: username === null ? {} : { cookie: self.cookie(username) } }));
    },
    async post(username, url, payload, csrf = true) {
      const headers = csrf ? self.headers(self.cookie(username)) : { cookie: self.cookie(username) };
      return kept(await app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) }));
    },
    bodies,
    async close() {
      await app.close();
      await database.close();
      await t.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
