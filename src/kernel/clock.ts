// The date every command sees: FUZHI_TODAY=YYYY-MM-DD for rehearsals and tests, else the date in
// Asia/Shanghai (公示 periods, deadlines and every date people see are Beijing dates, not UTC ones).
// Stored timestamps stay ISO UTC (nowIso), so that sorting and comparing them stays simple.
import { shanghaiDate } from './dates.ts';

export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const forced = env.FUZHI_TODAY;
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  return shanghaiDate(now);
}

/** Whether FUZHI_TODAY is in force (each use is written to the audit log). */
export function todayIsForced(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.FUZHI_TODAY);
}

export function nowIso(): string {
  return new Date().toISOString();
}
