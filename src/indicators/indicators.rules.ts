// Indicator definitions (rules as data, validated here) and the pure formulas: enrolment rates from the
// roster and 学籍, rates, target checks and how a target and an actual value are written in a report.
import { z } from 'zod';
import { ageOn } from '../kernel/dates.ts';
import { birthDateFromId } from '../kernel/id-number.ts';
import { parseStudentNo } from '../kernel/student-no.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { INDICATOR_DATA } from './indicators.data.ts';
import { placeInScope, type DataScope } from '../platform/scope.ts';

export const COMPUTATIONS = ['preschool', 'primary', 'junior', 'senior', 'aid', 'visits', 'pairing', 'villageTraining', 'primaryQualification', 'juniorQualification', 'trainingHours', 'rotation'] as const;
export type Computation = (typeof COMPUTATIONS)[number];

export const IndicatorDefinition = z.object({
  code: z.string().regex(/^[a-z-]+$/),
  name: z.string().min(2),
  unit: z.enum(['%', '人/台']),
  numerator: z.string().min(2),
  denominator: z.string().min(2),
  source: z.string().min(2),
  compute: z.enum(COMPUTATIONS).nullable(),
  target: z.object({ op: z.enum(['>=', '<=']), value: z.number().positive(), note: z.string().optional() }),
  /** 政策依据: issuer《title》clause and the passage, readable as it stands. */
  basis: z.string().regex(/《.+》/, '依据须写明文件名《…》'),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const INDICATORS: IndicatorDefinition[] = z.array(IndicatorDefinition).parse(INDICATOR_DATA);

export function indicatorByCodeOrName(key: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.code === key || d.name === key);
}

/** Ages on 1 September of the school year (周岁): 学前 3–5, 小学 6–11, 初中 12–14, 高中阶段 15–17. */
export const AGE_WINDOWS = { preschool: [3, 5], primary: [6, 11], junior: [12, 14], senior: [15, 17] } as const;
export type AgeWindow = keyof typeof AGE_WINDOWS;

/** 在学: a 学籍 record in these statuses, at any stage (a 12-year-old still in 六年级 is in school). */
export const ENROLLED_STATUSES: readonly string[] = ['在读', '休学'];

export interface Fraction {
  numerator: number;
  denominator: number;
}

/** The ID number a 学籍 record is known by: its own, or the one inside a G-form 学籍号. */
export function studentIdOf(s: { id_number: string | null; student_no: string }): string | null {
  return s.id_number ?? parseStudentNo(s.student_no).embeddedId;
}

/**
 * A contribution to an indicator from one place: the figures of one school (region = its region
 * code), or a roster child counted where its hukou lies (school null: it belongs to no school).
 */
export interface UnitFact {
  region: string;
  school: string | null;
  numerator: number;
  denominator: number;
}

/**
 * Enrolment of roster children of an age window, child by child: in school (matched by ID number with
 * an enrolled 学籍 record) or not, counted at the child's hukou region. A roster child without a birth
 * date or usable ID is left out (its age is unknown); the 控辍保学 check lists it for verification.
 */
export function enrolmentFacts(
  roster: { id_number: string | null; birth_date: string | null; hukou_region?: string | null; county_code?: string }[],
  students: { id_number: string | null; student_no: string; status: string }[],
  schoolYear: number,
  window: AgeWindow,
): UnitFact[] {
  const enrolled = new Set<string>();
  for (const s of students) {
    const id = ENROLLED_STATUSES.includes(s.status) ? studentIdOf(s) : null;
    if (id) enrolled.add(id);
  }
  const [lo, hi] = AGE_WINDOWS[window];
  const on = schoolYearStart(schoolYear);
  const out: UnitFact[] = [];
  for (const c of roster) {
    const birth = c.birth_date ?? (c.id_number ? birthDateFromId(c.id_number) : null);
    if (!birth) continue;
    const age = ageOn(birth, on);
    if (age < lo || age > hi) continue;
    out.push({ region: c.hukou_region ?? c.county_code ?? '', school: null, numerator: c.id_number && enrolled.has(c.id_number) ? 1 : 0, denominator: 1 });
  }
  return out;
}

/** Enrolment of roster children of an age window: how many of them are in school out of all of them. */
export function enrolment(
  roster: { id_number: string | null; birth_date: string | null }[],
  students: { id_number: string | null; student_no: string; status: string }[],
  schoolYear: number,
  window: AgeWindow,
): Fraction {
  return sumOf(enrolmentFacts(roster, students, schoolYear, window));
}

export function sumOf(facts: readonly Fraction[]): Fraction {
  return facts.reduce((a, f) => ({ numerator: a.numerator + f.numerator, denominator: a.denominator + f.denominator }), { numerator: 0, denominator: 0 });
}

/** Whether a place's figures lie in a data scope: a school user sees its school's, a region user its region's. */
export function unitInScope(u: Pick<UnitFact, 'region' | 'school'>, scope: DataScope): boolean {
  return placeInScope(scope, u.school, u.region);
}

export type BreakdownLevel = 'township' | 'school';

/** The township (9 digits) or school a place's figures are shown under; null where it has none. */
export function unitKey(u: Pick<UnitFact, 'region' | 'school'>, level: BreakdownLevel): string | null {
  if (level === 'school') return u.school;
  return u.region.length >= 9 ? u.region.slice(0, 9) : null;
}

/** Figures added up per township or school, in code order. */
export function breakdownOf(facts: readonly UnitFact[], level: BreakdownLevel): { key: string; fraction: Fraction }[] {
  const by = new Map<string, Fraction>();
  for (const f of facts) {
    const key = unitKey(f, level);
    if (key === null) continue;
    const a = by.get(key) ?? { numerator: 0, denominator: 0 };
    by.set(key, { numerator: a.numerator + f.numerator, denominator: a.denominator + f.denominator });
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([key, fraction]) => ({ key, fraction }));
}

/** A percentage to one decimal, or null without a denominator. */
export function percentOf(f: Fraction): number | null {
  return f.denominator === 0 ? null : Math.round((f.numerator * 1000) / f.denominator) / 10;
}

export type Verdict = '是' | '否' | '无数据' | '未填报';

export function meetsTarget(d: Pick<IndicatorDefinition, 'target'>, actual: number | null): boolean | null {
  if (actual === null) return null;
  return d.target.op === '>=' ? actual >= d.target.value : actual <= d.target.value;
}

export function verdictOf(d: IndicatorDefinition, actual: number | null): Verdict {
  const m = meetsTarget(d, actual);
  if (m === null) return d.compute === null ? '未填报' : '无数据';
  return m ? '是' : '否';
}

export function targetText(d: Pick<IndicatorDefinition, 'target' | 'unit'>, withNote = true): string {
  const op = d.target.op === '>=' ? '≥' : '≤';
  const note = d.target.note && withNote ? `（${d.target.note}）` : '';
  return `${op}${d.target.value}${d.unit === '%' ? '%' : ` ${d.unit}`}${note}`;
}

export function actualText(d: Pick<IndicatorDefinition, 'unit'>, actual: number | null): string {
  if (actual === null) return '';
  return d.unit === '%' ? `${actual.toFixed(1)}%` : `${actual} ${d.unit}`;
}

export function caliberText(d: Pick<IndicatorDefinition, 'numerator' | 'denominator'>): string {
  return `${d.numerator} ÷ ${d.denominator}`;
}

/** An entered value must be a number in range: a percentage 0–100, a ratio above 0. */
export function checkEnteredValue(d: IndicatorDefinition, value: number): string | null {
  if (!Number.isFinite(value)) return '不是数字';
  if (d.unit === '%' && (value < 0 || value > 100)) return '百分比应在 0–100 之间';
  if (d.unit !== '%' && value <= 0) return '比值应大于 0';
  return null;
}
