// Use cases of 城乡学校结对帮扶: add a pairing, log an activity, and the pairing report of a school
// year (activities per kind, the minimums each pairing has not met) with 结对率.
import type { Database } from '../db/database.ts';
import { parseDate } from '../kernel/dates.ts';
import { conflict, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { ACTIVITY_KINDS, pairingLine, pairingRate, periodsOf } from './pairing.rules.ts';
import { activitiesBetween, allPairings, findPairing, insertActivity, insertPairing, pairingById, schoolDirectory } from './schools.repository.ts';

export async function addPairing(database: Database, actor: Actor, today: string, o: { helper: string; helped: string; since?: string }) {
  const schools = await schoolDirectory(database.db);
  for (const [code, label] of [[o.helper, '帮扶学校'], [o.helped, '受帮扶学校']] as const) {
    if (!schools.has(code)) throw notFound(`${label} ${code} 不在已导入的学校名单中`, `school ${code} is not in the imported school list`);
  }
  if (o.helper === o.helped) throw usageError('帮扶学校与受帮扶学校不能相同', 'a school cannot pair with itself');
  if (await findPairing(database.db, o.helper, o.helped)) throw conflict('PAIRING_EXISTS', `${o.helper} 与 ${o.helped} 已结对`, `${o.helper} and ${o.helped} are already paired`);
  const since = o.since ? dateOrThrow(o.since, '--since') : today;
  const county = schools.get(o.helped)!.county_code;
  const id = await database.db.transaction().execute(async (trx) => {
    const pid = await insertPairing(trx, { county_code: county, helper_code: o.helper, helped_code: o.helped, started_on: since, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'pairing.add', target: String(pid), regions: [county], detail: { helper: o.helper, helped: o.helped } });
    return pid;
  });
  return { ok: true, pairing: id, helper: o.helper, helped: o.helped };
}

function dateOrThrow(text: string, option: string): string {
  const d = parseDate(text);
  if (!d.date || d.precision !== 'day') throw usageError(`${option} 日期“${text}”无法识别（应为 年-月-日）`, `${option} date "${text}" not recognised (write year-month-day)`);
  return d.date;
}

export async function addActivity(database: Database, actor: Actor, today: string, o: { pairing: string; type: string; date: string; title: string; summary?: string }) {
  if (!(ACTIVITY_KINDS as readonly string[]).includes(o.type)) throw usageError(`活动类型应为 ${ACTIVITY_KINDS.join('、')} 之一`, `activity type must be one of ${ACTIVITY_KINDS.join(', ')}`);
  const date = dateOrThrow(o.date, '--date');
  if (date > today) throw usageError(`活动日期 ${date} 晚于今天，只能登记已开展的活动`, `activity date ${date} is in the future: log activities that took place`);
  const id = Number(o.pairing);
  const p = Number.isInteger(id) ? await pairingById(database.db, id) : undefined;
  if (!p) throw notFound(`找不到结对 ${o.pairing}`, `pairing ${o.pairing} not found`);
  const aid = await database.db.transaction().execute(async (trx) => {
    const a = await insertActivity(trx, { pairing_id: p.id, county_code: p.county_code, kind: o.type, activity_date: date, title: o.title, summary: o.summary ?? null, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'activity.add', target: String(a), regions: [p.county_code], detail: { pairing: p.id, kind: o.type, date } });
    return a;
  });
  return { ok: true, activity: aid, pairing: p.id, type: o.type };
}

export const PAIRING_REPORT_HEADERS = ['结对编号', '帮扶学校标识码', '帮扶学校', '受帮扶学校标识码', '受帮扶学校', '结对日期', ...ACTIVITY_KINDS, '未达最低要求', '是否达标'];

/** The pairing facts of a school year: one line per pairing, and 结对率. */
export async function pairingFacts(database: Database, schoolYear: number, today: string) {
  const schools = await schoolDirectory(database.db);
  const pairings = await allPairings(database.db);
  const year = periodsOf(schoolYear)[2];
  const acts = await activitiesBetween(database.db, year.from, year.to);
  const lines = pairings.map((p) => ({ p, line: pairingLine(acts.filter((a) => a.pairing_id === p.id), schoolYear, today) }));
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
  const { schools, lines, rate } = await pairingFacts(database, opts.schoolYear, opts.today);
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
