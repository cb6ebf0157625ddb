// The date every command sees: FUZHI_TODAY=YYYY-MM-DD for rehearsals and tests, else the system date.
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const forced = env.FUZHI_TODAY;
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  return new Date().toISOString().slice(0, 10);
}

/** Whether FUZHI_TODAY is in force (each use is written to the audit log). */
export function todayIsForced(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.FUZHI_TODAY);
}

export function nowIso(): string {
  return new Date().toISOString();
}
