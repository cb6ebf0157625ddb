// The teacher roster (教师花名册): import stage "normalize + validate" for one row, and the pure
// figures of the teacher report — training hours (≥ 80 继续教育, ≥ 24 规范性培训), the training rate
// of village teachers, qualification shares and long-service honours (20, 25, 30 years).
import { parseIdNumber } from '../kernel/id-number.ts';
import { parseDate } from '../kernel/dates.ts';
import { normalizeName } from '../kernel/names.ts';
import { cellText, parseYesNo } from '../kernel/values.ts';
import type { TableSpec } from '../files/table-spec.ts';
import type { TeacherTable } from '../db/schools-schema.ts';
import type { Normalized, Problem } from '../registry/normalize.rules.ts';

export type TeacherRecord = Omit<TeacherTable, 'row_hash' | 'rev' | 'created_at' | 'updated_at'>;

export const TEACHER_COLUMNS: TableSpec = {
  kind: 'teachers',
  label: '教师花名册',
  columns: [
    { key: 'name', header: '姓名', aliases: ['教师姓名'], required: true },
    { key: 'idNumber', header: '身份证件号', aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证件号码'], required: true },
    { key: 'schoolCode', header: '学校标识码', aliases: ['学校代码', '任教学校标识码', '任教学校代码'], required: true },
    { key: 'education', header: '学历', aliases: ['最高学历', '最后学历'], required: false },
    { key: 'title', header: '职称', aliases: ['专业技术职务', '职务'], required: false },
    { key: 'village', header: '是否乡村教师', aliases: ['乡村教师', '是否乡村学校教师'], required: false },
    { key: 'years', header: '任教年限', aliases: ['教龄'], required: false },
    { key: 'startMonth', header: '参加工作年月', aliases: ['参加工作时间', '参加工作年份'], required: false },
    { key: 'hours', header: '本年度培训学时', aliases: ['培训学时', '继续教育学时'], required: false },
    { key: 'standardHours', header: '规范性培训学时', aliases: ['其中规范性培训学时'], required: false },
  ],
};

/** 甘洛县《2017年度教育扶贫专项实施方案》二(四)4: 继续教育每人每年不低于80学时，规范性培训不少于24学时. */
export const MIN_CONTINUING_HOURS = 80;
export const MIN_STANDARD_HOURS = 24;
/** domain.md §5: 乡村教师培训率 ≥ 85% (乡村教师 with training this year, of all 乡村教师). */
export const MIN_VILLAGE_TRAINING_RATE = 85;
/** 长期从教表彰: 20, 25 and 30 years (福泉 篇三: 对连续任教满25年的乡村教师颁发荣誉证书). */
export const HONOUR_YEARS = [20, 25, 30] as const;

/** 学历 ranks: what counts as 专科以上 and 本科以上. */
const EDUCATION_RANK: [RegExp, number][] = [
  [/博士|硕士|研究生/, 4],
  [/本科|大学/, 3],
  [/专科|大专/, 2],
];
export function educationRank(education: string | null): number {
  if (!education) return 0;
  for (const [re, rank] of EDUCATION_RANK) if (re.test(education)) return rank;
  return 1;
}

function problem(column: string, value: unknown, zh: string, en: string): Problem {
  return { column, value: cellText(value), zh, en };
}

function optional(v: unknown): string | null {
  const t = cellText(v).trim();
  return t === '' ? null : t;
}

function number(v: unknown, column: string, problems: Problem[]): number | null {
  const t = cellText(v).trim().replace(/学时|年$/g, '');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0 || n > 2000) {
    problems.push(problem(column, v, '应为非负数', 'must be a non-negative number'));
    return null;
  }
  return n;
}

/** One roster row → a teacher record; the county is the school's, so the school must be known. */
export function normalizeTeacherRow(v: Record<string, unknown>, countyOfSchool: (code: string) => string | undefined): Normalized<TeacherRecord> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const name = normalizeName(v.name);
  if (!name) errors.push(problem('姓名', v.name, '姓名为空', 'name is empty'));
  const school = cellText(v.schoolCode).replace(/\s+/g, '');
  const county = countyOfSchool(school);
  if (!county) errors.push(problem('学校标识码', v.schoolCode, '学校标识码不在已导入的学校名单中', 'school code is not in the imported school list'));
  const id = parseIdNumber(v.idNumber);
  if (!id.id) warnings.push(problem('身份证件号', v.idNumber, '身份证件号不可用，按姓名和学校识别', 'ID number unusable; the teacher is known by name and school'));
  const start = parseDate(v.startMonth);
  if (cellText(v.startMonth).trim() !== '' && !start.date) errors.push(problem('参加工作年月', v.startMonth, '日期无法识别（应为 年-月）', 'date not recognised (write year-month)'));
  const years = number(v.years, '任教年限', errors);
  const hours = number(v.hours, '本年度培训学时', errors);
  const standard = number(v.standardHours, '规范性培训学时', errors);
  const village = cellText(v.village).trim() === '' ? null : parseYesNo(v.village);
  if (cellText(v.village).trim() !== '' && village === null) errors.push(problem('是否乡村教师', v.village, '应为 是 或 否', 'must be 是 or 否'));
  if (errors.length > 0 || !county) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    record: {
      teacher_key: id.id ?? `${name}|${school}`,
      county_code: county,
      school_code: school,
      // spaces typed to align a name ('陈 建国', '王 红' with a full-width space) and dot variants are not part of it
      name,
      id_raw: id.raw,
      id_number: id.id,
      id_status: id.status,
      education: optional(v.education),
      title: optional(v.title),
      village: village ? 1 : 0,
      start_month: start.date ? start.date.slice(0, 7) : null,
      years_taught: years === null ? null : Math.floor(years),
      training_hours: hours,
      standard_hours: standard,
    },
  };
}

/**
 * Years of service completed by 教师节 (10 September) at the start of the school year, when honours are
 * given: started 1995-09 → 30 years in school year 2025. A roster with only 任教年限 is taken as given.
 */
export function serviceYears(t: Pick<TeacherRecord, 'start_month' | 'years_taught'>, schoolYear: number): number | null {
  if (t.start_month) {
    const [y, m] = t.start_month.split('-').map(Number);
    return schoolYear - y - (m > 9 ? 1 : 0);
  }
  return t.years_taught;
}

/** The honour (20/25/30 years) that falls due in the school year, or null. */
export function honourDue(t: Pick<TeacherRecord, 'start_month' | 'years_taught'>, schoolYear: number): number | null {
  const y = serviceYears(t, schoolYear);
  return y !== null && (HONOUR_YEARS as readonly number[]).includes(y) ? y : null;
}

export interface TeacherFigures {
  teachers: number;
  continuingMet: number; // ≥ 80 学时
  standardMet: number; // ≥ 24 规范性学时 (or ≥ 24 in total when not split out)
  village: number;
  villageTrained: number; // 乡村教师 with any training this year
  honoursDue: number;
}

export function meetsStandard(t: Pick<TeacherRecord, 'training_hours' | 'standard_hours'>): boolean {
  return (t.standard_hours ?? t.training_hours ?? 0) >= MIN_STANDARD_HOURS;
}

export function teacherFigures(rows: Pick<TeacherRecord, 'training_hours' | 'standard_hours' | 'village' | 'start_month' | 'years_taught'>[], schoolYear: number): TeacherFigures {
  const f: TeacherFigures = { teachers: rows.length, continuingMet: 0, standardMet: 0, village: 0, villageTrained: 0, honoursDue: 0 };
  for (const t of rows) {
    if ((t.training_hours ?? 0) >= MIN_CONTINUING_HOURS) f.continuingMet++;
    if (meetsStandard(t)) f.standardMet++;
    if (t.village) {
      f.village++;
      if ((t.training_hours ?? 0) > 0) f.villageTrained++;
    }
    if (honourDue(t, schoolYear) !== null) f.honoursDue++;
  }
  return f;
}

/** 办学类型 → the stage whose qualification target applies (小学 专科以上, 初中 本科以上). */
export function qualificationStage(schoolType: string): '小学' | '初中' | null {
  if (/幼儿园|小学|教学点/.test(schoolType)) return '小学';
  if (/初级中学|九年一贯制|完全中学/.test(schoolType)) return '初中';
  return null;
}
