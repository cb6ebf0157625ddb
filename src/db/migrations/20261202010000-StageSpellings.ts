// 学段 as real 学籍 exports spell it (学前教育, 普通高中, 中等职业教育 …) was stored as written, so the aid
// rules found no stage for those students. This keeps the cell as it arrived in students.stage_raw and
// stores the canonical stage (kernel/stage.ts), inferred from 年级 and 办学类型 where the cell was empty.
// Entitlements are made canonical too; batch rows stay as they were frozen. The row hashes are
// recomputed, so that importing the same file again after the upgrade changes nothing.
import { sql, type Kysely } from 'kysely';
import { canonicalStage, inferStage } from '../../kernel/stage.ts';
import { rowHash } from '../../kernel/hash.ts';

/** The student record's columns in the order the importer hashes them (normalizeStudent), as of this migration. */
const STUDENT_RECORD = [
  'student_no', 'county_code', 'name', 'name_norm', 'name_key', 'sex', 'id_raw', 'id_number', 'id_status', 'birth_date', 'ethnicity',
  'school_code', 'stage', 'stage_raw', 'grade', 'boarding', 'hukou_region', 'status',
] as const;
const PAGE = 1000;

async function rehash(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db.selectFrom('students').select([...STUDENT_RECORD]).where('student_no', '>', after).orderBy('student_no').limit(PAGE).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    const pairs = rows.map((r) => sql`(${r.student_no}, ${rowHash(JSON.stringify(STUDENT_RECORD.map((c) => r[c])))})`);
    // VALUES columns are column1, column2 on both SQLite and PostgreSQL
    await sql`update students set row_hash = v.column2 from (values ${sql.join(pairs)}) as v where students.student_no = v.column1`.execute(db);
    after = String(rows[rows.length - 1].student_no);
  }
}

async function canonicaliseColumn(db: Kysely<any>, table: string): Promise<void> {
  const values = await db.selectFrom(table).select('stage').distinct().where('stage', 'is not', null).execute();
  for (const { stage } of values as { stage: string }[]) {
    const canonical = canonicalStage(stage);
    if (canonical && canonical !== stage) await db.updateTable(table).set({ stage: canonical }).where('stage', '=', stage).execute();
  }
}

/** Students whose stage is empty or unknown: inferred by (年级, 办学类型). */
async function inferMissing(db: Kysely<any>): Promise<void> {
  const combos = (await db
    .selectFrom('students')
    .innerJoin('schools', 'schools.code', 'students.school_code')
    .select(['students.stage', 'students.grade', 'schools.school_type'])
    .distinct()
    .execute()) as { stage: string | null; grade: string | null; school_type: string }[];
  for (const c of combos) {
    if (canonicalStage(c.stage)) continue;
    const inferred = inferStage(c.grade, c.school_type);
    if (!inferred) continue;
    let q = db
      .updateTable('students')
      .set({ stage: inferred })
      .where('school_code', 'in', db.selectFrom('schools').select('code').where('school_type', '=', c.school_type));
    q = c.stage === null ? q.where('stage', 'is', null) : q.where('stage', '=', c.stage);
    q = c.grade === null ? q.where('grade', 'is', null) : q.where('grade', '=', c.grade);
    await q.execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('students').addColumn('stage_raw', 'text').execute();
  await db.updateTable('students').set({ stage_raw: sql.ref('stage') }).execute();
  await canonicaliseColumn(db, 'students');
  await inferMissing(db);
  await canonicaliseColumn(db, 'aid_entitlements');
  await rehash(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable('students').set({ stage: sql.ref('stage_raw') }).execute();
  await db.schema.alterTable('students').dropColumn('stage_raw').execute();
}
