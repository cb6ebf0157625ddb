// Use cases "teacher import" (the 教师花名册 through the shared table import) and "teacher report"
// (training hours, village training rate, long-service honours due this year; ID numbers via present()).
import type { Database } from '../db/database.ts';
import { importTable, type TableImportSummary } from '../dropout/import-table.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, presentId } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { allTeachers, schoolDirectory } from './schools.repository.ts';
import { MIN_CONTINUING_HOURS, MIN_STANDARD_HOURS, TEACHER_COLUMNS, educationRank, honourDue, meetsStandard, normalizeTeacherRow, qualificationStage, serviceYears, teacherFigures, type TeacherFigures } from './teacher.rules.ts';

export async function importTeachers(database: Database, opts: { file: string; sheet?: string; errorsFile?: string; actor: Actor }): Promise<TableImportSummary> {
  const schools = await schoolDirectory(database.db);
  return importTable(
    database,
    {
      kind: 'teachers',
      spec: TEACHER_COLUMNS,
      table: 'teachers',
      key: 'teacher_key',
      keyLabel: ['身份证件号（或姓名和学校）', 'ID number (or name and school)'],
      normalize: (v) => normalizeTeacherRow(v, (code) => schools.get(code)?.county_code),
    },
    opts,
  );
}

export const TEACHER_REPORT_HEADERS = [
  '学校标识码', '学校名称', '姓名', '身份证件号', '学历', '职称', '是否乡村教师', '本年度培训学时', `达到${MIN_CONTINUING_HOURS}学时`,
  `规范性培训达到${MIN_STANDARD_HOURS}学时`, '教龄', '本年度应表彰教龄',
];

export async function reportTeachers(
  database: Database,
  opts: { out: string; schoolYear: number; actor: Actor; full?: boolean },
): Promise<{ rows: number; out: string; schoolYear: number } & TeacherFigures & { villageTrainingRate: number | null }> {
  const v = await exportViewer(database.db, opts.actor, { full: Boolean(opts.full), fields: ['teacherIdNumber'], action: 'report.teachers', target: opts.out });
  const schools = await schoolDirectory(database.db);
  const mine = await schoolsInScope(database.db, scopeOf(opts.actor));
  const teachers = (await allTeachers(database.db)).filter((t) => mine(t.school_code));
  const rows = teachers.map((t) => {
    const honour = honourDue(t, opts.schoolYear);
    return [
      t.school_code, schools.get(t.school_code)?.name ?? '', t.name, presentId(v, 'teacherIdNumber', t) ?? '', t.education ?? '', t.title ?? '',
      t.village ? '是' : '否', t.training_hours ?? '', (t.training_hours ?? 0) >= MIN_CONTINUING_HOURS ? '是' : '否', meetsStandard(t) ? '是' : '否',
      serviceYears(t, opts.schoolYear) ?? '', honour === null ? '' : `${honour}年`,
    ];
  });
  const n = await writeTable(opts.out, TEACHER_REPORT_HEADERS, rows, { sheetName: '教师队伍', textColumns: [0, 3] });
  const f = teacherFigures(teachers, opts.schoolYear);
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.teachers', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear } });
  return { rows: n, out: opts.out, schoolYear: opts.schoolYear, ...f, villageTrainingRate: f.village === 0 ? null : Math.round((f.villageTrained * 1000) / f.village) / 10 };
}

/** The teacher figures the indicators need: qualification by stage, village training, ≥ 80 学时. */
type TeacherFacts = { primaryQualification: Fraction; juniorQualification: Fraction; villageTraining: Fraction; trainingHours: Fraction };
type Fraction = { numerator: number; denominator: number };

function factsOf(teachers: Awaited<ReturnType<typeof allTeachers>>, schools: Awaited<ReturnType<typeof schoolDirectory>>, schoolYear: number): TeacherFacts {
  const f = teacherFigures(teachers, schoolYear);
  const q = { 小学: { numerator: 0, denominator: 0 }, 初中: { numerator: 0, denominator: 0 } };
  for (const t of teachers) {
    const stage = qualificationStage(schools.get(t.school_code)?.school_type ?? '');
    if (!stage) continue;
    q[stage].denominator++;
    if (educationRank(t.education) >= (stage === '小学' ? 2 : 3)) q[stage].numerator++;
  }
  return {
    primaryQualification: q.小学,
    juniorQualification: q.初中,
    villageTraining: { numerator: f.villageTrained, denominator: f.village },
    trainingHours: { numerator: f.continuingMet, denominator: f.teachers },
  };
}

export async function teacherIndicatorFacts(database: Database, schoolYear: number): Promise<TeacherFacts> {
  return factsOf(await allTeachers(database.db), await schoolDirectory(database.db), schoolYear);
}

/** The same figures school by school (the indicators' breakdown by township or school adds them up). */
export async function teacherIndicatorFactsBySchool(database: Database, schoolYear: number): Promise<Map<string, TeacherFacts>> {
  const schools = await schoolDirectory(database.db);
  const bySchool = new Map<string, Awaited<ReturnType<typeof allTeachers>>>();
  for (const t of await allTeachers(database.db)) (bySchool.get(t.school_code) ?? bySchool.set(t.school_code, []).get(t.school_code)!).push(t);
  return new Map([...bySchool].map(([code, teachers]) => [code, factsOf(teachers, schools, schoolYear)]));
}
