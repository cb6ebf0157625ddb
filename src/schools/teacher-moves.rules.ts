// Teacher moves and payables (domain.md §5), pure: what a 交流轮岗 / 支教 / 特岗 record may say, the
// rotation figures of a school year (≥ 10% of eligible teachers, ≥ 30% of them excellent/senior/
// first-level; Liangshan ≥ 5%), and which rural subsidies and tuition refunds a teacher is owed.
import { serviceYears } from './teacher.rules.ts';
import type { TeacherTable } from '../db/schools-schema.ts';

export const MOVE_KINDS = ['交流轮岗', '支教', '特岗'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** 日照 种子002 篇6 二(五)：“每学年教师交流轮岗比例不低于应交流教师总数的10%”; domain.md §5: ≥ 30% of them backbone. */
export const ROTATION_TARGET = 10;
/** 甘洛县（凉山州）种子001 二(四)：“每年交流轮换教师不低于在职教师总数的5%”. */
export const ROTATION_TARGET_LIANGSHAN = 5;
export const BACKBONE_TARGET = 30;
/** A teacher is due to rotate after six years of service (交流轮岗 applies to 任教满6年的教师). */
export const ROTATION_ELIGIBLE_YEARS = 6;

export function rotationTarget(countyCode: string): number {
  return countyCode.startsWith('5134') ? ROTATION_TARGET_LIANGSHAN : ROTATION_TARGET;
}

/** 优秀 / 骨干 / 特级 / 高级 / 一级: what the ≥ 30% counts. */
export function isBackbone(title: string | null): boolean {
  return title !== null && /高级|一级|特级|骨干|优秀|学科带头人/.test(title);
}

export interface MoveInput {
  kind: string;
  from_school: string | null;
  to_school: string;
  start_on: string;
  end_on: string | null;
}

/** Why a move is refused, or null. 支教 lasts at least a year (domain.md §5). */
export function moveProblem(m: MoveInput): { zh: string; en: string } | null {
  if (!(MOVE_KINDS as readonly string[]).includes(m.kind)) return { zh: `类型应为 ${MOVE_KINDS.join('、')} 之一`, en: `kind must be one of ${MOVE_KINDS.join(', ')}` };
  if (m.end_on !== null && m.end_on < m.start_on) return { zh: '结束日期早于开始日期', en: 'the end is before the start' };
  if (m.kind === '特岗') return m.from_school ? { zh: '特岗招聘没有原学校（不要给 --from）', en: 'a 特岗 hire has no previous school (no --from)' } : null;
  if (!m.from_school) return { zh: `${m.kind}须给出原学校（--from）`, en: `${m.kind} needs the previous school (--from)` };
  if (m.from_school === m.to_school) return { zh: '原学校与交流学校相同', en: 'the previous and the new school are the same' };
  if (m.kind === '支教') {
    if (!m.end_on) return { zh: '支教须给出结束日期（--end），时间不少于一年', en: '支教 needs an end date (--end), at least one year on' };
    const [y, mo, d] = m.start_on.split('-');
    if (m.end_on < `${Number(y) + 1}-${mo}-${d}`.replace(/-02-29$/, '-02-28')) return { zh: `支教时间不少于一年（${m.start_on} 起至少到 ${Number(y) + 1}-${mo}-${d}）`, en: '支教 lasts at least one year' };
  }
  return null;
}

type Teacher = Pick<TeacherTable, 'teacher_key' | 'school_code' | 'title' | 'start_month' | 'years_taught'>;

export interface RotationLine {
  school: string;
  eligible: number;
  rotated: number;
  backbone: number;
}

export interface RotationFigures {
  eligible: number;
  rotated: number;
  backbone: number;
  rate: number | null; // %
  backboneShare: number | null; // % of the rotated
  target: number;
  meets: boolean;
  bySchool: RotationLine[];
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);

/**
 * Rotation of one school year: teachers with ≥ 6 years of service at the start of the year (特岗
 * hires excluded) are eligible; a 交流轮岗 or 支教 move of the year counts the teacher once, at the
 * school they left.
 */
export function rotationFigures(teachers: Teacher[], moves: { teacher_key: string; kind: string; school_year: number; from_school: string | null; backbone: number }[], schoolYear: number, countyCode: string): RotationFigures {
  const hired = new Set(moves.filter((m) => m.kind === '特岗').map((m) => m.teacher_key));
  const eligible = teachers.filter((t) => !hired.has(t.teacher_key) && (serviceYears(t, schoolYear) ?? 0) >= ROTATION_ELIGIBLE_YEARS);
  const moved = new Map<string, { from: string; backbone: boolean }>();
  for (const m of moves) if (m.school_year === schoolYear && m.kind !== '特岗' && m.from_school && !moved.has(m.teacher_key)) moved.set(m.teacher_key, { from: m.from_school, backbone: m.backbone === 1 });
  const schools = new Map<string, RotationLine>();
  const line = (code: string) => schools.get(code) ?? schools.set(code, { school: code, eligible: 0, rotated: 0, backbone: 0 }).get(code)!;
  for (const t of eligible) line(t.school_code).eligible++;
  for (const m of moved.values()) {
    const l = line(m.from);
    l.rotated++;
    if (m.backbone) l.backbone++;
  }
  const rotated = moved.size;
  const backbone = [...moved.values()].filter((m) => m.backbone).length;
  const rate = pct(rotated, eligible.length);
  const backboneShare = pct(backbone, rotated);
  const target = rotationTarget(countyCode);
  return {
    eligible: eligible.length, rotated, backbone, rate, backboneShare, target,
    meets: rate !== null && rate >= target && (backboneShare ?? 0) >= BACKBONE_TARGET,
    bySchool: [...schools.values()].sort((a, b) => a.school.localeCompare(b.school)),
  };
}

export const PAYABLE_ITEMS = {
  township: { name: '乡镇工作补贴', monthlyFen: 30_000, basis: '种子003：“落实每月300元乡镇补贴”（在乡镇及以下学校任教的教师）' },
  village: { name: '乡村教师生活补助', monthlyFen: 50_000, basis: '种子003：“每月500元乡村教师生活补助”（乡村学校、教学点教师）' },
  tuition: { name: '新任乡村教师学费补偿', yearlyFen: 500_000, basis: '扶智《领域说明》§5：新任乡村教师任教满一年后每年补偿学费5000元，共4年（种子文件中未见原文，待县局补录文件依据）' },
} as const;

/** A school in 乡/镇/村 (城乡类型), or a teacher marked 乡村教师, works below the county town. */
export function townshipSchool(urbanRural: string | null): boolean {
  return urbanRural !== null && /乡|镇|村/.test(urbanRural);
}

export interface PayableItem {
  item: string;
  period: string;
  amount_fen: number;
  basis: string;
}

/** What one teacher is owed for a month: 乡镇补贴 300 in a township school, 生活补助 500 as a village teacher. */
export function monthlyPayables(t: Pick<TeacherTable, 'village'>, urbanRural: string | null, month: string): PayableItem[] {
  const items: PayableItem[] = [];
  if (townshipSchool(urbanRural) || t.village === 1) items.push({ item: PAYABLE_ITEMS.township.name, period: month, amount_fen: PAYABLE_ITEMS.township.monthlyFen, basis: PAYABLE_ITEMS.township.basis });
  if (t.village === 1) items.push({ item: PAYABLE_ITEMS.village.name, period: month, amount_fen: PAYABLE_ITEMS.village.monthlyFen, basis: PAYABLE_ITEMS.village.basis });
  return items;
}

/** 学费补偿: a village teacher in the 2nd to 5th year of service (1–4 years completed) is owed 5000 for the year. */
export function tuitionRefund(t: Pick<TeacherTable, 'village' | 'start_month' | 'years_taught'>, schoolYear: number): PayableItem | null {
  const years = serviceYears(t, schoolYear);
  if (t.village !== 1 || years === null || years < 1 || years > 4) return null;
  return { item: PAYABLE_ITEMS.tuition.name, period: String(schoolYear), amount_fen: PAYABLE_ITEMS.tuition.yearlyFen, basis: `${PAYABLE_ITEMS.tuition.basis}；本学年为任教第${years + 1}年` };
}
