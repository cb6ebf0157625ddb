// One presenter for personal data (issue 8): with every role, no API answer, export, audit entry
// or log line holds an ID number (a G-form 学籍号 is one) unless the role may see it and asked for
// it in full — and then the read is audited. A teacher sees no poverty status. Both dialects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor, ROLES, type Actor, type Role } from '../src/platform/scope.ts';
import { FIELD_VISIBILITY } from '../src/platform/policy.ts';
import { fullIdsIn } from '../src/platform/privacy.rules.ts';
import { csrfOf, SESSION_COOKIE } from '../src/platform/session.service.ts';
import { exportMatches, exportUnenrolled } from '../src/registry/export-lists.ts';
import { exportEntitlements } from '../src/aid/export-entitlements.ts';
import { exportSupervision } from '../src/aid/report-ledger.ts';
import { installPreset } from '../src/aid/manage-policy.ts';
import { computeEntitlements } from '../src/aid/compute-entitlements.ts';
import { loadCounty } from './aid-helpers.ts';

const PASSWORD = 'privacy-test-password';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

interface Scopes {
  region: string;
  school: string;
}

function accountOf(role: Role, s: Scopes): { username: string; role: Role; region?: string; school?: string } {
  const username = `u-${role}`;
  if (role === 'school' || role === 'teacher') return { username, role, school: s.school };
  if (role === 'admin') return { username, role };
  return { username, role, region: role === 'township' ? s.region.slice(0, 9) : s.region.slice(0, 6) };
}

const mayFull = (role: Role) => FIELD_VISIBILITY.idNumber[role] === 'onRequest';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`privacy on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let app: FastifyInstance;
    const log = new Sink();
    const cookies = new Map<Role, string>();
    let scopes: Scopes;
    let sampleStudentNo: string;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-privacy-'));

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 120, 2025);
      // a school with registry children, so that every role has something to look at
      const s = await database.db
        .selectFrom('matches as m')
        .innerJoin('students', 'students.student_no', 'm.student_no')
        .innerJoin('schools', 'schools.code', 'students.school_code')
        .select(['schools.code', 'schools.region_code', 'students.student_no'])
        .where('students.student_no', 'like', 'G%')
        .orderBy('schools.code')
        .executeTakeFirstOrThrow();
      scopes = { region: s.region_code, school: s.code };
      sampleStudentNo = s.student_no;
      for (const role of ROLES) await addUser(database.db, cliActor(), { ...accountOf(role, scopes), password: PASSWORD });
      await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
      await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
      app = await buildServer(database, { webRoot: '/nonexistent', logger: true, logStream: log });
      for (const role of ROLES) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `u-${role}`, password: PASSWORD } });
        expect(res.statusCode).toBe(200);
        const c = res.cookies.find((x) => x.name === SESSION_COOKIE)!;
        cookies.set(role, `${c.name}=${c.value}`);
      }
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
      await t?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const get = (role: Role, url: string) => app.inject({ url, headers: { cookie: cookies.get(role)! } });

    it.each(ROLES)('%s: no list or detail answer holds an ID number unless asked for in full', async (role) => {
      const list = await get(role, '/api/students?pageSize=100');
      expect(list.statusCode).toBe(200);
      expect(fullIdsIn(list.body)).toEqual([]);
      const items = list.json().items as { id: string; matchStatus: string | null }[];
      expect(items.length).toBeGreaterThan(0);
      for (const url of ['/api/matches?pageSize=100', '/api/dashboard', '/api/audit?pageSize=100', '/api/schools', '/api/me', '/api/tasks', '/api/dropout/cases?pageSize=100', '/api/care/children?pageSize=100']) {
        const res = await get(role, url);
        expect([200, 403]).toContain(res.statusCode);
        expect(fullIdsIn(res.body)).toEqual([]);
      }
      // the detail by opaque reference, and by the typed 学籍号 (which is redacted in the log)
      for (const ref of [items[0].id, sampleStudentNo]) {
        for (const url of [`/api/students/${ref}`, `/api/students/${ref}/file`]) {
          const detail = await get(role, url);
          expect([200, 404]).toContain(detail.statusCode);
          expect(fullIdsIn(detail.body)).toEqual([]);
        }
      }
      const before = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'student.read-full').executeTakeFirstOrThrow();
      const full = await get(role, `/api/students/${items[0].id}?full=1`);
      const after = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'student.read-full').executeTakeFirstOrThrow();
      if (mayFull(role)) {
        expect(full.statusCode).toBe(200);
        expect(full.json().fullId).toBe(true);
        expect(Number(after.n)).toBe(Number(before.n) + 1);
      } else {
        expect(full.statusCode).toBe(403);
        expect(fullIdsIn(full.body)).toEqual([]);
        expect(Number(after.n)).toBe(Number(before.n));
      }
    });

    it.each(ROLES)('%s: poverty status and household only where FIELD_VISIBILITY allows', async (role) => {
      const hidden = FIELD_VISIBILITY.poverty[role] === 'hidden';
      const list = (await get(role, '/api/students?pageSize=100')).json().items as { id: string; matchStatus: string | null }[];
      expect(list.every((s) => (s.matchStatus === null) === hidden)).toBe(true);
      const detail = (await get(role, `/api/students/${list[0].id}`)).json();
      if (hidden) {
        expect(detail.matches).toEqual([]);
        expect((await get(role, '/api/matches')).statusCode).toBe(403);
        expect(JSON.stringify(detail)).not.toMatch(/建档立卡|householdNo/);
      }
    });

    it.each(ROLES)('%s: exports are masked; --full only for the roles allowed, and audited', async (role) => {
      const actor: Actor = { username: `u-${role}`, role, regionCode: null, schoolCode: null };
      const outputs = [
        (full: boolean, out: string) => exportMatches(database, { out, full, actor }),
        (full: boolean, out: string) => exportUnenrolled(database, { out, full, actor, schoolYear: 2025 }),
        (full: boolean, out: string) => exportEntitlements(database, { schoolYear: 2025, term: '秋季', out, full, actor }),
        (full: boolean, out: string) => exportSupervision(database, { schoolYear: 2025, term: null, out, full, actor }),
      ];
      for (const [i, write] of outputs.entries()) {
        const masked = path.join(dir, `${role}-${i}.csv`);
        await write(false, masked);
        expect(fullIdsIn(fs.readFileSync(masked, 'utf8'))).toEqual([]);
        const fullFile = path.join(dir, `${role}-${i}-full.csv`);
        if (mayFull(role)) {
          await write(true, fullFile);
          const audited = await database.db.selectFrom('audit_log').select('action').where('actor', '=', actor.username).where('action', 'like', '%.full').execute();
          expect(audited.length).toBeGreaterThan(0);
        } else {
          await expect(write(true, fullFile)).rejects.toMatchObject({ status: 403 });
          expect(fs.existsSync(fullFile)).toBe(false);
        }
      }
      // the full entitlement list does carry the real 学籍号 (the export is not merely broken)
      if (mayFull(role)) expect(fs.readFileSync(path.join(dir, `${role}-2-full.csv`), 'utf8')).toMatch(/G\d{17}[\dX]/);
    });

    it('keeps ID numbers out of every audit entry and every log line', async () => {
      // a state-changing request with an ID in the URL, and a request that fails
      const typed = await app.inject({ method: 'POST', url: `/api/matches/${sampleStudentNo}/confirm`, headers: { cookie: cookies.get('school')!, 'x-csrf-token': csrfOf(cookies.get('school')!.split('=')[1]) }, payload: { reason: 'x' } });
      expect(typed.statusCode).toBe(404);
      expect(fullIdsIn(typed.body)).toEqual([]);
      const audit = await database.db.selectFrom('audit_log').select(['target', 'detail_json']).execute();
      expect(audit.length).toBeGreaterThan(10);
      for (const a of audit) expect(fullIdsIn(`${a.target} ${a.detail_json ?? ''}`)).toEqual([]);
      expect(log.text).toContain('/api/matches/G');
      expect(fullIdsIn(log.text)).toEqual([]);
    });
  });
}
