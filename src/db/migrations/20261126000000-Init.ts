// The first schema: the three lists, import history, matching, users, sessions and the audit log.
// Big tables carry county_code so that a distributed PostgreSQL (Citus) can shard by county.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const common = <T extends { addColumn: (...a: any[]) => T }>(t: T): T =>
    t
      .addColumn('row_hash', 'text', (c: any) => c.notNull())
      .addColumn('rev', 'integer', (c: any) => c.notNull())
      .addColumn('created_at', 'text', (c: any) => c.notNull())
      .addColumn('updated_at', 'text', (c: any) => c.notNull());

  await common(
    db.schema
      .createTable('schools')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('school_type', 'text', (c) => c.notNull())
      .addColumn('urban_rural', 'text'),
  ).execute();
  await db.schema.createIndex('schools_county').on('schools').column('county_code').execute();

  await common(
    db.schema
      .createTable('students')
      .addColumn('student_no', 'text', (c) => c.primaryKey())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_norm', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('sex', 'text')
      .addColumn('id_raw', 'text')
      .addColumn('id_number', 'text')
      .addColumn('id_status', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text')
      .addColumn('ethnicity', 'text')
      .addColumn('school_code', 'text', (c) => c.notNull())
      .addColumn('stage', 'text')
      .addColumn('grade', 'text')
      .addColumn('boarding', 'integer', (c) => c.notNull())
      .addColumn('hukou_region', 'text')
      .addColumn('status', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('students_school').on('students').columns(['school_code', 'student_no']).execute();
  await db.schema.createIndex('students_county').on('students').columns(['county_code', 'student_no']).execute();
  await db.schema.createIndex('students_id').on('students').column('id_number').execute();

  await common(
    db.schema
      .createTable('members')
      .addColumn('member_id', 'text', (c) => c.primaryKey())
      .addColumn('list_kind', 'text', (c) => c.notNull())
      .addColumn('household_no', 'text', (c) => c.notNull())
      .addColumn('member_key', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_norm', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('id_raw', 'text')
      .addColumn('id_number', 'text')
      .addColumn('id_status', 'text', (c) => c.notNull())
      .addColumn('relation', 'text')
      .addColumn('sex', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('village_code', 'text')
      .addColumn('household_type', 'text')
      .addColumn('year_identified', 'integer')
      .addColumn('year_exited', 'integer'),
  ).execute();
  await db.schema.createIndex('members_household').on('members').columns(['list_kind', 'household_no']).execute();
  await db.schema.createIndex('members_county').on('members').columns(['county_code', 'member_id']).execute();

  await db.schema
    .createTable('record_history')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('import_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_history_key').on('record_history').columns(['table_name', 'record_key']).execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('list_kind', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('matches')
    .addColumn('match_id', 'text', (c) => c.primaryKey())
    .addColumn('student_no', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('list_kind', 'text', (c) => c.notNull())
    .addColumn('household_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('computed_rev', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('matches_student').on('matches').column('student_no').execute();
  await db.schema.createIndex('matches_member').on('matches').column('member_id').execute();
  await db.schema.createIndex('matches_status').on('matches').columns(['county_code', 'status']).execute();

  await db.schema
    .createTable('match_decisions')
    .addColumn('match_id', 'text', (c) => c.primaryKey())
    .addColumn('student_no', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text')
    .addColumn('county_code', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('school_code', 'text')
    .addColumn('display_name', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['regions', 'sessions', 'users', 'audit_log', 'match_decisions', 'matches', 'meta', 'imports', 'record_history', 'members', 'students', 'schools']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
