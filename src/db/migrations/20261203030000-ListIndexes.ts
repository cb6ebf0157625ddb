// Indexes for the console's lists at city scale (issue 9, `npm run bench:web`): a county's student
// list in its display order with the 学籍状态 filter answered from the index alone (a deep page
// skips index entries, not rows), a name search as a prefix of the normalised name within a county,
// and the registry members of a township or county by village code (the overview's counts).
import type { Kysely } from 'kysely';

const INDEXES: [string, string, string[]][] = [
  ['students_county_order', 'students', ['county_code', 'school_code', 'student_no', 'status']],
  ['students_county_name', 'students', ['county_code', 'name_norm']],
  ['students_school_name', 'students', ['school_code', 'name_norm']],
  ['members_village', 'members', ['village_code']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
