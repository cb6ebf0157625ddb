// 结对帮扶 (包保责任制) and 遍访 coverage as pure rules: how many households a helper may take, and
// the coverage figures per school and township from plain records. No database, no clock.
// Source: domain.md §4 (Fuquan seed 篇 on 包保责任制: 校领导包 2–3 户贫困户学生, 教师包 1–2 户;
// 遍访全覆盖 — every household and left-behind child visited).
import { FuzhiError, usageError } from '../kernel/errors.ts';

export const HELPER_ROLES = ['school', 'teacher', 'cadre'] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];
export const HELPER_ROLE_LABEL: Record<HelperRole, string> = { school: '校领导', teacher: '教师', cadre: '干部' };
export const HOUSEHOLD_VISIT_KINDS = ['入户走访', '电话', '视频'] as const;

export interface PairingLimit {
  min: number;
  max: number;
}
/** School leaders 2–3 households, teachers 1–2; cadres (驻村干部) are not limited by the seeds. */
export const DEFAULT_PAIRING_LIMITS: Record<'school' | 'teacher', PairingLimit> = { school: { min: 2, max: 3 }, teacher: { min: 1, max: 2 } };

/** The configured limits: `school=2-3,teacher=1-2` (FUZHI_PAIRING_LIMITS), each part optional; defaults otherwise. */
export function parsePairingLimits(text: string | undefined): Record<'school' | 'teacher', PairingLimit> {
  const limits = { school: { ...DEFAULT_PAIRING_LIMITS.school }, teacher: { ...DEFAULT_PAIRING_LIMITS.teacher } };
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(school|teacher)=(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw usageError(`结对户数上限设置“${part}”无效，应如 school=2-3,teacher=1-2`, `pairing limit "${part}" is invalid; write e.g. school=2-3,teacher=1-2`);
    const [min, max] = m[3] === undefined ? [1, Number(m[2])] : [Number(m[2]), Number(m[3])];
    if (max < 1 || min > max) throw usageError(`结对户数上限设置“${part}”无效`, `pairing limit "${part}" is invalid`);
    limits[m[1] as 'school' | 'teacher'] = { min, max };
  }
  return limits;
}

/**
 * Whether a helper may take one more household (they hold `current` others): refused beyond the
 * limit; a warning while below the minimum the responsibility system expects.
 */
export function checkPairingLimit(role: HelperRole, current: number, limits: Record<'school' | 'teacher', PairingLimit>, helper: string): { warning: string | null } {
  if (role === 'cadre') return { warning: null };
  const limit = limits[role];
  const label = HELPER_ROLE_LABEL[role];
  if (current + 1 > limit.max) {
    throw new FuzhiError('PAIRING_LIMIT', `${label} ${helper} 已结对 ${current} 户，超过上限 ${limit.max} 户（${label}包 ${limit.min}–${limit.max} 户）`, `${helper} already has ${current} households; a ${role === 'school' ? 'school leader' : 'teacher'} takes at most ${limit.max}`, {
      status: 409,
      exitCode: 1,
    });
  }
  return { warning: current + 1 < limit.min ? `${label} ${helper} 目前结对 ${current + 1} 户，少于应包的 ${limit.min} 户 / below the expected ${limit.min} households` : null };
}

export interface CoverageHousehold {
  householdNo: string;
  townshipCode: string;
  /** the school of the helper when a school leader or teacher holds the pairing */
  schoolCode: string | null;
  paired: boolean;
  visited: boolean;
}
export interface CoverageChild {
  studentNo: string;
  schoolCode: string;
  townshipCode: string;
  visited: boolean;
}
export interface VisitCoverageLine {
  level: '学校' | '乡镇';
  code: string;
  /** 学校: households paired to its staff; 乡镇: every registry household of its villages */
  households: number;
  paired: number;
  visited: number;
  coverage: number | null;
  leftBehind: number;
  leftBehindVisited: number;
  leftBehindCoverage: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * 遍访 coverage: per school, its staff's paired households and its left-behind children; per
 * township, all registry households of its villages and the left-behind children of its schools.
 * Coverage = visited ÷ households; each household and child counted once.
 */
export function visitCoverage(households: readonly CoverageHousehold[], children: readonly CoverageChild[]): VisitCoverageLine[] {
  const lines = new Map<string, VisitCoverageLine>();
  const line = (level: VisitCoverageLine['level'], code: string) => {
    const k = `${level}|${code}`;
    let l = lines.get(k);
    if (!l) lines.set(k, (l = { level, code, households: 0, paired: 0, visited: 0, coverage: null, leftBehind: 0, leftBehindVisited: 0, leftBehindCoverage: null }));
    return l;
  };
  const seenH = new Set<string>();
  for (const h of households) {
    if (seenH.has(h.householdNo)) continue;
    seenH.add(h.householdNo);
    const targets = [line('乡镇', h.townshipCode)];
    if (h.paired && h.schoolCode) targets.push(line('学校', h.schoolCode));
    for (const l of targets) {
      l.households++;
      if (h.paired) l.paired++;
      if (h.visited) l.visited++;
    }
  }
  const seenC = new Set<string>();
  for (const c of children) {
    if (seenC.has(c.studentNo)) continue;
    seenC.add(c.studentNo);
    for (const l of [line('学校', c.schoolCode), line('乡镇', c.townshipCode)]) {
      l.leftBehind++;
      if (c.visited) l.leftBehindVisited++;
    }
  }
  const out = [...lines.values()].sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === '学校' ? -1 : 1));
  for (const l of out) {
    l.coverage = ratio(l.visited, l.households);
    l.leftBehindCoverage = ratio(l.leftBehindVisited, l.leftBehind);
  }
  return out;
}
