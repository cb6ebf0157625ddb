// The aid capability's tables: policy sets and history, entitlements, disbursement batches and their
// frozen rows, objections. Big tables carry county_code; no cross-table triggers.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const id = autoId(db);
  await db.schema
    .createTable('aid_policy_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('preset', 'text')
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('aid_policy_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('policy_set_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('aid_policy_history_set').on('aid_policy_history').columns(['policy_set_id', 'version']).execute();

  let ent = db.schema.createTable('aid_entitlements').addColumn('id', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'term', 'student_no', 'name', 'school_code', 'school_name', 'item_code', 'item_name', 'kind', 'fund_source', 'shares_json', 'payer_county', 'reason', 'basis', 'status', 'computed_at', 'updated_at']) {
    ent = ent.addColumn(col, 'text', (c) => c.notNull());
  }
  await ent
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('grade', 'text')
    .addColumn('amount_fen', 'integer')
    .addColumn('cash', 'integer', (c) => c.notNull())
    .addColumn('stop_reason', 'text')
    .execute();
  await db.schema.createIndex('aid_entitlements_term').on('aid_entitlements').columns(['school_year', 'term', 'county_code', 'school_code']).execute();

  await db.schema
    .createTable('aid_batches')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('notice_days', 'integer')
    .addColumn('notice_start', 'text')
    .addColumn('notice_end', 'text')
    .addColumn('contact', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('reissue_of', 'integer')
    .execute();

  let rows = db.schema
    .createTable('aid_batch_rows')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('pay_key', 'text', (c) => c.unique())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('grade', 'text')
    .addColumn('fail_reason', 'text')
    .addColumn('paid_at', 'text');
  for (const col of ['entitlement_id', 'county_code', 'payer_county', 'student_no', 'name', 'school_code', 'school_name', 'item_code', 'item_name', 'fund_source', 'shares_json', 'pay_status']) {
    rows = rows.addColumn(col, 'text', (c) => c.notNull());
  }
  await rows.execute();
  await db.schema.createIndex('aid_batch_rows_batch').on('aid_batch_rows').columns(['batch_id', 'seq']).execute();
  await db.schema.createIndex('aid_batch_rows_entitlement').on('aid_batch_rows').column('entitlement_id').execute();

  await db.schema
    .createTable('aid_objections')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('student_no', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await recognitionAndAccounts(db);
}

/** 家庭经济困难学生认定 and the bank accounts aid is paid to (needed by the payment file). */
async function recognitionAndAccounts(db: Kysely<any>): Promise<void> {
  let rec = db.schema.createTable('aid_recognitions').addColumn('id', 'text', (c) => c.primaryKey());
  for (const col of ['student_no', 'county_code', 'school_code', 'name', 'status', 'application', 'applied_at', 'updated_at', 'actor']) {
    rec = rec.addColumn(col, 'text', (c) => c.notNull());
  }
  await rec
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('notice_start', 'text')
    .addColumn('notice_end', 'text')
    .addColumn('filed_at', 'text')
    .execute();
  await db.schema.createIndex('aid_recognitions_year').on('aid_recognitions').columns(['school_year', 'county_code', 'school_code']).execute();

  let acc = db.schema.createTable('aid_bank_accounts').addColumn('student_no', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'holder_name', 'holder_relation', 'account_no', 'updated_at', 'actor']) {
    acc = acc.addColumn(col, 'text', (c) => c.notNull());
  }
  await acc.addColumn('bank_name', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['aid_bank_accounts', 'aid_recognitions', 'aid_objections', 'aid_batch_rows', 'aid_batches', 'aid_entitlements', 'aid_policy_history', 'aid_policy_sets']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
