// The projects capability's funds and follow-up (domain.md §6): budget by fund source (existing
// projects get their one source), fund-use postings (张榜公示), spending per source, milestones and
// 督导验收 with the day the result was published; teacher moves (交流轮岗, 支教, 特岗) and teacher
// payables (乡镇补贴, 乡村教师生活补助, 学费补偿) with their payment status; supervision records (通报 →
// 约谈 → 问责 per subject and matter, 县级自查 and 市级复查). county_code on every table.
import { sql, type Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

function base(db: Kysely<any>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await base(db, 'project_funds')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_funds_source', ['project_id', 'source'])
    .execute();
  await sql`insert into project_funds (project_id, county_code, source, budget_fen, actor, at)
    select id, county_code, fund_source, budget_fen, actor, at from projects`.execute(db);

  await base(db, 'project_postings')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_postings_project').on('project_postings').columns(['project_id', 'source']).execute();

  await base(db, 'project_spending')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_spending_project').on('project_spending').columns(['project_id', 'source']).execute();

  await base(db, 'project_milestones')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('actual_on', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_milestones_name', ['project_id', 'name'])
    .execute();

  await base(db, 'project_acceptances')
    .addColumn('accepted_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_acceptances_project').on('project_acceptances').columns(['project_id']).execute();

  let moves = db.schema.createTable('teacher_moves').addColumn('id', autoId(db), (c) => c.primaryKey());
  for (const col of ['county_code', 'teacher_key', 'kind', 'to_school', 'start_on', 'note', 'actor', 'at']) moves = moves.addColumn(col, 'text', (c) => c.notNull());
  await moves
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('from_school', 'text')
    .addColumn('end_on', 'text')
    .addColumn('backbone', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teacher_moves_year').on('teacher_moves').columns(['school_year', 'kind']).execute();

  let payables = db.schema.createTable('teacher_payables').addColumn('id', autoId(db), (c) => c.primaryKey());
  for (const col of ['county_code', 'teacher_key', 'school_code', 'item', 'period', 'status', 'basis', 'actor', 'at']) payables = payables.addColumn(col, 'text', (c) => c.notNull());
  await payables
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('pay_note', 'text')
    .addUniqueConstraint('teacher_payables_item', ['teacher_key', 'item', 'period'] as never[])
    .execute();

  let sup = db.schema.createTable('supervision_records').addColumn('id', autoId(db), (c) => c.primaryKey());
  for (const col of ['county_code', 'subject', 'subject_name', 'kind', 'matter', 'record_date', 'finding', 'actor', 'at']) sup = sup.addColumn(col, 'text', (c) => c.notNull());
  await sup.addColumn('school_year', 'integer', (c) => c.notNull()).addColumn('result', 'text').execute();
  await db.schema.createIndex('supervision_records_subject').on('supervision_records').columns(['subject', 'matter']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['supervision_records', 'teacher_payables', 'teacher_moves', 'project_acceptances', 'project_milestones', 'project_spending', 'project_postings', 'project_funds']) await db.schema.dropTable(t).ifExists().execute();
}
