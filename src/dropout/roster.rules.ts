// Import stage "normalize + validate" for the township roster and the absences: one raw row → a
// clean record or the reasons it is rejected, plus warnings for what is kept but unusable. Pure.
import { birthDateFromId, parseIdNumber, sexFromId } from '../kernel/id-number.ts';
import { parseDate } from '../kernel/dates.ts';
import { nameKey, normalizeName } from '../kernel/names.ts';
import { normalizeRegionCode } from '../kernel/region-code.ts';
import { parseStudentNo } from '../kernel/student-no.ts';
import { cellText, parseSex } from '../kernel/values.ts';
import type { AttendanceTable, RosterChildTable } from '../db/dropout-schema.ts';
import type { Normalized, Problem } from '../registry/normalize.rules.ts';
import { ABSENCE_KINDS } from './dropout.columns.ts';

type Stored<T> = Omit<T, 'row_hash' | 'rev' | 'created_at' | 'updated_at'>;
export type RosterRecord = Stored<RosterChildTable>;
export type AttendanceRecord = Stored<AttendanceTable>;
type Values = Record<string, unknown>;

const ID_WARNINGS: Record<string, [string, string]> = {
  excel_destroyed: ['身份证号已被 Excel 转成数字，末位已丢失，按缺失处理（仍按姓名、出生日期比对）', 'ID number was turned into a number by Excel; treated as missing (name and birth date still compared)'],
  bad_checksum: ['身份证号校验位不符（可能录错一位），仍参与近似比对', 'ID number check digit is wrong (probably one digit mistyped); still used for near matching'],
  bad_date: ['身份证号中的出生日期不存在', 'ID number holds an impossible birth date'],
  truncated17: ['身份证号只有 17 位（缺末位）', 'ID number has only 17 characters (last one missing)'],
  malformed: ['身份证号格式不正确', 'ID number is malformed'],
};

function problem(column: string, value: unknown, zh: string, en: string): Problem {
  return { column, value: cellText(value), zh, en };
}

function optional(v: unknown): string | null {
  const t = cellText(v).trim();
  return t === '' ? null : t;
}

/** A roster child without a usable ID is known by name, birth date and hukou region. */
export function rosterKeyOf(r: Pick<RosterRecord, 'id_number' | 'name_norm' | 'birth_date' | 'hukou_region'>): string {
  return r.id_number ?? `${r.name_norm}|${r.birth_date ?? '?'}|${r.hukou_region ?? '?'}`;
}

export function normalizeRosterRow(v: Values): Normalized<RosterRecord> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const name = normalizeName(v.name);
  if (!name) errors.push(problem('姓名', v.name, '姓名为空', 'name is empty'));
  const id = parseIdNumber(v.idNumber);
  const w = ID_WARNINGS[id.status];
  if (w) warnings.push(problem('身份证件号', v.idNumber, w[0], w[1]));
  const d = parseDate(v.birthDate);
  if (d.problem === 'unparseable' || d.problem === 'impossible') warnings.push(problem('出生日期', v.birthDate, '日期无法识别，按缺失处理', 'date not recognised; treated as missing'));
  const fromId = id.id ? birthDateFromId(id.id) : null;
  const birth = d.date && !(d.precision === 'month' && fromId?.startsWith(d.date.slice(0, 7))) ? d.date : (fromId ?? d.date);
  const hukou = normalizeRegionCode(v.hukouRegion);
  if (!hukou && cellText(v.hukouRegion) !== '') warnings.push(problem('户籍行政区划代码', v.hukouRegion, '户籍行政区划代码无法识别', 'hukou region code not recognised'));
  const county = hukou?.slice(0, 6) ?? id.id?.slice(0, 6) ?? null;
  if (!county && errors.length === 0) {
    errors.push(problem('户籍行政区划代码', v.hukouRegion, '缺少户籍行政区划代码且身份证号不可用，无法确定所属县', 'no hukou region code and no usable ID: the county is unknown'));
  }
  if (!birth && !id.id && errors.length === 0) {
    errors.push(problem('出生日期', v.birthDate, '出生日期和身份证号都不可用，无法判断是否适龄', 'neither a birth date nor a usable ID: the age is unknown'));
  }
  if (errors.length > 0 || !county) return { ok: false, errors, warnings };
  const record: RosterRecord = {
    roster_key: '',
    county_code: county,
    name: cellText(v.name),
    name_norm: name,
    name_key: nameKey(name),
    sex: parseSex(v.sex) ?? (id.id ? sexFromId(id.id) : null),
    id_raw: id.raw,
    id_number: id.id,
    id_status: id.status,
    birth_date: birth,
    hukou_region: hukou,
    address: optional(v.address),
    guardian_name: optional(v.guardianName),
    guardian_phone: optional(v.guardianPhone),
  };
  record.roster_key = rosterKeyOf(record);
  return { ok: true, warnings, record };
}

/** 学籍号 → county code of the students in the roll (an absence of an unknown student is rejected). */
export type StudentCounty = (studentNo: string) => string | undefined;

export function normalizeAttendanceRow(v: Values, countyOf: StudentCounty): Normalized<AttendanceRecord> {
  const errors: Problem[] = [];
  const no = parseStudentNo(v.studentNo).value;
  const county = no ? countyOf(no) : undefined;
  if (!no) errors.push(problem('学籍号', v.studentNo, '学籍号为空', 'student number is empty'));
  else if (!county) errors.push(problem('学籍号', v.studentNo, '学籍号不在已导入的学籍名单中', 'student number is not in the imported 学籍 roster'));
  const d = parseDate(v.date);
  if (!d.date || d.precision !== 'day') errors.push(problem('日期', v.date, '日期无法识别（应为 年-月-日）', 'date not recognised (write year-month-day)'));
  const kind = cellText(v.kind).replace(/\s+/g, '');
  if (!(ABSENCE_KINDS as readonly string[]).includes(kind)) {
    errors.push(problem('缺勤类型', v.kind, `缺勤类型应为 ${ABSENCE_KINDS.join('、')} 之一`, `absence kind must be one of ${ABSENCE_KINDS.join(', ')}`));
  }
  if (errors.length > 0 || !no || !county || !d.date) return { ok: false, errors, warnings: [] };
  return {
    ok: true,
    warnings: [],
    record: { record_key: `${no}|${d.date}`, county_code: county, student_no: no, absence_date: d.date, kind, reason: optional(v.reason) },
  };
}
