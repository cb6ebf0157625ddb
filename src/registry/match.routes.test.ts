import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { redactIds } from '../platform/privacy.rules.ts';
import { MatchList } from './match.schema.ts';
import { MATCH_REF } from './match-list.service.ts';
import { loadRefKey, openRef } from '../platform/opaque-ref.ts';
import { AUTO_MATCH_ID, IDS, REVIEW_MATCH_ID, startTestApp, type TestApp } from '../platform/test-seed.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`match routes on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.loginAs();
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.get(user, url);
    const post = (user: string, url: string, payload?: object) => t.post(user, url, payload);
    /** The queue as a user gets it; each pair's reference is opaque (its key holds a G-form 学籍号, the ID number), opened here to compare. */
    const list = async (user: string, query = '') => {
      const l = MatchList.parse((await get(user, `/api/matches${query}`)).json());
      const key = await loadRefKey(t.database.db);
      for (const i of l.items) {
        expect(i.matchId).toMatch(/^m_[\w-]+$/);
        i.matchId = openRef(key, MATCH_REF, i.matchId)!;
      }
      return l;
    };

    it('lists both sides of each pair with masked IDs and status labels', async () => {
      const l = await list('county', '?status=review');
      expect(l.total).toBe(1);
      expect(l.counts).toEqual({ review: 1, auto: 1, confirmed: 0, rejected: 0 });
      expect(l.items[0]).toMatchObject({
        matchId: REVIEW_MATCH_ID,
        status: 'review',
        statusLabel: '待复核',
        studentName: '张小明',
        schoolName: '甘洛县城关小学',
        memberName: '张小明',
        householdNo: '5134330010001',
        householdType: '脱贫户',
        villageCode: '513433100201',
        studentBirthDate: '2012-03-05',
        memberBirthDate: '2012-03-05',
        method: '身份证号近似+姓名+出生日期',
        confidence: 0.86,
      });
      expect(l.items[0].studentIdNumber).toBe(`513433********${IDS.zhang.slice(-4)}`);
      expect(l.items[0].memberIdNumber).toMatch(/^513433\*{8}\d{3}[\dX]$/);
    });

    it.each([
      ['admin', 2],
      ['county', 2],
      ['inspector', 2],
      ['school-a', 1],
      ['school-b', 1],
    ])('%s sees %i pairs', async (user, n) => {
      expect((await list(user)).total).toBe(n);
    });

    it('refuses the queue to a teacher (403) and bad queries (400)', async () => {
      expect((await get('teacher-a', '/api/matches')).statusCode).toBe(403);
      expect((await get('admin', '/api/matches?status=maybe')).statusCode).toBe(400);
      expect((await get('admin', '/api/matches?pageSize=100000')).statusCode).toBe(400);
    });

    it('searches by either name, 学籍号 prefix or 户编号', async () => {
      expect((await list('admin', `?q=${encodeURIComponent('李小')}`)).items.map((i) => i.matchId)).toEqual([AUTO_MATCH_ID]);
      expect((await list('admin', '?q=5134330010001')).items.map((i) => i.matchId)).toEqual([REVIEW_MATCH_ID]);
    });

    it('lets only admin, county and school decide, within scope', async () => {
      const url = `/api/matches/${encodeURIComponent(REVIEW_MATCH_ID)}/confirm`;
      expect((await post('inspector', url)).statusCode).toBe(403);
      expect((await post('teacher-a', url)).statusCode).toBe(403);
      const why = { reason: '核对一致' };
      expect((await post('school-b', url, why)).statusCode).toBe(404); // another school's pair
      expect((await post('admin', `/api/matches/${encodeURIComponent('nope|x')}/confirm`, why)).statusCode).toBe(404);
      expect(await t.database.db.selectFrom('match_decisions').selectAll().execute()).toEqual([]);
    });

    it('confirms and rejects: decision stored, status moves, audit written', async () => {
      const confirmUrl = `/api/matches/${encodeURIComponent(REVIEW_MATCH_ID)}/confirm`;
      for (const body of [undefined, {}, { reason: '   ' }]) {
        const missing = await post('school-a', confirmUrl, body);
        expect(missing.statusCode).toBe(400);
        expect(missing.json().error.code).toBe('REASON_REQUIRED');
      }
      const confirm = await post('school-a', confirmUrl, { reason: '班主任核对户口簿一致' });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.json()).toMatchObject({ ok: true, matchId: REVIEW_MATCH_ID, level: 'school' });
      let l = await list('county', '?status=confirmed');
      expect(l.items.map((i) => [i.matchId, i.statusLabel, i.decidedBy, i.decidedLevel])).toEqual([[REVIEW_MATCH_ID, '人工确认', 'school-a', 'school']]);
      expect(l.counts).toMatchObject({ review: 0, confirmed: 1 });

      const rejectUrl = `/api/matches/${encodeURIComponent(AUTO_MATCH_ID)}/reject`;
      const noReason = await post('county', rejectUrl, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.code).toBe('REASON_REQUIRED');
      expect((await post('county', rejectUrl, { reason: '同名不同人，经入户核实' })).statusCode).toBe(200);
      l = await list('admin', '?status=rejected');
      expect(l.items[0]).toMatchObject({ matchId: AUTO_MATCH_ID, status: 'rejected', statusLabel: '已否决', reason: '同名不同人，经入户核实', decidedLevel: 'county' });

      // A later decision at the same level or above replaces the earlier one: one row per pair.
      expect((await post('admin', rejectUrl.replace('/reject', '/confirm'), { reason: '复核：系同一人' })).statusCode).toBe(200);
      expect(await t.database.db.selectFrom('match_decisions').select(['match_id', 'decision']).orderBy('match_id').execute()).toEqual(
        [
          { match_id: REVIEW_MATCH_ID, decision: 'confirmed' },
          { match_id: AUTO_MATCH_ID, decision: 'confirmed' },
        ].sort((a, b) => (a.match_id < b.match_id ? -1 : 1)),
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'target'])
        .where('action', 'like', 'match.%')
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        // the test seed's match ids carry the 学籍号: the audit log keeps them masked
        { actor: 'school-a', action: 'match.confirm', target: redactIds(REVIEW_MATCH_ID) },
        { actor: 'county', action: 'match.reject', target: redactIds(AUTO_MATCH_ID) },
        { actor: 'admin', action: 'match.confirm', target: redactIds(AUTO_MATCH_ID) },
      ]);
      // The student list follows: 张小明 is now 人工确认.
      const students = (await get('school-a', '/api/students?q=' + encodeURIComponent('张小明'))).json();
      expect(students.items[0].matchStatus).toBe('confirmed');
    });

    it('lets the county overturn a school, never a school the county (409, nothing changed), and keeps every decision', async () => {
      const db = t.database.db;
      const url = (id: string, step: 'confirm' | 'reject') => `/api/matches/${encodeURIComponent(id)}/${step}`;
      // the county overturns school-a's confirmation
      const overturn = await post('county', url(REVIEW_MATCH_ID, 'reject'), { reason: '入户核实：身份证号不同，系同名儿童' });
      expect(overturn.statusCode).toBe(200);
      expect(overturn.json()).toMatchObject({ level: 'county', status: '已否决' });
      const standing = await db.selectFrom('match_decisions').selectAll().where('match_id', '=', REVIEW_MATCH_ID).executeTakeFirstOrThrow();
      expect(standing).toMatchObject({ decision: 'rejected', level: 'county', actor: 'county' });
      const auditBefore = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

      // the school may neither overturn it nor re-decide it (which would lower its level)
      for (const step of ['confirm', 'reject'] as const) {
        const refused = await post('school-a', url(REVIEW_MATCH_ID, step), { reason: '学校认为是同一人' });
        expect(refused.statusCode).toBe(409);
        const err = refused.json().error;
        expect(err.code).toBe('MATCH_DECIDED_ABOVE');
        expect(err.message).toContain('县级（county）');
        expect(err.message).toContain(standing.at);
        expect(err.messageEn).toContain('by county on');
      }
      expect(await db.selectFrom('match_decisions').selectAll().where('match_id', '=', REVIEW_MATCH_ID).executeTakeFirstOrThrow()).toEqual(standing);
      const auditAfter = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
      const l = await list('school-a', `?q=${encodeURIComponent('张小明')}`);
      expect(l.items[0]).toMatchObject({ status: 'rejected', decidedBy: 'county', decidedLevel: 'county' });

      // nothing is lost: the overturned decisions stay in the history, in order
      const history = await db
        .selectFrom('match_decision_history')
        .select(['match_id', 'decision', 'level', 'reason', 'actor'])
        .orderBy('id')
        .execute();
      expect(history).toEqual([
        { match_id: REVIEW_MATCH_ID, decision: 'confirmed', level: 'school', reason: '班主任核对户口簿一致', actor: 'school-a' },
        { match_id: AUTO_MATCH_ID, decision: 'rejected', level: 'county', reason: '同名不同人，经入户核实', actor: 'county' },
        { match_id: AUTO_MATCH_ID, decision: 'confirmed', level: 'county', reason: '复核：系同一人', actor: 'admin' },
        { match_id: REVIEW_MATCH_ID, decision: 'rejected', level: 'county', reason: '入户核实：身份证号不同，系同名儿童', actor: 'county' },
      ]);
    });
    it('names each pair by an opaque reference that a decision takes back, so no 学籍号 (the ID number) travels in a URL', async () => {
      const res = await get('county', '/api/matches?q=5134330010001');
      expect(res.body).not.toContain(IDS.zhang);
      const ref = MatchList.parse(res.json()).items[0].matchId;
      expect(ref).not.toContain('|');
      const decided = await post('county', `/api/matches/${ref}/confirm`, { reason: '核对一致' });
      expect(decided.statusCode).toBe(200);
      expect(decided.json()).toMatchObject({ ok: true, matchId: ref, level: 'county' });
      expect(decided.body).not.toContain(IDS.zhang);
      expect(await t.database.db.selectFrom('match_decisions').select(['match_id', 'decision', 'actor']).where('match_id', '=', REVIEW_MATCH_ID).execute()).toEqual([{ match_id: REVIEW_MATCH_ID, decision: 'confirmed', actor: 'county' }]);
    });

  });
}
