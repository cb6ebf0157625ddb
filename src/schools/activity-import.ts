// Use case "activity import" (CLI `activity import FILE`, POST /api/activities/import): read the list
// (.xlsx/.xls/.csv, title rows, header spellings) → normalize each row → check it as a hand-entered
// record → place it in a pairing or school within the importer's scope → write every good row in one
// transaction, idempotent by the natural key (学校, 结对, 活动类型, 活动日期, 活动名称), audited.
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { openTable } from '../files/read-table.ts';
import { writeTable } from '../files/write-table.ts';
import { nowIso } from '../kernel/clock.ts';
import { cellText } from '../kernel/values.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { schoolInScope, scopeOf, type Actor } from '../platform/scope.ts';
import { activityFields } from './activity-steps.ts';
import { ACTIVITY_COLUMNS, activityKey, COLUMN_OF_FIELD, normalizeActivityRow, type ImportProblem } from './activity-import.rules.ts';
import { activitiesOfSchools, insertActivityRecord, rewriteActivity, type StoredActivity } from './activity.repository.ts';
import { allPairings, schoolDirectory } from './schools.repository.ts';

export interface ActivityImportError {
  file: string;
  row: number;
  column: string;
  value: string;
  reason: string;
  reasonEn: string;
}

export interface ActivityImportSummary {
  file: string;
  encoding: string | null;
  /** data rows read */
  rows: number;
  /** rows accepted: new, changed or already there (rows = imported + rejected) */
  imported: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unknownColumns: string[];
  /** every problem of the rejected rows (the first 500), each naming file, row, column and value */
  errors: ActivityImportError[];
}

const MAX_ERRORS = 500;
type Fields = NonNullable<ReturnType<typeof activityFields>['fields']>;
type Placed = { row: number; fields: Fields; pairingId: number | null; schoolCode: string; county: string; key: string };

/** The fields an import compares and writes (the bookkeeping columns apart). */
const CONTENT = ['kind', 'activity_date', 'title', 'summary', 'goal', 'start_at', 'end_at', 'place', 'participants', 'expected_count', 'present_count', 'arrangements', 'safety', 'organisers_json'] as const;

export async function importActivities(database: Database, opts: { file: string; fileName?: string; sheet?: string; errorsFile?: string; actor: Actor; today: string }): Promise<ActivityImportSummary> {
  const fileName = opts.fileName ?? path.basename(opts.file);
  const table = await openTable(opts.file, ACTIVITY_COLUMNS, { sheet: opts.sheet });
  const scope = scopeOf(opts.actor);
  const schools = await schoolDirectory(database.db);
  const pairings = await allPairings(database.db);
  const s: ActivityImportSummary = { file: fileName, encoding: table.encoding, rows: 0, imported: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, unknownColumns: table.unknownHeaders, errors: [] };
  const rejectedRows: { raw: unknown[]; reason: string }[] = [];
  const placed: Placed[] = [];
  const seen = new Map<string, number>();
  const outside = (code: string, label: string): ImportProblem => ({ column: label, value: code, zh: `学校 ${code} 不在已导入的学校名单中或不在您的管辖范围内`, en: `school ${code} is not in the school list or not within your scope` });

  const place = (r: ReturnType<typeof normalizeActivityRow> & { ok: true }): { problems: ImportProblem[] } | Omit<Placed, 'row' | 'fields' | 'key'> => {
    const { pairing, helper, school } = r.row;
    if (pairing !== null || helper) {
      const p = pairing !== null ? pairings.find((x) => x.id === pairing) : pairings.find((x) => x.helper_code === helper && x.helped_code === school);
      const visible = p && (scope.kind === 'school' ? [p.helper_code, p.helped_code].includes(scope.schoolCode) : schoolInScope(scope, { code: p.helped_code, county_code: p.county_code }));
      if (!p || !visible) {
        const what = pairing !== null ? ['结对编号', String(pairing), `找不到结对 ${pairing}，或不在您的管辖范围内`, `pairing ${pairing} not found or not within your scope`] : ['帮扶学校标识码', helper!, `${helper} 与 ${school} 未结对，或不在您的管辖范围内`, `${helper} does not help ${school}, or not within your scope`];
        return { problems: [{ column: what[0], value: what[1], zh: what[2], en: what[3] }] };
      }
      if (school && school !== p.helped_code) return { problems: [{ column: '学校标识码', value: school, zh: `结对 ${p.id} 的受帮扶学校是 ${p.helped_code}，不是 ${school}`, en: `the helped school of pairing ${p.id} is ${p.helped_code}, not ${school}` }] };
      return { pairingId: p.id, schoolCode: p.helped_code, county: p.county_code };
    }
    const sc = schools.get(school!);
    if (!sc || !schoolInScope(scope, sc)) return { problems: [outside(school!, '学校标识码')] };
    return { pairingId: null, schoolCode: sc.code, county: sc.county_code };
  };

  for await (const row of table.rows) {
    s.rows++;
    let problems: ImportProblem[] = row.problems.map((p) => ({ column: p.column, value: '', zh: p.reasonZh, en: p.reasonEn }));
    const n = normalizeActivityRow(row.values);
    if (!n.ok) problems.push(...n.problems);
    else if (problems.length === 0) {
      const checked = activityFields(n.row.input, opts.today);
      const valueOf = (field: string) => {
        const key = field.startsWith('organisers') ? 'organisers' : field;
        const v = row.values[key];
        return v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : cellText(v);
      };
      if (!checked.fields) problems = checked.problems.map((p) => ({ column: COLUMN_OF_FIELD[p.field.replace(/\[\d+\]$/, '')] ?? p.field, value: valueOf(p.field), zh: p.zh, en: p.en }));
      else {
        const where = place(n);
        if ('problems' in where) problems = where.problems;
        else {
          const key = activityKey({ school_code: where.schoolCode, pairing_id: where.pairingId, kind: checked.fields.kind, activity_date: checked.fields.activity_date, title: checked.fields.title });
          const first = seen.get(key);
          if (first !== undefined) problems = [{ column: '活动名称', value: checked.fields.title, zh: `与第 ${first} 行重复（同一学校、结对、活动类型、日期和活动名称）`, en: `duplicate of row ${first} (same school, pairing, type, day and title)` }];
          else {
            seen.set(key, row.row);
            placed.push({ row: row.row, fields: checked.fields, key, ...where });
          }
        }
      }
    }
    if (problems.length > 0) {
      s.rejected++;
      for (const p of problems) if (s.errors.length < MAX_ERRORS) s.errors.push({ file: fileName, row: row.row, column: p.column, value: p.value, reason: p.zh, reasonEn: p.en });
      rejectedRows.push({ raw: row.raw, reason: problems.map((p) => `${p.column}：${p.zh}（${p.en}）`).join('；') });
    }
  }

  const at = nowIso();
  await database.db.transaction().execute(async (trx) => {
    const days = placed.map((p) => p.fields.activity_date).sort();
    const stored = new Map<string, StoredActivity>();
    for (const a of await activitiesOfSchools(trx, [...new Set(placed.map((p) => p.schoolCode))], days[0] ?? '', days[days.length - 1] ?? '')) stored.set(activityKey(a), a);
    const added: number[] = [];
    const changed: { id: number; fields: string[]; before: Record<string, unknown> }[] = [];
    for (const p of placed) {
      const old = stored.get(p.key);
      if (!old) {
        added.push(await insertActivityRecord(trx, { pairing_id: p.pairingId, county_code: p.county, school_code: p.schoolCode, ...p.fields, actor: opts.actor.username, at }));
        s.inserted++;
        continue;
      }
      const diff = CONTENT.filter((k) => (old[k] ?? null) !== (p.fields[k] ?? null));
      if (diff.length === 0) s.unchanged++;
      else {
        await rewriteActivity(trx, old.id, { ...p.fields, actor: opts.actor.username, at: at === old.at ? new Date(Date.parse(at) + 1).toISOString() : at });
        changed.push({ id: old.id, fields: diff, before: Object.fromEntries(diff.map((k) => [k, old[k]])) });
        s.updated++;
      }
    }
    s.imported = s.inserted + s.updated + s.unchanged;
    await recordAudit(trx, {
      actor: opts.actor.username, action: 'import.activities', target: fileName, regions: [...new Set([...placed.map((p) => p.county), ...(opts.actor.regionCode ? [opts.actor.regionCode] : [])])],
      detail: { rows: s.rows, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, added, changed },
    });
  });
  if (opts.errorsFile) await writeTable(opts.errorsFile, [...table.headers, '错误原因'], rejectedRows.map((r) => [...table.headers.map((_, i) => r.raw[i] ?? ''), r.reason]));
  return s;
}
