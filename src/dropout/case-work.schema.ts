// One dropout case as the township user or school works on it (GET /api/dropout/cases/:caseNo) and
// the bodies of its steps (POST …/close|confirm|assign|visit|return). Shared with the web client.
import { z } from 'zod';
import { CLOSE_CATEGORIES, OUTCOMES } from './case.rules.ts';

export const CaseParams = z.object({ caseNo: z.string().trim().min(1).max(32) });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 年-月-日');
const text = (max: number) => z.string().trim().max(max);

export const CloseBody = z.object({ category: z.enum(CLOSE_CATEGORIES), note: text(500).min(1) });
export const ConfirmBody = z.object({ note: text(500).optional() });
export const AssignBody = z.object({ school: text(20).optional(), townshipUser: text(64).optional(), villageCadre: text(40).optional() });
export const VisitBody = z.object({ date: day, by: text(40).min(1), note: text(1000).min(1), next: text(200).optional() });
export const ReturnBody = z.object({ outcome: z.enum(OUTCOMES), date: day, school: text(20).optional() });

export const CASE_STEPS = ['close', 'confirm', 'assign', 'visit', 'return'] as const;
export type CaseStepKind = (typeof CASE_STEPS)[number];

export const CaseEvent = z.object({
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  date: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const CaseDetail = z.object({
  caseNo: z.string(),
  name: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  age: z.number().nullable(),
  hukouRegion: z.string(),
  hukouRegionName: z.string(),
  township: z.string(),
  townshipName: z.string(),
  sources: z.string(),
  basis: z.string(),
  status: z.string(),
  category: z.string(),
  responsible: z.string(),
  assignedSchool: z.string().nullable(),
  townshipUser: z.string().nullable(),
  villageCadre: z.string().nullable(),
  lastVisit: z.string(),
  outcome: z.string(),
  studentNo: z.string(),
  schoolCode: z.string(),
  /** the names of the schools the case names (its school, the assigned one, those of its history), by code */
  schoolNames: z.record(z.string(), z.string()),
  /** the steps its status allows (case.rules), for the action buttons */
  allowedSteps: z.array(z.enum(CASE_STEPS)),
  history: z.array(CaseEvent),
  visits: z.array(z.object({ date: z.string().nullable(), by: z.string(), note: z.string(), next: z.string().nullable(), actor: z.string() })),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const StepAnswer = z.object({ ok: z.literal(true), caseNo: z.string(), status: z.string() }).loose();
export type StepAnswer = z.infer<typeof StepAnswer>;
