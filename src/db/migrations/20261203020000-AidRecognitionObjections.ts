// 认定 objections: during the 公示 of 家庭经济困难学生认定 anyone may object to a decision; the school
// answers, keeping the decision or reopening it for a new one. A decision with an open objection is
// not filed. Rows carry the recognition's school and county for the data scope.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_recognition_objections')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('recognition_id', 'text', (c) => c.notNull())
    .addColumn('school_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('outcome', 'text') // keep | reopen
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('aid_recognition_objections_of').on('aid_recognition_objections').column('recognition_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_recognition_objections').ifExists().execute();
}
