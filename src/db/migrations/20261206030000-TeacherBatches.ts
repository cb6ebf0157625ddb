// Teacher payables paid through the disbursement batch machinery (issue 12): a batch says whose
// rows it holds (payee_kind 'student' by default, so every existing batch stays a student batch)
// and, for a teacher batch, the payables' period (YYYY-MM or a school year); the bank cards the
// teachers' subsidies are paid to. No triggers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('aid_batches').addColumn('payee_kind', 'text', (c) => c.notNull().defaultTo('student')).execute();
  await db.schema.alterTable('aid_batches').addColumn('period', 'text').execute();
  await db.schema
    .createTable('teacher_bank_accounts')
    .addColumn('teacher_key', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('teacher_bank_accounts').ifExists().execute();
  await db.schema.alterTable('aid_batches').dropColumn('period').execute();
  await db.schema.alterTable('aid_batches').dropColumn('payee_kind').execute();
}
