// Import stage "normalize + validate": one raw row of a list → a clean record, or the reasons it
// is rejected, plus warnings for what was kept but is unusable (an ID destroyed by Excel…). Pure.
import { parseIdNumber, birthDateFromId, sexFromId, type IdParse } from '../kernel/id-number.ts';
import { parseStudentNo } from '../kernel/student-no.ts';
import { parseDate } from '../kernel/dates.ts';
import { normalizeName, nameKey } from '../kernel/names.ts';
import { normalizeRegionCode } from '../kernel/region-code.ts';
import { parseSex, parseYesNo, cellText } from '../kernel/values.ts';
import { canonicalStage, inferStage } from '../kernel/stage.ts';
import type { MemberTable, SchoolTable, StudentTable } from '../db/schema.ts';
import { HOUSEHOLD_TYPES, SCHOOL_TYPES, STUDENT_STATUSES } from './registry.columns.ts';

export interface Problem {
  column: string; // the canonical Chinese header
  value: string;
  zh: string;
  en: string;
}

export type Normalized<T> = { ok: true; record: T; warnings: Problem[] } | { ok: false; errors: Problem[]; warnings: Problem[] };

/** What an import writes, before the bookkeeping columns (hash, revision, timestamps). */
type Stored<T> = Omit<T, 'row_hash' | 'rev' | 'created_at' | 'updated_at'>;
export type SchoolRecord = Stored<SchoolTable>;
export type StudentRecord = Stored<StudentTable>;
export type MemberRecord = Stored<MemberTable>;

type Values = Record<string, unknown>;

const ID_WARNINGS: Record<string, [string, string]> = {
  excel_destroyed: ['身份证号已被 Excel 转成科学计数法或数字，末位已丢失，按缺失处理', 'ID number was turned into a number by Excel and lost its last digits; treated as missing'],
  bad_checksum: ['身份证号校验位不符（可能录错一位），按不可用处理，仍参与近似比对', 'ID number check digit is wrong (probably one digit mistyped); unusable, still used for near matching'],
  bad_date: ['身份证号中的出生日期不存在', 'ID number holds an impossible birth date'],
  truncated17: ['身份证号只有 17 位（缺末位）', 'ID number has only 17 characters (last one missing)'],
  malformed: ['身份证号格式不正确', 'ID number is malformed'],
};

function text(v: unknown): string {
  return cellText(v).trim();
}

function problem(column: string, value: unknown, zh: string, en: string): Problem {
  return { column, value: cellText(value), zh, en };
}

/** The usable ID and the warning, if any, for an ID cell. */
function idOf(raw: unknown, column: string, warnings: Problem[]): IdParse {
  const parsed = parseIdNumber(raw);
  const w = ID_WARNINGS[parsed.status];
  if (w) warnings.push(problem(column, raw, w[0], w[1]));
  return parsed;
}

/** The birth date: the stated one, made exact by the ID when the cell kept only the month (出生年月). */
function birthOf(raw: unknown, column: string, warnings: Problem[], id: string | null): string | null {
  const d = parseDate(raw);
  if (d.problem === 'unparseable' || d.problem === 'impossible') {
    warnings.push(problem(column, raw, '日期无法识别，按缺失处理', 'date not recognised; treated as missing'));
  }
  const fromId = id ? birthDateFromId(id) : null;
  if (!d.date) return fromId;
  if (d.precision === 'month' && fromId?.startsWith(d.date.slice(0, 7))) return fromId;
  return d.date;
}

function optionalText(v: unknown): string | null {
  const t = text(v);
  return t === '' ? null : t;
}

function yearOf(raw: unknown, column: string, warnings: Problem[]): number | null {
  const t = text(raw).replace(/年$/, '');
  if (t === '') return null;
  const n = Number(t.slice(0, 4));
  if (/^\d{4}/.test(t) && n >= 1990 && n <= 2100) return n;
  warnings.push(problem(column, raw, '年度无法识别，按缺失处理', 'year not recognised; treated as missing'));
  return null;
}

/** The ID cell lost its last digits to Excel (…000) while the 学籍号 keeps the whole ID. */
function excelTail(id: string, embedded: string): boolean {
  return id !== embedded && id.endsWith('000') && id.slice(0, 15) === embedded.slice(0, 15);
}

export function normalizeSchool(v: Values): Normalized<SchoolRecord> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const code = text(v.code).replace(/^['‘’`]/, '').replace(/\s+/g, '');
  if (!/^\d{10}$/.test(code)) errors.push(problem('学校标识码', v.code, '学校标识码应为 10 位数字', 'school code must be 10 digits'));
  const name = text(v.name).replace(/\s+/g, '');
  if (!name) errors.push(problem('学校名称', v.name, '学校名称为空', 'school name is empty'));
  const region = normalizeRegionCode(v.region);
  if (!region) errors.push(problem('行政区划代码', v.region, '行政区划代码应为 6、9 或 12 位数字', 'region code must have 6, 9 or 12 digits'));
  const type = text(v.type).replace(/\s+/g, '');
  if (!(SCHOOL_TYPES as readonly string[]).includes(type)) {
    errors.push(problem('办学类型', v.type, `办学类型不在允许范围（${SCHOOL_TYPES.join('、')}）`, 'unknown school type'));
  }
  if (errors.length > 0 || !region) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    record: { code, name, region_code: region, county_code: region.slice(0, 6), school_type: type, urban_rural: optionalText(v.urbanRural) },
  };
}

/**
 * 学段 made canonical (普通高中 → 高中, 中等职业教育 → 中职), or inferred from 年级 and the school's
 * 办学类型 when the cell is empty or unknown; the cell as written is kept in stage_raw.
 */
function stageOf(raw: unknown, grade: string | null, schoolType: string | undefined, warnings: Problem[]): string | null {
  const written = optionalText(raw);
  const canonical = canonicalStage(written);
  if (canonical) return canonical;
  const inferred = inferStage(grade, schoolType);
  if (written) {
    warnings.push(problem('学段', raw, inferred ? `学段无法识别，已按年级和办学类型认定为${inferred}` : '学段无法识别，按缺失处理', inferred ? `stage not recognised; taken from grade and school type as ${inferred}` : 'stage not recognised; treated as missing'));
  } else if (!inferred) {
    warnings.push(problem('学段', raw, '学段为空，且无法从年级和办学类型推定（资助按学段认定，请补填）', 'stage is empty and cannot be told from grade and school type (aid depends on it; please fill it in)'));
  }
  return inferred;
}

export function normalizeStudent(
  v: Values,
  schoolCounty: (code: string) => string | undefined,
  schoolType: (code: string) => string | undefined = () => undefined,
): Normalized<StudentRecord> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const no = parseStudentNo(v.studentNo);
  if (!no.value) errors.push(problem('学籍号', v.studentNo, '学籍号为空', 'student number is empty'));
  const name = normalizeName(v.name);
  if (!name) errors.push(problem('姓名', v.name, '姓名为空', 'name is empty'));
  const schoolCode = text(v.schoolCode).replace(/^['‘’`]/, '').replace(/\s+/g, '');
  const county = schoolCounty(schoolCode);
  if (!schoolCode) errors.push(problem('学校标识码', v.schoolCode, '学校标识码为空', 'school code is empty'));
  else if (!county) errors.push(problem('学校标识码', v.schoolCode, '学校不在已导入的学校名单中，请先导入学校', 'school is not in the imported school list; import schools first'));
  const statusText = text(v.status).replace(/\s+/g, '') || '在读';
  if (!(STUDENT_STATUSES as readonly string[]).includes(statusText)) {
    errors.push(problem('学籍状态', v.status, `学籍状态应为 ${STUDENT_STATUSES.join('、')} 之一`, `status must be one of ${STUDENT_STATUSES.join(', ')}`));
  }
  const id = idOf(v.idNumber, '身份证件号', warnings);
  let idNumber = id.id;
  let idStatus: string = id.status;
  if (no.embeddedId && (!idNumber || excelTail(idNumber, no.embeddedId))) {
    idNumber = no.embeddedId; // 学籍号 G+ID: the ID passed the national duplicate check
    idStatus = 'from_student_no';
  }
  const birth = birthOf(v.birthDate, '出生日期', warnings, idNumber);
  const sex = parseSex(v.sex) ?? (idNumber ? sexFromId(idNumber) : null);
  const hukou = v.hukouRegion === undefined || text(v.hukouRegion) === '' ? null : normalizeRegionCode(v.hukouRegion);
  if (v.hukouRegion !== undefined && text(v.hukouRegion) !== '' && !hukou) {
    warnings.push(problem('户籍行政区划代码', v.hukouRegion, '户籍行政区划代码无法识别', 'hukou region code not recognised'));
  }
  const grade = optionalText(v.grade);
  const stage = stageOf(v.stage, grade, schoolType(schoolCode), warnings);
  if (errors.length > 0 || !no.value || !county) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    record: {
      student_no: no.value,
      county_code: county,
      name: text(v.name),
      name_norm: name,
      name_key: nameKey(name),
      sex,
      id_raw: id.raw,
      id_number: idNumber,
      id_status: idStatus,
      birth_date: birth,
      ethnicity: optionalText(v.ethnicity),
      school_code: schoolCode,
      stage,
      stage_raw: optionalText(v.stage),
      grade,
      boarding: parseYesNo(v.boarding) ? 1 : 0,
      hukou_region: hukou,
      status: statusText,
    },
  };
}

export function normalizeMember(v: Values, listKind: string): Normalized<Omit<MemberRecord, 'member_id' | 'member_key'>> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const householdNo = text(v.householdNo).replace(/^['‘’`]/, '').replace(/\s+/g, '');
  if (!householdNo) errors.push(problem('户编号', v.householdNo, '户编号为空', 'household number is empty'));
  const name = normalizeName(v.name);
  if (!name) errors.push(problem('姓名', v.name, '姓名为空', 'name is empty'));
  const id = idOf(v.idNumber, '证件号码', warnings);
  const village = v.villageCode === undefined || text(v.villageCode) === '' ? null : normalizeRegionCode(v.villageCode);
  if (v.villageCode !== undefined && text(v.villageCode) !== '' && !village) {
    warnings.push(problem('行政区划代码', v.villageCode, '行政区划代码无法识别', 'region code not recognised'));
  }
  const county = village?.slice(0, 6) ?? id.id?.slice(0, 6) ?? null;
  if (!county && errors.length === 0) {
    errors.push(problem('行政区划代码', v.villageCode, '缺少所在村行政区划代码，且身份证号不可用，无法确定所属县', 'no village region code and no usable ID: the county is unknown'));
  }
  const type = optionalText(v.householdType)?.replace(/\s+/g, '') ?? null;
  if (type && !(HOUSEHOLD_TYPES as readonly string[]).includes(type)) {
    warnings.push(problem('户类型', v.householdType, '户类型不在常见取值中，已原样保存', 'unusual household type; stored as written'));
  }
  const birth = birthOf(v.birthDate, '出生日期', warnings, id.id);
  if (errors.length > 0 || !county) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    record: {
      list_kind: listKind,
      household_no: householdNo,
      county_code: county,
      name: text(v.name),
      name_norm: name,
      name_key: nameKey(name),
      id_raw: id.raw,
      id_number: id.id,
      id_status: id.status,
      relation: optionalText(v.relation)?.replace(/\s+/g, '') ?? null,
      sex: parseSex(v.sex) ?? (id.id ? sexFromId(id.id) : null),
      birth_date: birth,
      village_code: village,
      household_type: type,
      year_identified: yearOf(v.yearIdentified, '识别年度', warnings),
      year_exited: yearOf(v.yearExited, '脱贫年度', warnings),
    },
  };
}

/** The natural key of a member within its household: the normalised name (plus birth date for a namesake in the same household). */
export function memberKey(nameNorm: string, birth: string | null, taken: (key: string) => boolean): string {
  if (!taken(nameNorm)) return nameNorm;
  const withBirth = `${nameNorm}#${birth ?? '?'}`;
  if (!taken(withBirth)) return withBirth;
  for (let i = 2; ; i++) if (!taken(`${withBirth}#${i}`)) return `${withBirth}#${i}`;
}

export function memberIdOf(listKind: string, householdNo: string, key: string): string {
  return `${listKind}|${householdNo}|${key}`;
}
