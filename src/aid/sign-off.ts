// Use cases of 审核甄别上报 → 核准: a school verifies its students' entitlements of a term and submits
// them; the county approves them, or returns them with a reason; each step is kept with who and
// when, and audited. Once a term uses sign-off, a batch goes to 公示 only with every school approved.
import type { Database } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { FuzhiError, notFound } from '../kernel/errors.ts';
import { fenToYuan } from '../kernel/money.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { nextSubmissionStatus, schoolsNotApproved, type SubmissionStatus, type SubmissionStep } from './submission.rules.ts';
import { entitledBySchool, findSubmission, insertStep, saveSubmission, schoolsOfBatch, stepsOf, submissionsOfTerm } from './submission.repository.ts';

export interface Term {
  schoolYear: number;
  term: string;
}

const idOf = (t: Term, school: string) => `${t.schoolYear}|${t.term}|${school}`;

/** A school's list of a term as the sign-off table shows it. */
export type SubmissionView = Awaited<ReturnType<typeof listSubmissions>>[number];

/** The schools of the actor's scope with their figures and where their list stands. */
export async function listSubmissions(database: Database, actor: Actor, t: Term) {
  const db = database.db;
  const figures = await entitledBySchool(db, t.schoolYear, t.term, scopeOf(actor));
  const byId = new Map((await submissionsOfTerm(db, t.schoolYear, t.term)).map((s) => [s.id, s]));
  const steps = await stepsOf(db, figures.map((f) => idOf(t, f.school_code)));
  return figures.map((f) => {
    const s = byId.get(idOf(t, f.school_code));
    return {
      schoolCode: f.school_code,
      schoolName: f.school_name,
      students: Number(f.students),
      amount: fenToYuan(Number(f.fen ?? 0)),
      status: (s?.status ?? '未上报') as SubmissionStatus,
      submittedBy: s?.submitted_by ?? null,
      submittedAt: s?.submitted_at ?? null,
      decidedBy: s?.decided_by ?? null,
      decidedAt: s?.decided_at ?? null,
      reason: s?.reason ?? null,
      note: s?.note ?? null,
      steps: steps.filter((x) => x.submission_id === idOf(t, f.school_code)).map((x) => ({ step: x.step, status: x.status, text: x.text, actor: x.actor, at: x.at })),
    };
  });
}

/** One step on a school's list: submit (the school), approve or return (the county). */
export async function stepSubmission(database: Database, actor: Actor, t: Term & { schoolCode: string; step: SubmissionStep; text: string | null }) {
  const db = database.db;
  // the school must lie in the actor's scope and have entitlements this term
  const figures = (await entitledBySchool(db, t.schoolYear, t.term, scopeOf(actor))).find((f) => f.school_code === t.schoolCode);
  if (!figures) throw notFound('该学校不在您的范围内，或本学期没有应享资助', 'no such school with entitlements in your scope this term');
  return db.transaction().execute(async (trx) => {
    const id = idOf(t, t.schoolCode);
    const old = await findSubmission(trx, id);
    const status = nextSubmissionStatus((old?.status ?? '未上报') as SubmissionStatus, t.step, t.text);
    const at = nowIso();
    const submit = t.step === 'submit';
    await saveSubmission(
      trx,
      {
        id,
        school_year: t.schoolYear,
        term: t.term,
        school_code: t.schoolCode,
        county_code: figures.county_code,
        status,
        students: submit ? Number(figures.students) : (old?.students ?? Number(figures.students)),
        amount_fen: submit ? Number(figures.fen ?? 0) : (old?.amount_fen ?? Number(figures.fen ?? 0)),
        note: submit ? t.text : (old?.note ?? null),
        submitted_by: submit ? actor.username : (old?.submitted_by ?? null),
        submitted_at: submit ? at : (old?.submitted_at ?? null),
        decided_by: submit ? null : actor.username,
        decided_at: submit ? null : at,
        reason: t.step === 'return' ? t.text : null,
      },
      old !== undefined,
    );
    await insertStep(trx, { submission_id: id, county_code: figures.county_code, step: t.step, status, text: t.text, actor: actor.username, at });
    await recordAudit(trx, { actor: actor.username, action: `aid.submission.${t.step}`, target: `${t.schoolYear}${t.term} ${t.schoolCode}`, countyCode: figures.county_code, detail: { status, text: t.text } });
    return { ok: true as const, schoolCode: t.schoolCode, status };
  });
}

/** Refuses a batch's first 公示 while a school of it has no approved list (once the term uses sign-off). */
export async function checkSignedOff(database: Database, batch: { id: number; school_year: number; term: string }): Promise<void> {
  const approvals = new Map((await submissionsOfTerm(database.db, batch.school_year, batch.term)).map((s) => [s.school_code, s.status as SubmissionStatus]));
  const missing = schoolsNotApproved(await schoolsOfBatch(database.db, batch.id), approvals);
  if (missing.length > 0) {
    throw new FuzhiError(
      'AID_NOT_SIGNED_OFF',
      `批次 ${batch.id} 还有 ${missing.length} 所学校的名单未经县级核准（如 ${missing.slice(0, 3).join('、')}），不能公示`,
      `batch ${batch.id}: ${missing.length} schools' lists are not approved by the county yet`,
      { status: 409 },
    );
  }
}
