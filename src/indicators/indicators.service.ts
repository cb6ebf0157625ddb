// The indicators as the console reads them (目标考核): every indicator of a school year within the
// caller's data scope, its breakdown by township or school, its trend by term and school year, and
// a value entered with evidence. The computed figures are gathered place by place (a school, or a
// roster child at its hukou region) from each capability's use case, then added up within the scope,
// so that a county sees what `report indicators` prints and a township only its own places.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { checkAttachment } from '../files/attachments.ts';
import { nowIso } from '../kernel/clock.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { termDates, type Term } from '../kernel/school-year.ts';
import { conflict, inputError, notFound, usageError } from '../kernel/errors.ts';
import { scopeOf, type Actor, type DataScope } from '../platform/scope.ts';
import { coverageBySchool } from '../aid/report-coverage.ts';
import { careCoverage } from '../care/export-care.ts';
import { pairingBySchool } from '../schools/pairing-steps.ts';
import { teacherIndicatorFactsBySchool } from '../schools/teacher-steps.ts';
import { rotationBySchool } from '../schools/teacher-moves.ts';
import { setIndicator } from './compute-indicators.ts';
import { enrolmentInputs, enteredValues, evidenceFile, evidenceList, indicatorValueById, insertEvidence, places, type Evidence, type IndicatorValue } from './indicators.repository.ts';
import {
  actualText, breakdownOf, caliberText, ENROLLED_STATUSES, enrolmentFacts, INDICATORS, meetsTarget, percentOf, sumOf, targetText, unitInScope, verdictOf,
  type BreakdownLevel, type Computation, type Fraction, type IndicatorDefinition, type UnitFact,
} from './indicators.rules.ts';
import type { BreakdownRow, IndicatorItem, IndicatorTrend } from './indicators.schema.ts';

const TERMS: readonly Term[] = ['秋季', '春季'];
/** The administrator's view of every capability: the figures are gathered whole, then scoped here. */
const GATHERER: Actor = { username: 'indicators', role: 'admin', regionCode: null, schoolCode: null };

/** Place-by-place figures of one computation; term-based ones (aid, visits) carry the term. */
type TermFact = UnitFact & { term: Term | null };
type Facts = Record<Computation, TermFact[]>;

function termsBegun(schoolYear: number, today: string): Term[] {
  // a term counts once it has begun: the spring term is not 0% covered in October
  return TERMS.filter((t) => termDates(schoolYear, t).start <= today);
}

async function gatherFacts(database: Database, schoolYear: number, today: string): Promise<Facts> {
  const { schools } = await places(database.db);
  const at = (school: string) => ({ region: schools.get(school)?.region ?? '', school });
  const { roster, students } = await enrolmentInputs(database.db);
  const window = (w: 'preschool' | 'primary' | 'junior' | 'senior') => enrolmentFacts(roster, students, schoolYear, w).map((f) => ({ ...f, term: null }));
  const senior: TermFact[] = [
    ...students.filter((s) => (s.stage === '高中' || s.stage === '中职') && ENROLLED_STATUSES.includes(s.status)).map((s) => ({ ...at(s.school_code), numerator: 1, denominator: 0, term: null })),
    ...window('senior').map((f) => ({ ...f, numerator: 0 })),
  ];
  const aid: TermFact[] = [];
  const visits: TermFact[] = [];
  for (const term of termsBegun(schoolYear, today)) {
    for (const [school, c] of await coverageBySchool(database, { schoolYear, term })) aid.push({ ...at(school), numerator: c.paid, denominator: c.entitled, term });
    for (const l of (await careCoverage(database, { schoolYear, term, actor: GATHERER })).lines) visits.push({ ...at(l.schoolCode), numerator: l.visited, denominator: l.children, term });
  }
  const teachers = [...(await teacherIndicatorFactsBySchool(database, schoolYear))];
  const teacher = (k: 'primaryQualification' | 'juniorQualification' | 'villageTraining' | 'trainingHours') => teachers.map(([school, f]) => ({ ...at(school), ...f[k], term: null }));
  return {
    preschool: window('preschool'),
    primary: window('primary'),
    junior: window('junior'),
    senior,
    aid,
    visits,
    pairing: [...(await pairingBySchool(database, schoolYear, today))].map(([school, f]) => ({ ...at(school), ...f, term: null })),
    rotation: (await rotationBySchool(database, schoolYear)).map((l) => ({ ...at(l.school), numerator: l.rotated, denominator: l.eligible, term: null })),
    primaryQualification: teacher('primaryQualification'),
    juniorQualification: teacher('juniorQualification'),
    villageTraining: teacher('villageTraining'),
    trainingHours: teacher('trainingHours'),
  };
}

/** The counties whose entered values a scope sees: those it lies in or covers. */
export async function countiesOf(database: Database, scope: DataScope): Promise<string[] | undefined> {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return [];
  const { schools } = await places(database.db);
  const counties = new Set<string>();
  for (const [code, s] of schools) {
    if (scope.kind === 'school' ? code === scope.schoolCode : s.region.startsWith(scope.prefix) || scope.prefix.startsWith(s.county)) counties.add(s.county);
  }
  return [...counties];
}

/** The latest entry of each indicator per school year (a county enters its own; a city sees the latest of its counties). */
function latestBy(entries: IndicatorValue[]): Map<string, IndicatorValue> {
  const out = new Map<string, IndicatorValue>();
  for (const e of entries) out.set(`${e.indicator}|${e.school_year}`, e);
  return out;
}

export function indicatorByCode(code: string): IndicatorDefinition {
  const d = INDICATORS.find((x) => x.code === code);
  if (!d) throw notFound(`没有代码为“${code}”的指标`, `no indicator "${code}"`);
  return d;
}

function itemOf(def: IndicatorDefinition, fraction: Fraction | null, entry: IndicatorValue | undefined): IndicatorItem {
  const actual = def.compute !== null ? percentOf(fraction!) : (entry?.value ?? null);
  const dataSource =
    def.compute !== null
      ? `${def.source}（${fraction!.numerator}/${fraction!.denominator}）`
      : entry
        ? `人工填报：${entry.evidence}（${entry.actor}，${entry.at.slice(0, 10)}）`
        : `${def.source}：本学年尚未填报`;
  return {
    code: def.code,
    name: def.name,
    unit: def.unit,
    caliber: caliberText(def),
    numeratorText: def.numerator,
    denominatorText: def.denominator,
    source: def.source,
    basis: def.basis,
    target: { op: def.target.op, value: def.target.value, note: def.target.note ?? null, text: targetText(def) },
    computed: def.compute !== null,
    fraction,
    actual,
    actualText: actualText(def, actual),
    met: meetsTarget(def, actual),
    verdict: verdictOf(def, actual),
    dataSource,
    entry: entry ? { id: entry.id, value: entry.value, evidence: entry.evidence, by: entry.actor, at: entry.at } : null,
  };
}

/** Every indicator of the school year within the scope (a region narrower than the scope when asked). */
export async function indicatorsOf(database: Database, actor: Actor, o: { schoolYear: number; today: string; region?: string }): Promise<IndicatorItem[]> {
  const scope = narrowed(scopeOf(actor), o.region);
  const facts = await gatherFacts(database, o.schoolYear, o.today);
  const entries = latestBy(await enteredValues(database.db, { schoolYears: [o.schoolYear], counties: await countiesOf(database, scope) }));
  return INDICATORS.map((def) =>
    itemOf(def, def.compute !== null ? sumOf(facts[def.compute].filter((f) => unitInScope(f, scope))) : null, entries.get(`${def.code}|${o.schoolYear}`)),
  );
}

/** A region asked for inside the caller's scope; outside it, nothing (404 rather than another's figures). */
function narrowed(scope: DataScope, region: string | undefined): DataScope {
  if (!region) return scope;
  const prefix = region.replace(/(000)+$/, '').replace(/^(\d{6})0{0,3}$/, '$1');
  if (scope.kind === 'all' || (scope.kind === 'region' && prefix.startsWith(scope.prefix))) return { kind: 'region', prefix };
  if (scope.kind === 'region' && scope.prefix.startsWith(prefix)) return scope;
  throw notFound(`没有代码为 ${region} 的地区（或不在您的管辖范围内）`, `no region ${region} within your scope`);
}

/** Target versus actual per township or per school of the scope. */
export async function indicatorBreakdown(database: Database, actor: Actor, o: { code: string; level: BreakdownLevel; schoolYear: number; today: string }): Promise<BreakdownRow[]> {
  const def = indicatorByCode(o.code);
  if (def.compute === null) return [];
  const scope = scopeOf(actor);
  const facts = (await gatherFacts(database, o.schoolYear, o.today))[def.compute].filter((f) => unitInScope(f, scope));
  const { schools, regions } = await places(database.db);
  return breakdownOf(facts, o.level).map(({ key, fraction }) => {
    const actual = percentOf(fraction);
    const name = o.level === 'school' ? (schools.get(key)?.name ?? key) : (regions.get(`${key}000`) ?? `乡镇 ${key}`);
    return { code: key, name, target: def.target.value, targetText: targetText(def, false), actual, actualText: actualText(def, actual), numerator: fraction.numerator, denominator: fraction.denominator, met: meetsTarget(def, actual) };
  });
}

/** The actual value by term (资助, 走访) or by school year (the rest), over the last `years` school years. */
export async function indicatorTrend(database: Database, actor: Actor, o: { code: string; schoolYear: number; today: string; years: number }): Promise<IndicatorTrend> {
  const def = indicatorByCode(o.code);
  const scope = scopeOf(actor);
  const years = Array.from({ length: o.years }, (_, i) => o.schoolYear - o.years + 1 + i);
  const points: IndicatorTrend['points'] = [];
  if (def.compute === null) {
    const entries = latestBy(await enteredValues(database.db, { schoolYears: years, counties: await countiesOf(database, scope) }));
    for (const y of years) points.push({ period: `${y}学年`, schoolYear: y, term: null, actual: entries.get(`${def.code}|${y}`)?.value ?? null });
  } else {
    for (const y of years) {
      const facts = (await gatherFacts(database, y, o.today))[def.compute].filter((f) => unitInScope(f, scope));
      if (def.compute === 'aid' || def.compute === 'visits') {
        for (const t of termsBegun(y, o.today)) points.push({ period: `${y}学年${t}`, schoolYear: y, term: t, actual: percentOf(sumOf(facts.filter((f) => f.term === t))) });
      } else points.push({ period: `${y}学年`, schoolYear: y, term: null, actual: percentOf(sumOf(facts)) });
    }
  }
  return { code: def.code, name: def.name, unit: def.unit, target: def.target.value, points };
}

/** A county enters a value of an indicator the data does not give (409 for a computed one); audited by setIndicator. */
export async function enterIndicatorValue(database: Database, actor: Actor, o: { code: string; schoolYear: number; value: number; evidence: string }) {
  const def = indicatorByCode(o.code);
  if (def.compute !== null) {
    throw conflict('INDICATOR_COMPUTED', `“${def.name}”由数据计算（${def.source}），不能人工填报`, `"${def.code}" is computed from data and cannot be entered`);
  }
  const county = actor.regionCode ? actor.regionCode.slice(0, 6) : undefined;
  if (actor.role !== 'admin' && !county) throw usageError('您的账号没有所属区县，不能填报', 'your account has no county to enter values for');
  return setIndicator(database, actor, { indicator: def.code, value: String(o.value), evidence: o.evidence, schoolYear: o.schoolYear, county });
}

/** An evidence file of an entered value: .pdf, .jpg, .png, .docx or .xlsx up to 10 MB (by content), of a value in the scope; audited. */
export async function addEvidence(database: Database, actor: Actor, o: { code: string; valueId: number; fileName: string; content: Buffer }) {
  const def = indicatorByCode(o.code);
  const value = await indicatorValueById(database.db, o.valueId);
  const counties = await countiesOf(database, scopeOf(actor));
  if (!value || value.indicator !== def.code || (counties && !counties.includes(value.county_code))) {
    throw notFound(`“${def.name}”没有编号为 ${o.valueId} 的填报（或不在您的管辖范围内）`, `no entry ${o.valueId} of "${def.code}" within your scope`);
  }
  const name = path.basename(o.fileName.trim());
  const check = checkAttachment(name, o.content);
  if (!check.ok) throw inputError('BAD_EVIDENCE', `佐证材料：${check.zh}`, `evidence: ${check.en}`, { file: name });
  return database.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const sha256 = createHash('sha256').update(o.content).digest('hex');
    const id = await insertEvidence(trx, { value_id: value.id, county_code: value.county_code, indicator: def.code, school_year: value.school_year, file_name: name, mime: check.mime, size: o.content.length, sha256, content: o.content, actor: actor.username, at });
    await recordAudit(trx, { actor: actor.username, action: 'indicator.evidence', target: def.code, regions: [value.county_code], detail: { evidence: id, value: value.id, file: name, size: o.content.length, sha256 } });
    return { ok: true as const, id, indicator: def.code, valueId: value.id, fileName: name, size: o.content.length, by: actor.username, at };
  });
}

/** The evidence files of an indicator's entries of a school year, within the scope. */
export async function evidenceOf(database: Database, actor: Actor, o: { code?: string; schoolYear: number }): Promise<Evidence[]> {
  if (o.code) indicatorByCode(o.code);
  return evidenceList(database.db, { schoolYear: o.schoolYear, indicator: o.code, counties: await countiesOf(database, scopeOf(actor)) });
}

/** One evidence file with its content (404 outside the scope); the read is audited. */
export async function readEvidence(database: Database, actor: Actor, id: number) {
  const f = await evidenceFile(database.db, id);
  const counties = await countiesOf(database, scopeOf(actor));
  if (!f || (counties && !counties.includes(f.county_code))) throw notFound(`没有编号为 ${id} 的佐证材料（或不在您的管辖范围内）`, `no evidence file ${id} within your scope`);
  await recordAudit(database.db, { actor: actor.username, action: 'indicator.evidence-read', target: f.indicator, regions: [f.county_code], detail: { evidence: id, file: f.file_name } });
  return f;
}
