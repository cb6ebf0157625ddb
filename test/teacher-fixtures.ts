// Teacher rosters of the seeded schools (test-seed SCHOOLS: A 镇区 and B 乡村 in 甘洛县, another in
// 南明区) for the teacher route, scope and browser tests: training hours around 80 / 24, village
// teachers trained and untrained, service years that fall on 20 / 25 / 30 in school year 2025, and
// a new village teacher owed the tuition refund.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import type { TeacherTable } from '../src/db/schools-schema.ts';
import { SCHOOLS, withCheckDigit } from '../src/platform/test-seed.ts';

const AT = '2025-09-01T00:00:00.000Z';

type Seed = Pick<TeacherTable, 'name' | 'school_code' | 'county_code' | 'education' | 'title' | 'village' | 'start_month' | 'training_hours' | 'standard_hours'> & { id: string };

export const TEACHERS: Seed[] = [
  { name: '陈建国', id: withCheckDigit('51343319800101111'), school_code: SCHOOLS.a, county_code: '513433', education: '本科', title: '一级教师', village: 0, start_month: '2005-08', training_hours: 90, standard_hours: 30 },
  { name: '刘晓燕', id: withCheckDigit('51343319990202222'), school_code: SCHOOLS.a, county_code: '513433', education: '专科', title: null, village: 1, start_month: '2024-08', training_hours: 40, standard_hours: 10 },
  { name: '周文华', id: withCheckDigit('51343319850303333'), school_code: SCHOOLS.a, county_code: '513433', education: '专科', title: '高级教师', village: 1, start_month: '2010-03', training_hours: 0, standard_hours: null },
  { name: '吴德明', id: withCheckDigit('51343319700404444'), school_code: SCHOOLS.b, county_code: '513433', education: '本科', title: '二级教师', village: 1, start_month: '1995-09', training_hours: 100, standard_hours: 24 },
  { name: '郑春梅', id: withCheckDigit('51343319880505555'), school_code: SCHOOLS.b, county_code: '513433', education: '本科', title: '一级教师', village: 1, start_month: '2015-09', training_hours: 85, standard_hours: null },
  { name: '孙立新', id: withCheckDigit('52010219750606666'), school_code: SCHOOLS.other, county_code: '520102', education: '硕士', title: '高级教师', village: 0, start_month: '2000-09', training_hours: 20, standard_hours: 20 },
];

export async function seedTeachers(db: Kysely<DB>, rows: Seed[] = TEACHERS): Promise<void> {
  await db
    .insertInto('teachers')
    .values(rows.map(({ id, ...t }) => ({ teacher_key: id, id_raw: id, id_number: id, id_status: 'valid', years_taught: null, ...t, row_hash: 'h', rev: 1, created_at: AT, updated_at: AT })))
    .execute();
}
