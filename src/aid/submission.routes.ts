// 审核甄别上报 → 核准 in the console: GET /api/aid/submissions (the schools of the scope and where their
// lists stand), POST /api/aid/submissions/submit (a school), POST /api/aid/submissions/:school/approve
// and /return (the county, a return with its reason).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { optionalText } from '../platform/api.schema.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { listSubmissions, stepSubmission } from './sign-off.ts';

const TermQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100), term: z.enum(['秋季', '春季']) });
const SubmitBody = TermQuery.extend({ note: optionalText(300), schoolCode: optionalText(10) });
const DecideBody = TermQuery.extend({ reason: optionalText(300) });
const SchoolParams = z.object({ schoolCode: z.string().regex(/^\d{10}$/), step: z.enum(['approve', 'return']) });

export function submissionRoutes(app: FastifyInstance, database: Database): void {
  app.get('/api/aid/submissions', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    return { items: await listSubmissions(database, actor, TermQuery.parse(request.query)) };
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
