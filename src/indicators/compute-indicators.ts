// Use cases "indicators set" (a value entered with evidence, who and when) and the computation of
// every indicator of a school year: from data where it exists (roster × 学籍, aid, care, teachers,
// pairings — each through its capability's use case), otherwise the latest entered value.
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { termDates } from '../kernel/school-year.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { coverageFigures } from '../aid/report-coverage.ts';
import { careCoverage } from '../care/export-care.ts';
import { pairingFacts } from '../schools/pairing-steps.ts';
import { teacherIndicatorFacts } from '../schools/teacher-steps.ts';
import { rotationFacts } from '../schools/teacher-moves.ts';
import { countiesOfSchools, enrolmentInputs, insertIndicatorValue, latestIndicatorValues } from './indicators.repository.ts';
import { checkEnteredValue, enrolment, ENROLLED_STATUSES, INDICATORS, indicatorByCodeOrName, percentOf, verdictOf, type Computation, type Fraction, type IndicatorDefinition, type Verdict } from './indicators.rules.ts';

export async function setIndicator(database: Database, actor: Actor, o: { indicator: string; value: string; evidence: string; schoolYear: number; county?: string }) {
  const d = indicatorByCodeOrName(o.indicator);
  if (!d) throw usageError(`没有指标“${o.indicator}”；可用：${INDICATORS.map((x) => x.code).join('、')}`, `no indicator "${o.indicator}"`);
  if (d.compute !== null) {
    throw new FuzhiError('INDICATOR_COMPUTED', `“${d.name}”由数据计算（${d.source}），不能人工填报`, `"${d.code}" is computed from data and cannot be entered`);
  }
  const value = Number(String(o.value).replace(/[%％]$/, ''));
  const bad = checkEnteredValue(d, value);
  if (bad) throw usageError(`--value ${o.value}：${bad}`, `--value ${o.value}: not a valid value for ${d.code}`);
  if (o.evidence.trim().length < 2) throw usageError('--evidence 须写明证据（文件、统计表或来源）', '--evidence must name the evidence');
  const counties = await countiesOfSchools(database.db);
  const county = o.county ?? (counties.length === 1 ? counties[0] : '000000');
  const at = nowIso();
  const id = await database.db.transaction().execute(async (trx) => {
    const vid = await insertIndicatorValue(trx, { county_code: county, indicator: d.code, school_year: o.schoolYear, value, evidence: o.evidence.trim(), actor: actor.username, at });
    await recordAudit(trx, { actor: actor.username, action: 'indicator.set', target: d.code, regions: [county], detail: { schoolYear: o.schoolYear, value, evidence: o.evidence.trim() } });
    return vid;
  });
  return { ok: true, id, indicator: d.code, name: d.name, schoolYear: o.schoolYear, value, by: actor.username, at };
}

export interface IndicatorResult {
  def: IndicatorDefinition;
  fraction: Fraction | null;
  actual: number | null;
  verdict: Verdict;
  /** 数据来源 as the report prints it: the data, or the entry with its evidence, who and when. */
  dataSource: string;
}

async function computedFractions(database: Database, schoolYear: number, actor: Actor, today: string): Promise<Record<Computation, Fraction>> {
  const { roster, students } = await enrolmentInputs(database.db);
  const senior = students.filter((s) => (s.stage === '高中' || s.stage === '中职') && ENROLLED_STATUSES.includes(s.status)).length;
  const aid = { numerator: 0, denominator: 0 };
  const visits = { numerator: 0, denominator: 0 };
  // a term counts once it has begun: the spring term is not 0% covered in October
  for (const term of (['秋季', '春季'] as const).filter((x) => termDates(schoolYear, x).start <= today)) {
    const c = await coverageFigures(database, { schoolYear, term, scope: scopeOf(actor) });
    aid.numerator += c.paid;
    aid.denominator += c.entitled;
    const v = await careCoverage(database, { schoolYear, term, actor });
    visits.numerator += v.visited;
    visits.denominator += v.children;
  }
  const t = await teacherIndicatorFacts(database, schoolYear);
  const { rate } = await pairingFacts(database, schoolYear, today);
  return {
    preschool: enrolment(roster, students, schoolYear, 'preschool'),
    primary: enrolment(roster, students, schoolYear, 'primary'),
    junior: enrolment(roster, students, schoolYear, 'junior'),
    senior: { numerator: senior, denominator: enrolment(roster, students, schoolYear, 'senior').denominator },
    aid,
    visits,
    pairing: rate,
    rotation: await rotationFacts(database, schoolYear),
    ...t,
  };
}

export async function computeIndicators(database: Database, o: { schoolYear: number; actor: Actor; today: string }): Promise<IndicatorResult[]> {
  const fractions = await computedFractions(database, o.schoolYear, o.actor, o.today);
  const entered = await latestIndicatorValues(database.db, o.schoolYear);
  return INDICATORS.map((def) => {
    if (def.compute !== null) {
      const fraction = fractions[def.compute];
      const actual = percentOf(fraction);
      return { def, fraction, actual, verdict: verdictOf(def, actual), dataSource: `${def.source}（${fraction.numerator}/${fraction.denominator}）` };
    }
    const e = entered.get(def.code);
    const actual = e ? e.value : null;
    const dataSource = e ? `人工填报：${e.evidence}（${e.actor}，${e.at.slice(0, 10)}）` : `${def.source}：本学年尚未填报`;
    return { def, fraction: null, actual, verdict: verdictOf(def, actual), dataSource };
  });
}
