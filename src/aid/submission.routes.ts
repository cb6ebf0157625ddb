// 审核甄别上报 → 核准 in the console: GET /api/aid/submissions (the schools of the scope and where their
// lists stand), POST /api/aid/submissions/submit (a school), POST /api/aid/submissions/:school/approve
// and /return (the county, a return with its reason).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { optionalText, PageQuery } from '../platform/api.schema.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { by, pageRows } from '../platform/list-memory.ts';
import { sortParam } from '../platform/list-sort.ts';
import { authorize } from '../platform/policy.ts';
import { listSubmissions, stepSubmission, type SubmissionView } from './sign-off.ts';
import { SUBMISSION_STATUSES } from './submission.rules.ts';

const TermQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100), term: z.enum(['秋季', '春季']) });
/** Columns the sign-off list sorts by; by school code when none is asked. */
export const SUBMISSION_SORTS = ['school', 'status', 'updated', 'students', 'amount'] as const;
/** The sign-off list: the term, a status, a school (code, or part of its name), sort and page. */
export const SubmissionListQuery = PageQuery.extend({
  schoolYear: TermQuery.shape.schoolYear,
  term: TermQuery.shape.term,
  status: z.enum(SUBMISSION_STATUSES).optional(),
  school: optionalText(40),
  sort: sortParam(SUBMISSION_SORTS),
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;
const SubmitBody = TermQuery.extend({ note: optionalText(300), schoolCode: optionalText(10) });
const DecideBody = TermQuery.extend({ reason: optionalText(300) });
const SchoolParams = z.object({ schoolCode: z.string().regex(/^\d{10}$/), step: z.enum(['approve', 'return']) });

/** When a list last moved: its latest step (decision or submission), null before any. */
const updatedOf = (s: SubmissionView) => s.steps.at(-1)?.at ?? s.decidedAt ?? s.submittedAt;

/** 审核上报.xlsx: one line per school, as the table shows it. */
const SUBMISSION_EXPORT: ListSpec<SubmissionView> = {
  name: '审核上报',
  columns: [
    { header: '学校标识码', value: (s) => s.schoolCode, text: true },
    { header: '学校', value: (s) => s.schoolName },
    { header: '应享人数', value: (s) => s.students },
    { header: '金额（元）', value: (s) => s.amount },
    { header: '状态', value: (s) => s.status },
    { header: '上报人', value: (s) => s.submittedBy },
    { header: '上报时间', value: (s) => s.submittedAt, text: true },
    { header: '核准/退回人', value: (s) => s.decidedBy },
    { header: '核准/退回时间', value: (s) => s.decidedAt, text: true },
    { header: '退回原因', value: (s) => s.reason },
    { header: '上报说明', value: (s) => s.note },
  ],
};

export function submissionRoutes(app: FastifyInstance, database: Database): void {
  app.get('/api/aid/submissions', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const list = async (q: SubmissionListQuery) => {
      // a county has at most a few hundred schools: their figures are grouped in SQL, then filtered and paged here
      const school = q.school?.toLowerCase();
      const rows = (await listSubmissions(database, actor, q)).filter(
        (s) => (!q.status || s.status === q.status) && (!school || s.schoolCode.startsWith(school) || s.schoolName.toLowerCase().includes(school)),
      );
      return pageRows(rows, q, { school: by((s) => s.schoolCode), status: by((s) => SUBMISSION_STATUSES.indexOf(s.status)), updated: by(updatedOf), students: by((s) => s.students), amount: by((s) => s.amount) }, { fallback: 'school', tie: by((s) => s.schoolCode) });
    };
    return answerList(request, reply, database.db, SubmissionListQuery.parse(request.query), list, SUBMISSION_EXPORT);
  });

  app.post('/api/aid/submissions/submit', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.submit');
    const b = SubmitBody.parse(request.body);
    // a school submits its own list (naming another school is refused, never turned into its own);
    // an administrator may act for a named school
    if (actor.role === 'school' && b.schoolCode && b.schoolCode !== actor.schoolCode) {
      throw notFound('该学校不在您的范围内', 'no such school within your scope');
    }
    const schoolCode = actor.role === 'school' ? actor.schoolCode : b.schoolCode;
    if (!schoolCode) throw usageError('请指定学校（schoolCode）', 'name the school (schoolCode)');
    return stepSubmission(database, actor, { schoolYear: b.schoolYear, term: b.term, schoolCode, step: 'submit', text: b.note ?? null });
  });

  app.post('/api/aid/submissions/:schoolCode/:step', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { schoolCode, step } = SchoolParams.parse(request.params);
    const b = DecideBody.parse(request.body);
    return stepSubmission(database, actor, { schoolYear: b.schoolYear, term: b.term, schoolCode, step, text: b.reason ?? null });
  });
}
