// Indicator test data on top of the platform seed (src/platform/test-seed.ts): roster children, 学籍
// and teachers in township 513433100 (school A), 513433101 (school B) and the other county, so that
// enrolment and teacher indicators have figures per township and school; and a township user.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { cliActor } from '../src/platform/scope.ts';
import { addUser } from '../src/platform/user.service.ts';
import { IDS, SCHOOLS, TEST_PASSWORD, withCheckDigit } from '../src/platform/test-seed.ts';

const AT = '2025-09-01T00:00:00.000Z';
const common = { row_hash: 'h', rev: 1, created_at: AT, updated_at: AT };
const kid = (birth: string, k: number, region = '513433') => withCheckDigit(`${region}${birth.replaceAll('-', '')}${String(k).padStart(3, '0')}`);
/** Roster children (ages on 2025-09-01) in township 100 (school A's), 101 (school B's) and the other county. */
export const C = { a1: kid('2016-03-01', 1), a2: kid('2017-04-01', 2), b1: kid('2015-01-01', 3), b2: kid('2018-02-02', 4), o1: kid('2016-06-01', 5, '520102') };


/** Roster, 学籍 and teachers in two townships of 甘洛县 and in the other county, and a township user. */
export async function seedIndicatorData(db: Kysely<DB>): Promise<void> {
  const child = (id: string, name: string, birth: string, hukou: string) => ({
    roster_key: id, county_code: hukou.slice(0, 6), name, name_norm: name, name_key: name, sex: null, id_raw: id, id_number: id, id_status: 'valid',
    birth_date: birth, hukou_region: hukou, address: null, guardian_name: null, guardian_phone: null, ...common,
  });
  await db.insertInto('roster_children').values([
    child(C.a1, '甲一', '2016-03-01', '513433100201'),
    child(C.a2, '甲二', '2017-04-01', '513433100201'),
    child(IDS.zhao, '赵小花', '2013-05-20', '513433100201'),
    child(C.b1, '乙一', '2015-01-01', '513433101201'),
    child(C.b2, '乙二', '2018-02-02', '513433101201'),
    child(IDS.li, '李小红', '2011-08-12', '513433101201'),
    child(C.o1, '丙一', '2016-06-01', '520102000201'),
  ]).execute();
  const student = (id: string, name: string, school: string, county: string, birth: string) => ({
    student_no: `G${id}`, county_code: county, name, name_norm: name, name_key: name, sex: 'M', id_raw: id, id_number: id, id_status: 'valid', birth_date: birth,
    ethnicity: '彝族', school_code: school, stage: '小学', grade: '三年级', boarding: 0, hukou_region: `${county}100201`, status: '在读', ...common,
  });
  await db.insertInto('students').values([student(C.a1, '甲一', SCHOOLS.a, '513433', '2016-03-01'), student(C.b1, '乙一', SCHOOLS.b, '513433', '2015-01-01')]).execute();
  const teacher = (k: number, school: string, county: string, education: string, village: number, hours: number) => ({
    teacher_key: `t${k}`, county_code: county, school_code: school, name: `教师${k}`, id_raw: null, id_number: null, id_status: 'missing', education, title: null,
    village, start_month: '2005-09', years_taught: null, training_hours: hours, standard_hours: null, ...common,
  });
  await db.insertInto('teachers').values([
    teacher(1, SCHOOLS.a, '513433', '专科', 0, 90),
    teacher(2, SCHOOLS.a, '513433', '高中', 0, 20),
    teacher(3, SCHOOLS.b, '513433', '本科', 1, 12),
    teacher(4, SCHOOLS.b, '513433', '专科', 1, 0),
    teacher(5, SCHOOLS.other, '520102', '本科', 0, 100),
  ]).execute();
  await addUser(db, cliActor(), { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
}

