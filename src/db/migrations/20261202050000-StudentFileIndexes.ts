// Indexes for the student file (一生一档): one student's 认定, entitlements and payment rows are
// read by 学籍号, which no earlier index served (a full scan of every term's rows otherwise).
import type { Kysely } from 'kysely';

const INDEXES = [
  ['aid_entitlements_student', 'aid_entitlements'],
  ['aid_batch_rows_student', 'aid_batch_rows'],
  ['aid_recognitions_student', 'aid_recognitions'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table] of INDEXES) await db.schema.createIndex(name).on(table).column('student_no').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
