// Use cases of activity records: log an activity (of a pairing or of one school alone) with its plan,
// keep an attachment (checked by content), the printable plan (活动方案) as a PDF, the list of
// activities (CLI export), and the pairings a user sees with the minimums each has met and 结对率.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { noticeFontFile } from '../files/cjk-font.ts';
import type { Database } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { conflict, FuzhiError, inputError, notFound, usageError } from '../kernel/errors.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { schoolInScope, scopeOf, type Actor } from '../platform/scope.ts';
import { storedFile, storedName } from '../files/attachments.ts';
import { checkActivity, checkAttachment, planSections, type ActivityInput, type Organiser, type PlanActivity } from './activity.rules.ts';
import { activityInScope, attachmentsOf, deleteActivityRecord, insertActivityRecord, updateActivityRecord, insertAttachment, listActivities, pairingActivities, pairingsInScope, type ActivityFilter, type ActivityRow } from './activity.repository.ts';
import { ACTIVITY_KINDS, MINIMUMS, pairingLine, pairingRate, periodsOf } from './pairing.rules.ts';
import { pairingById, schoolDirectory } from './schools.repository.ts';

export type NewActivity = ActivityInput & { pairing?: number | string | null; school?: string | null };

const textOrNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The checks of a new, edited or imported record: its problems (each naming the field) or its stored fields. */
export function activityFields(o: ActivityInput, today: string) {
  const { problems, checked } = checkActivity(o, today);
  if (!checked) return { problems, checked: null, fields: null, organisers: 0 };
  const isPlan = Boolean(o.goal?.trim() || o.arrangements?.trim() || (o.organisers ?? []).length > 0);
  if (checked.date > today && !isPlan) {
    const future = { field: 'start', zh: `活动日期 ${checked.date} 晚于今天：只能登记已开展的活动，事先制定的方案须填写活动目标、组织机构或活动安排`, en: `activity date ${checked.date} is in the future: log activities that took place, or a plan with its goal, organisers or steps` };
    return { problems: [future], checked: null, fields: null, organisers: 0 };
  }
  const organisers: Organiser[] = (o.organisers ?? []).map((x) => ({ person: x.person.trim(), role: x.role.trim() || '成员', duty: x.duty.trim() }));
  const fields = {
    kind: checked.kind, activity_date: checked.date, title: o.title.trim(), summary: textOrNull(o.summary), goal: textOrNull(o.goal), start_at: checked.startAt, end_at: checked.endAt,
    place: textOrNull(o.place), participants: textOrNull(o.participants), expected_count: o.expected ?? null, present_count: o.present ?? null, arrangements: textOrNull(o.arrangements),
    safety: textOrNull(o.safety), organisers_json: organisers.length ? JSON.stringify(organisers) : null,
  };
  return { problems, checked, fields, organisers: organisers.length };
}

/** The same checks for one record entered by hand: a bilingual 400 naming the first field in error. */
function checkedInput(o: ActivityInput, today: string) {
  const r = activityFields(o, today);
  if (!r.checked || !r.fields) {
    const p = r.problems[0];
    throw usageError(p.zh, p.en, { column: p.field });
  }
  return { checked: r.checked, fields: r.fields, organisers: r.organisers };
}

/**
 * Records an activity. A school logs its own activities and those of its pairings; a county those
 * within its county; anything outside the actor's scope is "not found", as if it did not exist.
 * A day already past is a record; a day to come must carry a plan (goal, organisers or steps).
 */
export async function recordActivity(database: Database, actor: Actor, today: string, o: NewActivity) {
  const { checked, fields, organisers } = checkedInput(o, today);
  const scope = scopeOf(actor);
  const schools = await schoolDirectory(database.db);
  let pairingId: number | null = null;
  let schoolCode: string;
  let county: string;
  if (o.pairing !== undefined && o.pairing !== null && String(o.pairing).trim() !== '') {
    const id = Number(o.pairing);
    const p = Number.isInteger(id) ? await pairingById(database.db, id) : undefined;
    const visible = p && (scope.kind === 'school' ? [p.helper_code, p.helped_code].includes(scope.schoolCode) : schoolInScope(scope, { code: p.helped_code, county_code: p.county_code, region_code: schools.get(p.helped_code)?.county_code }));
    if (!p || !visible) throw notFound(`找不到结对 ${o.pairing}`, `pairing ${o.pairing} not found`);
    pairingId = p.id;
    schoolCode = p.helped_code;
    county = p.county_code;
  } else {
    const code = (o.school ?? (scope.kind === 'school' ? scope.schoolCode : '')).trim();
    if (!code) throw usageError('请指定结对编号或学校标识码', 'give a pairing id or a school code');
    const s = schools.get(code);
    if (!s || !schoolInScope(scope, s)) throw notFound(`学校 ${code} 不在已导入的学校名单中或不在您的管辖范围内`, `school ${code} is not in the school list or not within your scope`);
    schoolCode = code;
    county = s.county_code;
  }
  const id = await database.db.transaction().execute(async (trx) => {
    const a = await insertActivityRecord(trx, {
      pairing_id: pairingId, county_code: county, school_code: schoolCode, ...fields, actor: actor.username, at: nowIso(),
    });
    await recordAudit(trx, { actor: actor.username, action: 'activity.add', target: String(a), regions: [county], detail: { pairing: pairingId, school: schoolCode, kind: checked.kind, date: checked.date, organisers } });
    return a;
  });
  return { ok: true as const, activity: id, pairing: pairingId, school: schoolCode, type: checked.kind, date: checked.date };
}

/** The activity behind an id within the actor's scope; outside it, the same 404 as one that does not exist. */
export async function activityOf(database: Database, actor: Actor, id: number | string): Promise<ActivityRow> {
  const n = Number(id);
  const a = Number.isInteger(n) && n > 0 ? await activityInScope(database.db, scopeOf(actor), n) : undefined;
  if (!a) throw notFound(`找不到活动 ${id}`, `activity ${id} not found`);
  return a;
}

/** The fields an edit may change (the school or pairing an activity belongs to stays). */
export type ActivityEdit = ActivityInput & { version: string };

/**
 * Edits an activity within the actor's scope. `version` is the time of the last change the editor
 * read (ActivityItem.version): if someone changed the record since, the edit is refused with 409 and
 * nothing is written. The same checks as a new record; audited with the fields that changed.
 */
export async function editActivity(database: Database, actor: Actor, today: string, id: number | string, o: ActivityEdit) {
  const a = await activityOf(database, actor, id);
  const { fields: next } = checkedInput(o, today);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => (a[k] ?? null) !== next[k]);
  // the new version differs from the one read even within the same millisecond
  const now = nowIso();
  const at = now === a.at ? new Date(Date.parse(now) + 1).toISOString() : now;
  await database.db.transaction().execute(async (trx) => {
    const n = await updateActivityRecord(trx, a.id, o.version, { ...next, actor: actor.username, at });
    if (n === 0) throw stale(a.id);
    await recordAudit(trx, { actor: actor.username, action: 'activity.edit', target: String(a.id), regions: [a.county_code], detail: { changed, before: Object.fromEntries(changed.map((k) => [k, a[k]])) } });
  });
  return { ok: true as const, activity: a.id, version: at, changed };
}

const stale = (id: number) =>
  conflict('ACTIVITY_STALE', `活动 ${id} 在您打开之后已被他人修改或删除，请刷新后重新编辑`, `activity ${id} was changed or deleted by someone else since you opened it: reload and edit again`);

/** Deletes an activity and its attachments (same version check); the audit keeps what was deleted. */
export async function deleteActivity(database: Database, actor: Actor, id: number | string, version: string) {
  const a = await activityOf(database, actor, id);
  await database.db.transaction().execute(async (trx) => {
    const files = await attachmentsOf(trx, a.id);
    const n = await deleteActivityRecord(trx, a.id, version);
    if (n === 0) throw stale(a.id);
    await recordAudit(trx, {
      actor: actor.username, action: 'activity.delete', target: String(a.id), regions: [a.county_code],
      detail: { kind: a.kind, title: a.title, date: a.activity_date, school: a.school_code, pairing: a.pairing_id, attachments: files.map((f) => f.file_name) },
    });
  });
  return { ok: true as const, activity: a.id, deleted: true as const };
}

/** Keeps a file with an activity: .pdf/.jpg/.png/.docx/.xlsx by content, ≤ 10 MB; audited. */
export async function addAttachment(database: Database, actor: Actor, activityId: number | string, fileName: string, content: Buffer) {
  const a = await activityOf(database, actor, activityId);
  const name = storedName(fileName);
  const check = checkAttachment(name, content);
  if (!check.ok) throw inputError('BAD_ATTACHMENT', check.zh, check.en, { file: name });
  const n = await database.db.transaction().execute(async (trx) => {
    const id = await insertAttachment(trx, { activity_id: a.id, county_code: a.county_code, ...storedFile({ fileName: name, mime: check.mime, content }, actor.username) });
    await recordAudit(trx, { actor: actor.username, action: 'activity.attach', target: String(a.id), regions: [a.county_code], detail: { attachment: id, file: name, size: content.length } });
    return (await attachmentsOf(trx, a.id)).length;
  });
  return { ok: true as const, activity: a.id, n, fileName: name, mime: check.mime, size: content.length };
}

export function organisersOf(a: Pick<ActivityRow, 'organisers_json'>): Organiser[] {
  if (!a.organisers_json) return [];
  try {
    const v = JSON.parse(a.organisers_json) as unknown;
    return Array.isArray(v) ? (v as Organiser[]) : [];
  } catch {
    return [];
  }
}

export function planOf(a: ActivityRow): PlanActivity {
  return {
    title: a.title, kind: a.kind, schoolName: a.school_name ?? a.school_code ?? '', pairingName: a.helper_name ? `${a.helper_name} 结对帮扶 ${a.school_name ?? ''}` : null,
    goal: a.goal, startAt: a.start_at ?? a.activity_date, endAt: a.end_at, place: a.place, organisers: organisersOf(a), participants: a.participants, expected: a.expected_count, present: a.present_count,
    arrangements: a.arrangements, safety: a.safety, summary: a.summary,
  };
}

/** The plan a school files (活动方案) as PDF bytes: A4, the CJK font from npm. */
export async function planPdf(plan: PlanActivity, printedOn: string): Promise<Buffer> {
  const font = noticeFontFile();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${plan.title}活动方案` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font);
  doc.font('cjk').fontSize(16).text(`${plan.title}活动方案`, { align: 'center' });
  doc.moveDown(0.3);
  doc.fontSize(10).text(`${plan.schoolName}  活动类型：${plan.kind}${plan.pairingName ? `  ${plan.pairingName}` : ''}`, { align: 'center' });
  doc.moveDown();
  for (const s of planSections(plan)) {
    doc.fontSize(12).text(s.heading);
    doc.moveDown(0.2);
    doc.fontSize(10);
    for (const line of s.lines) doc.text(line, { indent: 20 });
    doc.moveDown(0.6);
  }
  doc.moveDown();
  doc.fontSize(10).text(`学校（盖章）：                              打印日期：${printedOn}`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** CLI `activity plan ID --out FILE.pdf`: written through a temporary file; audited. */
export async function writePlan(database: Database, actor: Actor, id: string, out: string, today: string) {
  if (!/\.pdf$/i.test(out)) throw usageError(`输出文件 ${out} 应以 .pdf 结尾`, `output file ${out} must end in .pdf`);
  const a = await activityOf(database, actor, id);
  const bytes = await planPdf(planOf(a), today);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await fs.promises.writeFile(tmp, bytes);
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new FuzhiError('WRITE_FAILED', `无法写入 ${out}`, `cannot write ${out}`, { cause: e });
  }
  await recordAudit(database.db, { actor: actor.username, action: 'activity.plan', target: String(a.id), regions: [a.county_code], detail: { out } });
  return { ok: true, activity: a.id, out, bytes: bytes.length };
}

export const ACTIVITY_LIST_HEADERS = ['活动编号', '活动类型', '活动名称', '学校标识码', '学校', '结对编号', '帮扶学校', '开始时间', '结束时间', '地点', '组织人员', '应到人数', '实到人数', '附件数', '活动总结'];

export function activityListRow(a: ActivityRow): unknown[] {
  return [a.id, a.kind, a.title, a.school_code ?? '', a.school_name ?? '', a.pairing_id ?? '', a.helper_name ?? '', a.start_at ?? a.activity_date, a.end_at ?? '', a.place ?? '', organisersOf(a).map((o) => `${o.person}（${o.role}）`).join('、'), a.expected_count ?? '', a.present_count ?? '', a.attachments, a.summary ?? ''];
}

/** CLI `activity list [--out]`: every activity in the scope, newest first; printed or written to a file (audited). */
export async function listActivityRecords(database: Database, actor: Actor, o: { out?: string } & ActivityFilter) {
  const { rows, total } = await listActivities(database.db, scopeOf(actor), o, { offset: 0, limit: 100_000 });
  if (!o.out) return { total, items: rows.map((a) => ({ id: a.id, type: a.kind, title: a.title, school: a.school_code, pairing: a.pairing_id, start: a.start_at ?? a.activity_date, attachments: a.attachments })) };
  const n = await writeTable(o.out, ACTIVITY_LIST_HEADERS, rows.map(activityListRow), { sheetName: '活动记录', textColumns: [3] });
  await recordAudit(database.db, { actor: actor.username, action: 'activity.list', target: o.out, detail: { rows: n } });
  return { rows: n, out: o.out };
}

/** The pairings a user sees, each with its activities of the school year per type and the minimums not met; 结对率 of the schools in scope. */
export async function pairingOverview(database: Database, actor: Actor, schoolYear: number, today: string) {
  const scope = scopeOf(actor);
  const schools = await schoolDirectory(database.db);
  const pairings = await pairingsInScope(database.db, scope);
  const year = periodsOf(schoolYear)[2];
  const acts = (await pairingActivities(database.db, pairings.map((p) => p.id), year.from, year.to)).filter((a) => a.activity_date <= today);
  const items = pairings.map((p) => {
    const line = pairingLine(acts.filter((a) => a.pairing_id === p.id), schoolYear, today, p.started_on);
    return {
      id: p.id, helperCode: p.helper_code, helperName: schools.get(p.helper_code)?.name ?? p.helper_code, helpedCode: p.helped_code, helpedName: schools.get(p.helped_code)?.name ?? p.helped_code, since: p.started_on,
      counts: ACTIVITY_KINDS.map((k) => ({ type: k, n: line.counts[k] })).filter((c) => c.n > 0), total: Object.values(line.counts).reduce((s, n) => s + n, 0), behind: line.behind, compliant: line.behind.length === 0,
    };
  });
  const inScope = [...schools.values()].filter((s) => scope.kind === 'school' ? s.code === scope.schoolCode : schoolInScope(scope, s));
  const rate = pairingRate(inScope, new Set((await pairingsInScope(database.db, { kind: 'all' })).map((p) => p.helped_code)));
  return {
    schoolYear, items,
    minimums: MINIMUMS.map((m) => ({ type: m.kind, per: m.per, atLeast: m.atLeast, basis: m.basis })),
    pairedSchools: rate.numerator, schoolsToPair: rate.denominator, pairingRate: rate.denominator === 0 ? null : Math.round((rate.numerator * 1000) / rate.denominator) / 10,
  };
}
