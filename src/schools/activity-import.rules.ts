// Import stage "normalize" of an activity list (活动记录表): the columns under their spellings, one row →
// the fields of an activity record and where it belongs (结对编号, or 帮扶学校 + 学校, or a school alone),
// dates as Excel serials, 2026/3/5 or 2026年3月5日, organisers as 人员|职务|职责 or 人员（职务）：职责,
// and the natural key that makes a second import of the same file change nothing. Pure.
import { parseDate } from '../kernel/dates.ts';
import { cellText } from '../kernel/values.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { organiserOf, parseDateTime, type ActivityInput, type Organiser } from './activity.rules.ts';

export const ACTIVITY_COLUMNS: TableSpec = {
  kind: 'activities',
  label: '活动记录表',
  columns: [
    { key: 'type', header: '活动类型', aliases: ['类型', '活动类别', '类别', '活动形式'], required: true },
    { key: 'title', header: '活动名称', aliases: ['活动主题', '主题', '名称', '活动内容'], required: true },
    { key: 'start', header: '开始时间', aliases: ['活动时间', '活动日期', '日期', '时间', '开展时间', '开展日期'], required: true },
    { key: 'end', header: '结束时间', aliases: ['截止时间', '结束日期'], required: false },
    { key: 'pairing', header: '结对编号', aliases: ['结对ID', '结对序号'], required: false },
    { key: 'helper', header: '帮扶学校标识码', aliases: ['帮扶学校代码', '结对帮扶学校标识码'], required: false },
    { key: 'school', header: '学校标识码', aliases: ['学校代码', '受帮扶学校标识码', '受帮扶学校代码', '开展学校标识码'], required: false },
    { key: 'goal', header: '活动目标', aliases: ['目标', '活动目的', '目的'], required: false },
    { key: 'place', header: '地点', aliases: ['活动地点'], required: false },
    { key: 'organisers', header: '组织机构及职责', aliases: ['组织机构', '组织人员', '组织者', '负责人'], required: false },
    { key: 'participants', header: '参加人员', aliases: ['参与人员', '参加对象', '参与对象'], required: false },
    { key: 'expected', header: '应到人数', aliases: ['应参加人数'], required: false },
    { key: 'present', header: '实到人数', aliases: ['参加人数', '实际参加人数', '出勤人数'], required: false },
    { key: 'arrangements', header: '活动安排', aliases: ['活动流程', '活动步骤', '活动过程'], required: false },
    { key: 'safety', header: '安全保障与应急预案', aliases: ['安全保障', '安全措施', '应急预案', '安全保障措施'], required: false },
    { key: 'summary', header: '活动总结', aliases: ['总结', '活动成效', '活动效果'], required: false },
  ],
};

/** The canonical header of a field as checkActivity names it (errors point at the column a user sees). */
export const COLUMN_OF_FIELD: Record<string, string> = Object.fromEntries(ACTIVITY_COLUMNS.columns.map((c) => [c.key, c.header]));

export type ImportProblem = { column: string; value: string; zh: string; en: string };

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:mm' (time left out when none) from a date cell, an Excel serial (a fraction is the time of day) or text. */
export function cellDateTime(v: unknown): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const minutes = v.getUTCHours() * 60 + v.getUTCMinutes();
    return minutes === 0 ? day : `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  const text = cellText(v).normalize('NFKC').replace(/[（(][^）)]*[）)]/g, '').trim();
  if (text === '') return null;
  // 46086 or 46086.6041 (a date cell written out by a CSV export): days since 1899-12-30
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    const day = parseDate(Math.floor(serial));
    if (!day.date) return null;
    const minutes = Math.round((serial - Math.floor(serial)) * (DAY_MS / 60_000));
    return minutes === 0 || minutes >= 1440 ? day.date : `${day.date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  const withTime = /^(.*?日?)\s*(\d{1,2})[:：](\d{2})(?::\d{2})?$/.exec(text);
  if (withTime) {
    const p = parseDateTime(`${withTime[1].trim()} ${withTime[2]}:${withTime[3]}`);
    return p ? `${p.day}${p.time ? ` ${p.time}` : ''}` : text;
  }
  const p = parseDateTime(text);
  if (p) return p.day;
  const d = parseDate(text);
  return d.date && d.precision === 'day' ? d.date : text;
}

/** Organisers in one cell, one per line or split by ；: '颜德兵|组长|统筹安排' or '颜德兵（组长）：统筹安排'. */
export function organisersOfCell(text: string): { organisers: Organiser[]; bad: string[] } {
  const organisers: Organiser[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[；;\n\r]+/).map((p) => p.trim()).filter(Boolean)) {
    const piped = organiserOf(part);
    const m = /^(.+?)\s*[（(]\s*(.+?)\s*[）)]\s*[:：—-]+\s*(.+)$/.exec(part);
    if (piped) organisers.push(piped);
    else if (m) organisers.push({ person: m[1].trim(), role: m[2].trim(), duty: m[3].trim() });
    else bad.push(part);
  }
  return { organisers, bad };
}

function count(v: unknown, column: string, problems: ImportProblem[]): number | null {
  const t = cellText(v).replace(/人$/, '').trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t) || Number(t) > 100_000) {
    problems.push({ column, value: cellText(v), zh: '应为不小于 0 的整数', en: 'must be a whole number ≥ 0' });
    return null;
  }
  return Number(t);
}

const text = (v: unknown) => {
  const t = cellText(v);
  return t === '' ? null : t;
};

export interface ActivityRowInput {
  input: ActivityInput;
  /** where it belongs: a pairing by its id, a pairing by its two schools, or one school alone */
  pairing: number | null;
  helper: string | null;
  school: string | null;
}

/** One data row → an activity as entered plus where it belongs, or the problems of its cells. */
export function normalizeActivityRow(v: Record<string, unknown>): { ok: true; row: ActivityRowInput } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const pairingText = cellText(v.pairing);
  let pairing: number | null = null;
  if (pairingText !== '') {
    if (/^\d{1,9}$/.test(pairingText)) pairing = Number(pairingText);
    else problems.push({ column: '结对编号', value: pairingText, zh: '结对编号应为数字', en: 'the pairing id must be a number' });
  }
  const helper = cellText(v.helper).replace(/\s+/g, '') || null;
  const school = cellText(v.school).replace(/\s+/g, '') || null;
  if (pairing === null && !school && pairingText === '' && !helper) problems.push({ column: '学校标识码', value: '', zh: '请填写结对编号或学校标识码', en: 'give a pairing id or a school code' });
  if (helper && !school && pairing === null && pairingText === '') problems.push({ column: '学校标识码', value: '', zh: `已填写帮扶学校 ${helper}，还须填写受帮扶学校的学校标识码`, en: `helping school ${helper} given: the helped school's code is needed too` });
  const { organisers, bad } = organisersOfCell(cellText(v.organisers));
  for (const b of bad) problems.push({ column: '组织机构及职责', value: b, zh: '应写作 人员|职务|职责 或 人员（职务）：职责，多人用；分隔', en: 'write person|role|duty or person (role): duty, several separated by ；' });
  const expected = count(v.expected, '应到人数', problems);
  const present = count(v.present, '实到人数', problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    row: {
      pairing, helper, school,
      input: {
        type: cellText(v.type), title: cellText(v.title), goal: text(v.goal), start: cellDateTime(v.start) ?? '', end: cellDateTime(v.end), place: text(v.place), organisers,
        participants: text(v.participants), expected, present, arrangements: text(v.arrangements), safety: text(v.safety), summary: text(v.summary),
      },
    },
  };
}

/**
 * The natural key of an activity: the school that holds it, its pairing (or none), its type, its day
 * and its title. One school does not hold two activities of one type with one title on one day, so a
 * second import of the same list (or of a corrected one) finds each record again instead of adding it.
 */
export function activityKey(a: { school_code: string | null; pairing_id: number | null; kind: string; activity_date: string; title: string }): string {
  return [a.school_code ?? '', a.pairing_id ?? '', a.kind, a.activity_date, a.title.normalize('NFKC').replace(/\s+/g, '')].join('|');
}
