// 四个一 reporting rhythm of 控辍保学 (domain.md §3): schools report monthly, counties quarterly, cities
// each term, the province each school year. Pure: which periods of a level are in progress, due or
// past their deadline on a given Asia/Shanghai date (kernel/clock today()). The deadlines are the
// bureau's working convention (the seeds fix the rhythm, not the day): the 5th of the next month,
// the 10th after a quarter, 15 days after a term (termDates), 30 September after a school year.
import { termDates, type Term } from '../kernel/school-year.ts';

export const RHYTHM = [
  { level: '学校', cadence: '月报' },
  { level: '县', cadence: '季报' },
  { level: '市', cadence: '学期报' },
  { level: '省', cadence: '学年报' },
] as const;
export type RhythmLevel = (typeof RHYTHM)[number]['level'];

export interface DuePeriod {
  level: RhythmLevel;
  cadence: string;
  period: string; // 2026-11, 2026Q3, 2025秋季, 2025学年
  start: string;
  end: string;
  due: string;
  status: '进行中' | '待报送' | '已过截止日';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m 1..12
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const nextMonthDay = (y: number, m: number, day: number) => (m === 12 ? `${y + 1}-01-${pad(day)}` : `${y}-${pad(m + 1)}-${pad(day)}`);

function periodsOf(level: RhythmLevel, today: string, count: number): Omit<DuePeriod, 'status' | 'level' | 'cadence'>[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out: Omit<DuePeriod, 'status' | 'level' | 'cadence'>[] = [];
  switch (level) {
    case '学校':
      for (let k = 0; k < count; k++) {
        const mm = ((m - 1 - k + 120) % 12) + 1;
        const yy = y - Math.ceil(Math.max(0, k - (m - 1)) / 12);
        out.push({ period: `${yy}-${pad(mm)}`, start: `${yy}-${pad(mm)}-01`, end: `${yy}-${pad(mm)}-${pad(lastDay(yy, mm))}`, due: nextMonthDay(yy, mm, 5) });
      }
      return out;
    case '县': {
      const q = Math.ceil(m / 3);
      for (let k = 0; k < count; k++) {
        const idx = y * 4 + (q - 1) - k;
        const yy = Math.floor(idx / 4);
        const qq = (idx % 4) + 1;
        const endM = qq * 3;
        out.push({ period: `${yy}Q${qq}`, start: `${yy}-${pad(endM - 2)}-01`, end: `${yy}-${pad(endM)}-${pad(lastDay(yy, endM))}`, due: nextMonthDay(yy, endM, 10) });
      }
      return out;
    }
    case '市': {
      // the term containing today, or the last one ended (February and August belong to the term before)
      let year = m >= 9 ? y : y - 1;
      let term: Term = m >= 9 || m <= 2 ? '秋季' : '春季';
      for (let k = 0; k < count; k++) {
        const t = termDates(year, term);
        out.push({ period: `${year}${term}`, start: t.start, end: t.end, due: addDays(t.end, 15) });
        if (term === '春季') term = '秋季';
        else [year, term] = [year - 1, '春季'];
      }
      return out;
    }
    case '省': {
      const start = m >= 9 ? y : y - 1;
      for (let k = 0; k < count; k++) out.push({ period: `${start - k}学年`, start: `${start - k}-09-01`, end: `${start - k + 1}-08-31`, due: `${start - k + 1}-09-30` });
      return out;
    }
  }
}

/** The current period and the `count - 1` before it, newest first, with their status on `today`. */
export function reportsDue(level: RhythmLevel, today: string, count = 3): DuePeriod[] {
  const cadence = RHYTHM.find((r) => r.level === level)!.cadence;
  return periodsOf(level, today, count).map((p) => ({ level, cadence, ...p, status: today <= p.end ? '进行中' : today <= p.due ? '待报送' : '已过截止日' }));
}

/** The levels whose reports a role files or oversees: a school its monthly report, a county or township the quarterly, the bureau's administrator and inspectors all. */
export function levelsOfRole(role: string): RhythmLevel[] {
  if (role === 'school') return ['学校'];
  if (role === 'county' || role === 'township') return ['学校', '县'];
  if (role === 'admin' || role === 'inspector') return ['学校', '县', '市', '省'];
  return [];
}

/** A period as people write it: 2026-11 (month), 2026Q3 (quarter), 2025秋季 / 2025春季 (term), 2025学年. */
export function parsePeriod(text: string): { period: string; start: string; end: string; cadence: string } | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const [y, mm] = [Number(m[1]), Number(m[2])];
    return { period: `${y}-${pad(mm)}`, start: `${y}-${pad(mm)}-01`, end: `${y}-${pad(mm)}-${pad(lastDay(y, mm))}`, cadence: '月报' };
  }
  m = /^(\d{4})[Qq]([1-4])$/.exec(s);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { period: `${y}Q${q}`, start: `${y}-${pad(q * 3 - 2)}-01`, end: `${y}-${pad(q * 3)}-${pad(lastDay(y, q * 3))}`, cadence: '季报' };
  }
  m = /^(\d{4})(秋季|春季)$/.exec(s);
  if (m) return { period: s, ...termDates(Number(m[1]), m[2] as Term), cadence: '学期报' };
  m = /^(\d{4})学年$/.exec(s);
  if (m) return { period: s, start: `${m[1]}-09-01`, end: `${Number(m[1]) + 1}-08-31`, cadence: '学年报' };
  return null;
}

export interface PeriodEvent {
  caseNo: string;
  action: string; // open | close | confirm | return | …
  toStatus: string | null;
  date: string;
  township: string | null;
  school: string | null;
}

export interface PeriodLine {
  level: '乡镇' | '学校';
  code: string;
  opened: number;
  closed: number;
  confirmed: number;
  returned: number;
}

/** Per township and school: cases opened, verified and closed, confirmed out, brought back within the period. */
export function periodFigures(events: readonly PeriodEvent[], start: string, end: string): PeriodLine[] {
  const lines = new Map<string, PeriodLine>();
  const line = (level: PeriodLine['level'], code: string) => {
    const k = `${level}|${code}`;
    return lines.get(k) ?? lines.set(k, { level, code, opened: 0, closed: 0, confirmed: 0, returned: 0 }).get(k)!;
  };
  for (const e of events) {
    if (e.date < start || e.date > end) continue;
    const targets = [e.township ? line('乡镇', e.township) : null, e.school ? line('学校', e.school) : null].filter((x) => x !== null);
    for (const l of targets) {
      if (e.action === 'open') l.opened++;
      else if (e.action === 'close') l.closed++;
      else if (e.action === 'confirm') l.confirmed++;
      else if (e.action === 'return' && e.toStatus !== '已排除') l.returned++;
      else if (e.action === 'return') l.closed++; // 外地就读已核实 closes the case
    }
  }
  return [...lines.values()].sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === '乡镇' ? -1 : 1));
}
