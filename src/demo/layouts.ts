// The three demo files as government systems export them: title rows, header aliases, extra
// columns, and each row's cells with the dirt of that file (or clean, canonical files).
import type { Rng } from './random.ts';
import { CITY } from './places.data.ts';
import { DIRT_RATES, dirtyDate, dirtyId, dirtyName, padSpaces } from './dirt.ts';
import type { Cell } from './dirt.ts';
import { openTable } from './writers.ts';
import type { FileFormat } from './generate.ts';
import type { Household, Member } from './households.ts';
import type { RosterRow } from './enrolment.ts';
import type { School } from './schools.ts';

export interface LayoutContext {
  dirt: boolean;
  rng: Rng;
  format: FileFormat;
  schoolYear: number;
  exportDate: string; // YYYY-MM-DD
  fixedDate: Date;
  tick: () => void; // one call per data row, for progress
}

interface Column<T> {
  clean: string | null; // canonical header; null: only in the dirty export
  dirty: string;
  value: (item: T) => Cell;
}

/** Writes title rows (dirty only), the header and one row per item. */
async function writeTable<T>(
  path: string, ctx: LayoutContext, sheet: string, titles: string[], columns: Column<T>[],
  items: Iterable<T>, beforeRow?: (item: T) => void,
): Promise<void> {
  const cols = ctx.dirt ? columns : columns.filter((c) => c.clean !== null);
  const table = openTable(path, ctx.format, sheet, ctx.fixedDate);
  if (ctx.dirt) for (const t of titles) await table.addRow([t]);
  await table.addRow(cols.map((c) => (ctx.dirt ? c.dirty : c.clean)));
  for (const item of items) {
    beforeRow?.(item);
    if (ctx.dirt && ctx.rng.chance(DIRT_RATES.blankRow)) await table.addRow([]);
    await table.addRow(cols.map((c) => c.value(item)));
    ctx.tick();
  }
  await table.close();
}

export async function writeSchools(path: string, schools: readonly School[], ctx: LayoutContext): Promise<void> {
  const columns: Column<School>[] = [
    { clean: '学校标识码', dirty: '学校代码', value: (s) => s.code },
    { clean: '学校名称', dirty: '学校名称', value: (s) => (ctx.dirt && ctx.rng.chance(0.01) ? `${s.name} ` : s.name) },
    { clean: '行政区划代码', dirty: '所在地区划代码', value: (s) => s.regionCode },
    { clean: '办学类型', dirty: '办学类型', value: (s) => s.type },
    { clean: '城乡类型', dirty: '城乡分类', value: (s) => s.urbanRural },
    { clean: null, dirty: '举办者', value: (s) => s.sponsor },
    { clean: null, dirty: '联系电话', value: () => `0834-${ctx.rng.int(2000000, 8999999)}` },
  ];
  await writeTable(path, ctx, '学校', [`学校基本信息（导出日期：${ctx.exportDate}）`], columns, schools);
}

/** How 学籍 exports spell 学段, varying by school (kernel/stage.ts reads them all back). */
const STAGE_SPELLINGS: Record<string, readonly string[]> = {
  学前: ['学前教育', '学前', '幼儿园'],
  高中: ['普通高中', '高中', '普高'],
  中职: ['中等职业教育', '中职', '职高'],
};

function exportedStage(stage: string, schoolCode: string): string {
  const spellings = STAGE_SPELLINGS[stage];
  return spellings ? spellings[Number(schoolCode.slice(-1)) % spellings.length] : stage;
}

export async function writeStudents(path: string, rows: readonly RosterRow[], ctx: LayoutContext): Promise<void> {
  const { rng, dirt } = ctx;
  const xlsx = ctx.format === 'xlsx';
  const inCity = CITY.code.slice(0, 4);
  const columns: Column<RosterRow>[] = [
    { clean: '学籍号', dirty: '全国学籍号', value: (r) => (dirt ? dirtyStudentNo(rng, r.studentNo) : r.studentNo) },
    { clean: '姓名', dirty: '学生姓名', value: (r) => (dirt ? dirtyName(rng, r.person) : r.person.name) },
    { clean: '性别', dirty: '性别', value: (r) => (r.person.sex === 'M' ? '男' : '女') },
    { clean: '出生日期', dirty: '出生日期', value: (r) => (dirt ? dirtyDate(rng, r.person.birth, 'roster', xlsx) : r.person.birth) },
    { clean: '民族', dirty: '民族', value: (r) => r.person.ethnicity },
    {
      clean: '身份证件号', dirty: '公民身份号码',
      value: (r) => (dirt
        ? dirtyId(rng, r.person.id, { xlsx, allowLegacy: false, withoutG: !r.studentNo.startsWith('G') })
        : r.person.id),
    },
    { clean: '学校标识码', dirty: '学校标识码', value: (r) => r.school.code },
    { clean: null, dirty: '学校名称', value: (r) => r.school.name },
    { clean: '学段', dirty: '学段', value: (r) => (dirt ? exportedStage(r.stage, r.school.code) : r.stage) },
    { clean: '年级', dirty: '年级', value: (r) => r.gradeText },
    { clean: '是否寄宿', dirty: '是否寄宿', value: (r) => (r.boarding ? '是' : '否') },
    { clean: '户籍行政区划代码', dirty: '户籍行政区划代码', value: (r) => r.hukou },
    { clean: '学籍状态', dirty: '学籍状态', value: (r) => r.status },
    { clean: null, dirty: '联系电话', value: () => (rng.chance(0.8) ? mobile(rng) : '') },
    { clean: null, dirty: '备注', value: (r) => (r.hukou.slice(0, 4) !== inCity ? '随迁子女' : '') },
  ];
  await writeTable(path, ctx, '学生信息', [`学生信息（导出日期：${ctx.exportDate}）`], columns, rows);
}

/** What the registry file says about one member, for the truth. */
export interface WrittenMember {
  member: Member;
  household: Household;
  householdNo: string;
  nameInFile: string;
}

export async function writeHouseholds(
  path: string, households: readonly Household[], ctx: LayoutContext, onMember: (w: WrittenMember) => void,
): Promise<void> {
  const { rng, dirt } = ctx;
  const xlsx = ctx.format === 'xlsx';
  const sexDigits = new Map<string, boolean>();
  const numeric = (s: string | number): Cell => (dirt && xlsx ? Number(s) : String(s));
  const columns: Column<WrittenMember>[] = [
    { clean: null, dirty: '县', value: (w) => w.household.village.township.county.name },
    { clean: null, dirty: '乡（镇）', value: (w) => w.household.village.township.name },
    { clean: null, dirty: '行政村', value: (w) => w.household.village.name },
    { clean: '户编号', dirty: '户编号', value: (w) => w.householdNo },
    { clean: '姓名', dirty: '成员姓名', value: (w) => w.nameInFile },
    { clean: '与户主关系', dirty: '与户主关系', value: (w) => w.member.relation },
    {
      clean: '性别', dirty: '性别',
      value: (w) => {
        const digits = dirt && sexDigits.get(w.household.village.township.code);
        const male = w.member.person.sex === 'M';
        return digits ? (male ? '1' : '2') : male ? '男' : '女';
      },
    },
    { clean: null, dirty: '民族', value: (w) => w.member.person.ethnicity },
    {
      clean: '证件号码', dirty: '身份证号',
      value: (w) => (dirt
        ? dirtyId(rng, w.member.person.id, { xlsx, allowLegacy: w.member.age >= 18 && w.member.person.birth < '2000', withoutG: false })
        : w.member.person.id),
    },
    { clean: '出生日期', dirty: '出生年月', value: (w) => (dirt ? dirtyDate(rng, w.member.person.birth, 'registry', xlsx) : w.member.person.birth) },
    { clean: '行政区划代码', dirty: '所在村行政区划代码', value: (w) => numeric(w.household.village.code) },
    { clean: '户类型', dirty: '脱贫户属性', value: (w) => w.household.type },
    { clean: '识别年度', dirty: '识别年度', value: (w) => numeric(w.household.identifiedYear) },
    { clean: '脱贫年度', dirty: '脱贫年份', value: (w) => (w.household.exitYear === null ? '' : numeric(w.household.exitYear)) },
    { clean: null, dirty: '家庭人口数', value: (w) => numeric(w.household.members.length) },
    { clean: null, dirty: '致贫原因', value: (w) => w.household.cause },
    { clean: null, dirty: '联系电话', value: (w) => (w.member.relation === '户主' ? w.household.phone : '') },
  ];
  function* members(): Generator<WrittenMember> {
    for (const household of households) {
      const township = household.village.township.code;
      if (dirt && !sexDigits.has(township)) sexDigits.set(township, rng.chance(DIRT_RATES.sexDigitsTownships));
      const householdNo = dirt ? padSpaces(rng, household.no, DIRT_RATES.householdNoSpace) : household.no;
      for (const member of household.members) {
        yield { member, household, householdNo, nameInFile: dirt ? dirtyName(rng, member.person) : member.person.name };
      }
    }
  }
  const titles = [`${CITY.name}脱贫人口和防止返贫监测对象信息（截至${ctx.schoolYear}年8月31日）`, `导出单位：${CITY.short}乡村振兴局`];
  await writeTable(path, ctx, '人员信息', titles, columns, members(), onMember);
}

function dirtyStudentNo(rng: Rng, no: string): string {
  let text = rng.chance(DIRT_RATES.studentNo.lowercase) ? no.toLowerCase() : no;
  text = padSpaces(rng, text, DIRT_RATES.studentNo.space);
  return text;
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '8', '9', '7'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}
