// The synthetic-data generator of Fuzhi: a whole city (schools, 学籍 roster, 建档立卡 registry) written
// as the dirty spreadsheets real exports are, with the ground truth the matcher is measured against.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Rng } from './random.ts';
import { buildCity } from './regions.ts';
import { SchoolSystem } from './schools.ts';
import { IdFactory } from './people.ts';
import { generateHouseholds } from './households.ts';
import { Enrolment, rosterOrder } from './enrolment.ts';
import { writeHouseholds, writeSchools, writeStudents } from './layouts.ts';
import type { LayoutContext } from './layouts.ts';
import { fileExtension } from './writers.ts';

export interface GenerateOptions {
  households: number; // e.g. 300 for unit tests, 2000 demo, 100000 benchmark
  seed?: number; // same seed → identical files
  schoolYear: number; // ages are taken on `${schoolYear}-09-01`
  outDir: string;
  formats?: { schools?: FileFormat; students?: FileFormat; households?: FileFormat };
  dirt?: boolean; // default true; false gives clean files
  counties?: number; // how many counties the city spreads over; default ≈1 per 12,000 households
  onProgress?: (done: number, total: number) => void;
}
export type FileFormat = 'csv-utf8' | 'csv-utf8-bom' | 'csv-gb18030' | 'xlsx';
export interface GeneratedFiles { schools: string; students: string; households: string }
export interface RegionInfo { code: string; name: string; level: number; parentCode: string | null }
export interface MemberTruth {
  householdNo: string; // 户编号 as written in the file
  nameInFile: string; // the member's name exactly as written in the households file
  trueName: string;
  trueId: string;
  birthDate: string;
  sex: 'M' | 'F';
  relation: string;
  villageCode: string;
  studentNo: string | null; // 学籍号 (trimmed, uppercase) of the roster row that is this person
  enrolled: boolean; // in the roster with 学籍状态 在读 or 休学
  notEnrolledReason: null | 'not_in_roster' | 'out_of_area' | 'dropped_out' | 'preschool_home' | 'graduated' | 'adult';
}
export interface GeneratedCounty {
  files: GeneratedFiles;
  regions: RegionInfo[];
  truth: MemberTruth[];
  counts: { schools: number; students: number; households: number; members: number };
}

/** Roster size per registry household: the city's students, poor and not (430k per 100k households). */
export const STUDENTS_PER_HOUSEHOLD = 4.3;
const DEFAULT_SEED = 20250901;

export async function generateCounty(opts: GenerateOptions): Promise<GeneratedCounty> {
  if (!Number.isInteger(opts.households) || opts.households < 1) {
    throw new RangeError(`households must be a positive integer, got ${opts.households}`);
  }
  const root = new Rng(opts.seed ?? DEFAULT_SEED);
  const on = `${opts.schoolYear}-09-01`;
  const dirt = opts.dirt ?? true;
  const formats = {
    schools: opts.formats?.schools ?? 'xlsx',
    students: opts.formats?.students ?? 'csv-gb18030',
    households: opts.formats?.households ?? 'xlsx',
  } as const;
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const files: GeneratedFiles = {
    schools: join(outDir, `schools.${fileExtension(formats.schools)}`),
    students: join(outDir, `students.${fileExtension(formats.students)}`),
    households: join(outDir, `households.${fileExtension(formats.households)}`),
  };

  const city = buildCity(root.fork('city'), opts.households, opts.counties);
  const schools = new SchoolSystem(root.fork('schools'), city);
  const ids = new IdFactory();
  const studentTarget = Math.round(opts.households * STUDENTS_PER_HOUSEHOLD);
  // progress: one step per household made, then the rows written scaled onto the same total,
  // reported about 200 times in all
  const total = opts.households * 10;
  let lastReported = -1;
  const report = (done: number) => {
    const step = Math.floor((done * 200) / total);
    if (opts.onProgress && step !== lastReported && done < total) {
      lastReported = step;
      opts.onProgress(done, total);
    }
  };
  const households = generateHouseholds(
    { rng: root.fork('households'), ids, on, schoolYear: opts.schoolYear, countyCodes: city.counties.map((c) => c.code6) },
    city, opts.households, (made) => report(made),
  );
  const enrolment = new Enrolment(root.fork('enrolment'), schools, ids, on);
  enrolment.placeRegistry(households);
  enrolment.addOthers(city, studentTarget);
  const roster = rosterOrder(root.fork('order'), enrolment.rows);

  const rowsToWrite = roster.length + households.reduce((n, h) => n + h.members.length, 0);
  let written = 0;
  const tick = () => report(opts.households + Math.floor((++written * (total - opts.households)) / rowsToWrite));
  const exportDate = `${opts.schoolYear}-09-10`;
  const context = (label: string, format: FileFormat): LayoutContext => ({
    dirt, rng: root.fork(label), format, schoolYear: opts.schoolYear, exportDate,
    fixedDate: new Date(Date.UTC(opts.schoolYear, 8, 10, 8, 0, 0)), tick,
  });
  await writeSchools(files.schools, schools.schools, { ...context('dirt-schools', formats.schools), tick: () => undefined });
  await writeStudents(files.students, roster, context('dirt-students', formats.students));
  const truth: MemberTruth[] = [];
  await writeHouseholds(files.households, households, context('dirt-households', formats.households), (w) => {
    const m = w.member;
    truth.push({
      householdNo: w.householdNo,
      nameInFile: w.nameInFile,
      trueName: m.person.name,
      trueId: m.person.id,
      birthDate: m.person.birth,
      sex: m.person.sex,
      relation: m.relation,
      villageCode: w.household.village.code,
      studentNo: m.studentNo,
      enrolled: m.enrolled,
      notEnrolledReason: m.enrolled ? null : m.reason ?? 'adult',
    });
  });
  opts.onProgress?.(total, total);

  return {
    files,
    regions: city.regions,
    truth,
    counts: { schools: schools.schools.length, students: roster.length, households: households.length, members: truth.length },
  };
}
