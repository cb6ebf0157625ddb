// Evidence files of entered indicator values (学生机比, 网络学习空间 …): one row per file, kept with its
// entry (value_id) and county, the content itself (bytea on PostgreSQL, blob on SQLite) as activity
// attachments keep theirs. No triggers.
import type { Kysely } from 'kysely';
import { autoId, dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_evidence')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('value_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', dialectOf(db) === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_evidence_value').on('indicator_evidence').column('value_id').execute();
  await db.schema.createIndex('indicator_evidence_year').on('indicator_evidence').columns(['school_year', 'county_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_evidence').ifExists().execute();
}
