// One activity record (domain.md §5; seed 002 篇1–5 are such plans): the type under its common
// spellings, start and end, organisers and their duties, attendance, the sections of the printable
// plan (活动方案), and the attachments' content check. Pure.
import { ACTIVITY_KINDS, type ActivityKind } from './pairing.rules.ts';

/** Common spellings of each type, as schools write them in plans and registers. */
export const ACTIVITY_ALIASES: Record<ActivityKind, readonly string[]> = {
  联合教研: ['联合教研会', '联合教研会议', '联合教研活动', '教研', '教研活动', '集体备课', '同课异构'],
  挂职: ['挂职锻炼', '互派挂职', '交流挂职', '干部挂职', '挂职交流'],
  课题: ['课题研究', '联合课题', '课题研讨', '课题开题'],
  送课下乡: ['送教下乡', '送课', '送教', '送课到校'],
  听课评课: ['听课', '评课', '听评课', '听课、评课', '观课议课'],
  捐赠: ['捐资', '捐物', '捐赠设备', '物资捐赠', '捐书', '爱心捐赠', '捐助'],
  劳动教育: ['劳动', '劳动实践', '劳动教育活动', '劳动节', '五一劳动节'],
  安全教育: ['安全', '安全课', '安全教育课', '安全演练', '假期安全教育', '防溺水'],
  家访: ['入户家访', '家访活动', '走访', '入户走访', '遍访'],
  主题教育: ['主题班会', '主题活动', '班会', '德育活动'],
  文体活动: ['文艺活动', '文艺晚会', '晚会', '文艺汇演', '联欢会', '运动会', '体育比赛', '登山'],
  年度会议: ['年会', '年度总结会', '结对帮扶年度会议', '工作会议'],
  其他: ['其它'],
};

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[、，,]/g, '、');

/** The canonical type of what a user wrote, or null when it is none of the types or their spellings. */
export function canonicalKind(text: string): ActivityKind | null {
  const t = norm(text);
  if (!t) return null;
  for (const k of ACTIVITY_KINDS) if (norm(k) === t || ACTIVITY_ALIASES[k].some((a) => norm(a) === t)) return k;
  return null;
}

/** 'YYYY-MM-DD HH:mm' from '2026-04-30 14:30', '2026/4/30 14:30', '2026-04-30T14:30', or a day alone (time left out). */
export function parseDateTime(text: string): { day: string; time: string | null } | null {
  const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:：](\d{2}))?\s*$/.exec(text.normalize('NFKC'));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const day = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (m[4] === undefined) return { day, time: null };
  const [h, mi] = [Number(m[4]), Number(m[5])];
  if (h > 23 || mi > 59) return null;
  return { day, time: `${String(h).padStart(2, '0')}:${m[5]}` };
}

export interface Organiser {
  person: string;
  /** 职务 in the activity: 总指挥, 组长, 成员 … */
  role: string;
  duty: string;
}

/** An organiser from the command line: '颜德兵|组长|统筹安排' (person|role|duty). */
export function organiserOf(text: string): Organiser | null {
  const parts = text.split(/[|｜]/).map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => !p)) return null;
  return { person: parts[0], role: parts[1], duty: parts[2] };
}

export interface ActivityInput {
  type: string;
  title: string;
  goal?: string | null;
  start: string;
  end?: string | null;
  place?: string | null;
  organisers?: Organiser[];
  participants?: string | null;
  expected?: number | null;
  present?: number | null;
  arrangements?: string | null;
  safety?: string | null;
  summary?: string | null;
}

export interface CheckedActivity {
  kind: ActivityKind;
  date: string;
  startAt: string;
  endAt: string | null;
}

export type Problem = { field: string; zh: string; en: string };

/** What is wrong with an activity as entered (empty when it may be recorded). */
export function checkActivity(a: ActivityInput, today: string): { problems: Problem[]; checked: CheckedActivity | null } {
  const problems: Problem[] = [];
  const kind = canonicalKind(a.type);
  if (!kind) problems.push({ field: 'type', zh: `活动类型“${a.type}”无法识别，应为 ${ACTIVITY_KINDS.join('、')} 之一`, en: `activity type "${a.type}" not recognised: one of ${ACTIVITY_KINDS.join(', ')}` });
  if (!a.title.trim()) problems.push({ field: 'title', zh: '活动名称不能为空', en: 'the title is required' });
  const start = parseDateTime(a.start);
  const end = a.end ? parseDateTime(a.end) : null;
  if (!start) problems.push({ field: 'start', zh: `开始时间“${a.start}”无法识别（应为 年-月-日 时:分）`, en: `start "${a.start}" not recognised (year-month-day hour:minute)` });
  if (a.end && !end) problems.push({ field: 'end', zh: `结束时间“${a.end}”无法识别（应为 年-月-日 时:分）`, en: `end "${a.end}" not recognised (year-month-day hour:minute)` });
  const at = (p: { day: string; time: string | null }, fallback: string) => `${p.day} ${p.time ?? fallback}`;
  if (start && end && at(end, '23:59') < at(start, '00:00')) problems.push({ field: 'end', zh: `结束时间 ${a.end} 早于开始时间 ${a.start}`, en: `the end ${a.end} is before the start ${a.start}` });
  if (start && start.day > today && a.summary?.trim()) problems.push({ field: 'summary', zh: `活动 ${start.day} 尚未开展，不能填写活动总结`, en: `the activity of ${start.day} has not taken place: no summary yet` });
  for (const [field, n, zh] of [['expected', a.expected, '应到人数'], ['present', a.present, '实到人数']] as const) {
    if (n !== null && n !== undefined && (!Number.isInteger(n) || n < 0)) problems.push({ field, zh: `${zh}应为不小于 0 的整数（值 ${n}）`, en: `${field} must be a whole number ≥ 0 (value ${n})` });
  }
  if (start && start.day > today && a.present !== null && a.present !== undefined) problems.push({ field: 'present', zh: `活动 ${start.day} 尚未开展，不能填写实到人数`, en: `the activity of ${start.day} has not taken place: no attendance yet` });
  (a.organisers ?? []).forEach((o, i) => {
    if (!o.person.trim() || !o.duty.trim()) problems.push({ field: `organisers[${i}]`, zh: `组织机构第 ${i + 1} 行须填写人员和职责`, en: `organiser row ${i + 1} needs a person and a duty` });
  });
  if (problems.length > 0 || !kind || !start) return { problems, checked: null };
  return { problems, checked: { kind, date: start.day, startAt: at(start, '').trim(), endAt: end ? at(end, '').trim() : null } };
}

/** 出勤率 as a percentage with one decimal, or null without both counts. */
export function attendanceRate(expected: number | null, present: number | null): number | null {
  if (expected === null || present === null || expected === 0) return null;
  return Math.round((present * 1000) / expected) / 10;
}

export interface PlanActivity {
  title: string;
  kind: string;
  schoolName: string;
  pairingName: string | null;
  goal: string | null;
  startAt: string | null;
  endAt: string | null;
  place: string | null;
  organisers: Organiser[];
  participants: string | null;
  expected: number | null;
  present: number | null;
  arrangements: string | null;
  safety: string | null;
  summary: string | null;
}

const lines = (text: string | null) => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const NONE = '（未填写）';

/** The seven sections of the plan a school files (活动方案), each a heading and its lines. */
export function planSections(a: PlanActivity): { heading: string; lines: string[] }[] {
  const attendance = [a.expected !== null ? `应到 ${a.expected} 人` : null, a.present !== null ? `实到 ${a.present} 人` : null].filter(Boolean).join('，');
  const rate = attendanceRate(a.expected, a.present);
  return [
    { heading: '一、活动目标', lines: lines(a.goal).length ? lines(a.goal) : [NONE] },
    { heading: '二、时间地点', lines: [`时间：${a.startAt ?? NONE}${a.endAt ? ` 至 ${a.endAt}` : ''}`, `地点：${a.place ?? NONE}`] },
    { heading: '三、组织机构及职责', lines: a.organisers.length ? a.organisers.map((o) => `${o.role}：${o.person}——${o.duty}`) : [NONE] },
    { heading: '四、参加人员', lines: [...(lines(a.participants).length ? lines(a.participants) : [NONE]), ...(attendance ? [`${attendance}${rate !== null ? `（出勤率 ${rate}%）` : ''}`] : [])] },
    { heading: '五、活动安排', lines: lines(a.arrangements).length ? lines(a.arrangements) : [NONE] },
    { heading: '六、安全保障与应急预案', lines: lines(a.safety).length ? lines(a.safety) : [NONE] },
    { heading: '七、活动总结', lines: lines(a.summary).length ? lines(a.summary) : ['（活动结束后填写）'] },
  ];
}

// attachments are checked by the one file store's rules (files/attachments.ts)
export { checkAttachment, MAX_ATTACHMENT_BYTES, type AttachmentCheck } from '../files/attachments.ts';
