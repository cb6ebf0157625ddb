// Use case `fuzhi batch notice ID --out FILE`: writes the 公示 list (.csv, .xlsx or .pdf) and, for a
// draft, starts its notice period of N working days (default 5). The file is written first, so a
// failed export leaves the batch unchanged.
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor, DataScope } from '../platform/scope.ts';
import { noticeEndDate } from './batch.rules.ts';
import { batchLines, updateBatch, batchRegions } from './batch.repository.ts';
import { checkStep } from './batch-steps.ts';
import { checkSignedOff } from './sign-off.ts';
import { NOTICE_HEADERS, noticeRows, noticeTitle, TEACHER_NOTICE_HEADERS, teacherNoticeRows } from './notice.rules.ts';

export interface NoticeOptions {
  out: string;
  days?: number;
  contact?: string;
  actor: Actor;
  today: string;
  /** the rows written to the file: a school prints the lines of its own students (default all) */
  scope?: DataScope;
}

export async function publishNotice(database: Database, id: number, o: NoticeOptions) {
  const ext = path.extname(o.out).toLowerCase();
  if (!['.csv', '.xlsx', '.pdf'].includes(ext)) throw usageError('公示名单文件须为 .csv、.xlsx 或 .pdf', 'the notice file must end in .csv, .xlsx or .pdf');
  const days = o.days ?? 5;
  if (!Number.isInteger(days) || days < 5) throw usageError('公示期不少于 5 个工作日（--days）', 'the notice period is at least 5 working days (--days)');
  const { batch, next } = await checkStep(database.db, id, 'notice', o.today);
  const first = batch.status === '草稿';
  // the county's approval of each school's list (核准) is what lets a batch go to 公示
  const teacher = batch.payee_kind === 'teacher';
  // (schools' lists of students are signed off; a teacher batch is the county's own list)
  if (first && !teacher) await checkSignedOff(database, { id, school_year: batch.school_year, term: batch.term });
  const start = first ? o.today : batch.notice_start!;
  const end = first ? noticeEndDate(o.today, days) : batch.notice_end!;
  const contact = o.contact ?? batch.contact ?? (teacher ? '县教育局教师工作股' : '学校资助工作办公室');
  const title = noticeTitle({ batchId: id, schoolYear: batch.school_year, term: batch.term, start, end, days: first ? days : batch.notice_days ?? days, contact, period: teacher ? batch.period : null });
  const lines = await batchLines(database.db, id, o.scope);
  const headers = teacher ? TEACHER_NOTICE_HEADERS : NOTICE_HEADERS;
  const rows = teacher ? teacherNoticeRows(lines) : noticeRows(lines);
  // pdfkit (with fontkit) is loaded only when a PDF is asked for: it costs every other command startup time
  const n = ext === '.pdf' ? await (await import('./notice-pdf.ts')).writeNoticePdf(o.out, title, headers, rows) : await writeTable(o.out, headers, rows, { sheetName: '公示名单', title });
  await database.db.transaction().execute(async (trx) => {
    if (first) await updateBatch(trx, id, { status: next, notice_start: start, notice_end: end, notice_days: days, contact, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.notice', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { file: o.out, rows: n, start, end } });
  });
  return { rows: n, file: o.out, batch: id, status: next, noticeStart: start, noticeEnd: end };
}
