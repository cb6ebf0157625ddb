// Use cases of 城乡学校结对帮扶: add a pairing, log an activity, and the pairing report of a school
// year (activities per kind, the minimums each pairing has not met) with 结对率.
import type { Database } from '../db/database.ts';
import { parseDate } from '../kernel/dates.ts';
import { conflict, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { schoolInScope, scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { recordActivity, type NewActivity } from './activity-steps.ts';
import { ACTIVITY_KINDS, pairingLine, pairingRate, periodsOf } from './pairing.rules.ts';
import { activitiesBetween, allPairings, findPairing, insertPairing, schoolDirectory } from './schools.repository.ts';

export async function addPairing(database: Database, actor: Actor, today: string, o: { helper: string; helped: string; since?: string }) {
  const schools = await schoolDirectory(database.db);
  const scope = scopeOf(actor);
  for (const [code, label] of [[o.helper, '帮扶学校'], [o.helped, '受帮扶学校']] as const) {
    const s = schools.get(code);
    // outside the actor's scope: the same answer as a school that does not exist
    if (!s || !schoolInScope(scope, s)) throw notFound(`${label} ${code} 不在已导入的学校名单中或不在您的管辖范围内`, `school ${code} is not in the imported school list or not within your scope`);
  }
  if (o.helper === o.helped) throw usageError(`帮扶学校与受帮扶学校不能相同（${o.helper}）`, `a school cannot pair with itself (${o.helper})`, { column: 'helped', value: o.helped });
  if (await findPairing(database.db, o.helper, o.helped)) throw conflict('PAIRING_EXISTS', `${o.helper} 与 ${o.helped} 已结对`, `${o.helper} and ${o.helped} are already paired`);
  if (await findPairing(database.db, o.helped, o.helper)) throw conflict('PAIRING_EXISTS', `${o.helped} 已在帮扶 ${o.helper}，不能反向再结对`, `${o.helped} already helps ${o.helper}: the reverse pairing is refused`);
  const since = o.since ? dateOrThrow(o.since, '--since') : today;
  const county = schools.get(o.helped)!.county_code;
  let id: number;
  try {
    id = await database.db.transaction().execute(async (trx) => {
      const pid = await insertPairing(trx, { county_code: county, helper_code: o.helper, helped_code: o.helped, started_on: since, actor: actor.username, at: nowIso() });
      await recordAudit(trx, { actor: actor.username, action: 'pairing.add', target: String(pid), regions: [county], detail: { helper: o.helper, helped: o.helped } });
      return pid;
    });
  } catch (e) {
    // another request paired the same two schools (in either order) between the checks and the insert: the unique index refuses it
    if (isUniqueViolation(e)) throw conflict('PAIRING_EXISTS', `${o.helper} 与 ${o.helped} 已结对（同一对学校只能结对一次，不分帮扶方向）`, `${o.helper} and ${o.helped} are already paired (one pairing per pair of schools, whichever helps)`);
    throw e;
  }
  return { ok: true, pairing: id, helper: o.helper, helped: o.helped };
}

/** A unique index refused the row: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === '23505' || (typeof err?.message === 'string' && /UNIQUE constraint failed|duplicate key value/.test(err.message));
}

function dateOrThrow(text: string, option: string): string {
  const d = parseDate(text);
  if (!d.date || d.precision !== 'day') throw usageError(`${option} 日期“${text}”无法识别（应为 年-月-日）`, `${option} date "${text}" not recognised (write year-month-day)`);
  return d.date;
}

/** CLI `activity add`: the old options (--pairing --type --date --title --summary) and the plan's. */
export async function addActivity(database: Database, actor: Actor, today: string, o: Omit<NewActivity, 'start'> & { date?: string; start?: string }) {
  const start = o.start ?? o.date;
  if (!start) throw usageError('请给出 --date 或 --start', 'give --date or --start');
  return recordActivity(database, actor, today, { ...o, start });
}

export const PAIRING_REPORT_HEADERS = ['结对编号', '帮扶学校标识码', '帮扶学校', '受帮扶学校标识码', '受帮扶学校', '结对日期', ...ACTIVITY_KINDS, '未达最低要求', '是否达标'];

/** The pairing facts of a school year: one line per pairing, and 结对率. */
export async function pairingFacts(database: Database, schoolYear: number, today: string) {
  const schools = await schoolDirectory(database.db);
  const pairings = await allPairings(database.db);
  const year = periodsOf(schoolYear)[2];
  const acts = (await activitiesBetween(database.db, year.from, year.to)).filter((a) => a.activity_date <= today);
  const lines = pairings.map((p) => ({ p, line: pairingLine(acts.filter((a) => a.pairing_id === p.id), schoolYear, today, p.started_on) }));
  const rate = pairingRate([...schools.values()], new Set(pairings.map((p) => p.helped_code)));
  return { schools, lines, rate };
}

/** School by school: a rural 中小学 or 教学点 counts toward the 结对率, paired when it is the helped side. */
export async function pairingBySchool(database: Database, schoolYear: number, today: string): Promise<Map<string, { numerator: number; denominator: number }>> {
  const { schools, lines } = await pairingFacts(database, schoolYear, today);
  const helped = new Set(lines.map((l) => l.p.helped_code));
  return new Map([...schools.values()].map((s) => [s.code, pairingRate([s], helped)]));
}

export async function reportPairings(database: Database, opts: { out: string; schoolYear: number; today: string; actor: Actor }) {
  const facts = await pairingFacts(database, opts.schoolYear, opts.today);
  // a county's or township's report: the pairings whose helped school is theirs, and their 结对率
  const mine = await schoolsInScope(database.db, scopeOf(opts.actor));
  const { schools } = facts;
  const lines = facts.lines.filter((l) => mine(l.p.helped_code));
  const rate = pairingRate([...schools.values()].filter((s) => mine(s.code)), new Set(facts.lines.map((l) => l.p.helped_code)));
  const rows = lines.map(({ p, line }) => [
    p.id, p.helper_code, schools.get(p.helper_code)?.name ?? '', p.helped_code, schools.get(p.helped_code)?.name ?? '', p.started_on,
    ...ACTIVITY_KINDS.map((k) => line.counts[k]), line.behind.join('；'), line.behind.length === 0 ? '是' : '否',
  ]);
  const n = await writeTable(opts.out, PAIRING_REPORT_HEADERS, rows, { sheetName: '结对帮扶', textColumns: [1, 3] });
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.pairing', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear } });
  const behind = lines.filter((l) => l.line.behind.length > 0).map((l) => ({ pairing: l.p.id, helped: l.p.helped_code, behind: l.line.behind }));
  return {
    rows: n, out: opts.out, schoolYear: opts.schoolYear, behind,
    pairedSchools: rate.numerator, schoolsToPair: rate.denominator,
    pairingRate: rate.denominator === 0 ? null : Math.round((rate.numerator * 1000) / rate.denominator) / 10,
  };
}
