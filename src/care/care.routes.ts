// GET /api/care/children: a teacher the children assigned to them, a school its children, a
// region its schools' children; the 学籍号 masked unless the role reads full details (audited).
// GET /api/care/children/:id and POST /api/care/children/:id/visits: one child and the visits a
// teacher logs; `id` is an opaque reference (opaque-ref.ts), never the 学籍号; outside scope → 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { openRef, sealRef } from '../platform/opaque-ref.ts';
import { authorize } from '../platform/policy.ts';
import { fullViewer, present, presentText, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { STUDENT_REF } from '../registry/student.service.ts';
import { logVisit } from './care-steps.ts';
import { termOf, visitWindow } from './care.rules.ts';
import { findCareChildInScope, listCareChildren, visitsOf, type CareScope } from './care.repository.ts';
import { CareListQuery, CareParams, CareVisitBody, type CareChildDetail, type CareItem, type CareList, type CareVisitAnswer } from './care.schema.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { presentCareChild } from './export-care.ts';

function careScopeOf(actor: Actor): CareScope {
  return actor.role === 'teacher' ? { kind: 'mentor', username: actor.username } : scopeOf(actor);
}

/** The child behind the reference, within the user's scope; anything else is the same 404. */
async function childOf(db: Kysely<DB>, request: FastifyRequest, actor: Actor) {
  const { id } = CareParams.parse(request.params);
  const studentNo = openRef(refKeyOf(request), STUDENT_REF, id);
  const child = studentNo ? await findCareChildInScope(db, careScopeOf(actor), studentNo) : undefined;
  if (!child) throw notFound('关爱对象不存在或不在您的帮扶范围内', 'no such cared child within your scope');
  return { id, child };
}

/** 关爱对象.xlsx: 学籍号 masked unless asked in full (?full=1, authorised and audited). */
const CARE_EXPORT: ListSpec<CareItem> = {
  name: '关爱对象',
  fields: ['studentNo'],
  columns: [
    { header: '姓名', value: (c) => c.name },
    { header: '学籍号', value: (c) => c.studentNo, text: true },
    { header: '学校代码', value: (c) => c.schoolCode, text: true },
    { header: '类别', value: (c) => c.categories.join('、') },
    { header: '帮扶教师', value: (c) => c.mentor ?? '未结对' },
    { header: '本学期走访次数', value: (c) => c.visitsThisTerm },
  ],
};

export function careRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  app.get('/api/care/children', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'care.read');
    return answerList(request, reply, db, CareListQuery.parse(request.query), (q) => careList(request, actor, q), CARE_EXPORT);
  });

  const careList = async (request: FastifyRequest, actor: ReturnType<typeof actorOf>, q: CareListQuery): Promise<CareList> => {
    const { schoolYear, term } = termOf(today());
    const { rows, total } = await listCareChildren(db, careScopeOf(actor), visitWindow(schoolYear, term), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, q);
    // masked, unless the user asks for full details (?full=1): authorised and audited first
    const v = q.full === '1' ? await fullViewer(db, actor, { fields: ['studentNo'], action: 'care.read-full', target: `/api/care/children page ${q.page}`, regions: [actor.regionCode] }) : viewerOf(actor);
    const key = refKeyOf(request);
    return {
      items: rows.map((r) => {
        const { lastVisit: _l, ...item } = presentCareChild(r, v);
        return { id: sealRef(key, STUDENT_REF, r.student_no), ...item };
      }),
      total,
    };
  };

  app.get('/api/care/children/:id', async (request): Promise<CareChildDetail> => {
    const actor = actorOf(request);
    authorize(actor, 'care.read');
    const { id, child } = await childOf(db, request, actor);
    const v = viewerOf(actor);
    const visits = await visitsOf(db, child.student_no);
    const window = visitWindow(termOf(today()).schoolYear, termOf(today()).term);
    return {
      id,
      studentNo: present(v, 'studentNo', child.student_no) ?? '',
      name: child.name,
      schoolCode: child.school_code,
      schoolName: child.school_name ?? null,
      categories: child.categories.split('、').filter(Boolean),
      mentor: child.mentor ?? null,
      mentorKind: child.mentor_kind ?? null,
      parentsWorkPlace: child.parents_work_place,
      guardianName: child.guardian_name,
      guardianRelation: child.guardian_relation,
      guardianPhone: present(v, 'phone', child.guardian_phone),
      health: child.health,
      boarding: child.boarding === null ? null : child.boarding === 1,
      visitsThisTerm: visits.filter((x) => x.visit_date >= window.start && x.visit_date <= window.end).length,
      lastVisit: visits[0]?.visit_date ?? null,
      // notes are free text: an ID number typed in one is masked
      visits: visits.map((x) => ({ date: x.visit_date, kind: x.kind, by: x.by_user, note: presentText(x.note) })),
    };
  });

  app.post('/api/care/children/:id/visits', async (request): Promise<CareVisitAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'care.visit');
    const body = CareVisitBody.parse(request.body ?? {});
    const { child } = await childOf(db, request, actor);
    // a teacher logs their own visit; a school or county user names the teacher (default: the mentor)
    const by = actor.role === 'teacher' ? actor.username : (body.by || child.mentor || '');
    const r = await logVisit(database, actor, today(), child.student_no, { date: body.date, by, kind: body.kind, note: body.note });
    return { ok: true, date: r.date, kind: r.kind };
  });
}
