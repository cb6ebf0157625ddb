// What a 公示 list shows: name, school, grade, item and amount only — no ID or bank number, no
// address, and no wording that shames (建档立卡, 低保, 脱贫... become 家庭经济困难学生).
import type { BatchLine } from './batch.repository.ts';
import { fenToYuan } from '../kernel/money.ts';

export const NOTICE_HEADERS = ['序号', '姓名', '学校', '年级', '资助项目', '金额'];

const LABELS = /(?:建档立卡|低保|特困|孤儿|残疾|脱贫|返贫|贫困|监测|边缘易致贫|突发严重困难)+/g;

/** Removes poverty labels from any text shown in public (an item name may carry one). */
export function publicText(text: string): string {
  return text.replace(LABELS, '家庭经济困难');
}

export function noticeRows(lines: BatchLine[]): (string | number)[][] {
  return lines.map((l, i) => [i + 1, l.name, l.school_name, l.grade ?? '', publicText(l.item_name), fenToYuan(l.amount_fen)]);
}

/** A teacher batch's 公示: 姓名, 学校, 项目, 金额 — no ID or bank number. */
export const TEACHER_NOTICE_HEADERS = ['序号', '姓名', '学校', '补助项目', '金额'];

export function teacherNoticeRows(lines: BatchLine[]): (string | number)[][] {
  return lines.map((l, i) => [i + 1, l.name, l.school_name, l.item_name, fenToYuan(l.amount_fen)]);
}

export interface NoticeHeader {
  batchId: number;
  schoolYear: number;
  term: string;
  start: string;
  end: string;
  days: number;
  contact: string;
  /** a teacher batch: the payables' period (YYYY-MM or a school year) */
  period?: string | null;
}

function subject(h: NoticeHeader): string {
  if (!h.period) return `${h.schoolYear}—${h.schoolYear + 1}学年${h.term}学期家庭经济困难学生资助名单公示`;
  const when = /-/.test(h.period) ? `${h.period.replace('-', '年')}月` : `${h.period}—${Number(h.period) + 1}学年`;
  return `${when}乡村教师补助发放名单公示`;
}

export function noticeTitle(h: NoticeHeader): string[] {
  return [
    `${subject(h)}（发放批次 ${h.batchId}）`,
    `公示期：${h.start} 至 ${h.end}（${h.days} 个工作日）`,
    `如有异议，请在公示期内向${h.contact}反映（实名反映，3 个工作日内答复）。`,
  ];
}
