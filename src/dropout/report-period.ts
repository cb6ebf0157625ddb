// Use case "report dropout --period P" (四个一): the figures of one month, quarter, term or school year
// per township and school, from the cases' history — opened, verified and closed, confirmed out,
// brought back — within the actor's scope; and the periods due for the viewer's level.
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { caseEventsBetween } from './dropout.repository.ts';
import { levelsOfRole, parsePeriod, periodFigures, reportsDue, type DuePeriod } from './rhythm.rules.ts';

export const PERIOD_HEADERS = ['报告期', '层级', '代码', '新立案', '核查排除', '确认辍学', '劝返复学'];

export async function reportDropoutPeriod(database: Database, opts: { out: string; period: string; actor: Actor }): Promise<{ rows: number; out: string; period: string; opened: number; closed: number; confirmed: number; returned: number }> {
  const p = parsePeriod(opts.period);
  if (!p) throw usageError(`报告期“${opts.period}”无法识别：写作 2026-11（月）、2026Q3（季）、2025秋季（学期）或 2025学年`, `period "${opts.period}" not understood: write 2026-11, 2026Q3, 2025秋季 or 2025学年`);
  const events = await caseEventsBetween(database.db, scopeOf(opts.actor), p.start, p.end);
  const lines = periodFigures(
    events.map((e) => ({ caseNo: e.case_no, action: e.action, toStatus: e.to_status, date: e.event_date ?? e.at.slice(0, 10), township: e.township_code, school: e.assigned_school ?? e.school_code })),
    p.start,
    p.end,
  );
  const n = await writeTable(opts.out, PERIOD_HEADERS, lines.map((l) => [p.period, l.level, l.code, l.opened, l.closed, l.confirmed, l.returned]), { sheetName: `控辍保学${p.cadence}`, textColumns: [2] });
  const towns = lines.filter((l) => l.level === '乡镇');
  const sum = (k: 'opened' | 'closed' | 'confirmed' | 'returned') => towns.reduce((s, l) => s + l[k], 0);
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.dropout.period', target: opts.out, detail: { rows: n, period: p.period } });
  return { rows: n, out: opts.out, period: p.period, opened: sum('opened'), closed: sum('closed'), confirmed: sum('confirmed'), returned: sum('returned') };
}

/** The reports due for the viewer's levels on `today` (Asia/Shanghai, kernel/clock). */
export function reportsDueFor(actor: Actor, today: string): DuePeriod[] {
  return levelsOfRole(actor.role).flatMap((level) => reportsDue(level, today));
}
