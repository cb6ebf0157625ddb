// Table types of the aid capability (资助): policy sets with their history, entitlements,
// disbursement batches with frozen rows, objections, recognitions and bank accounts.
// Money is integer fen; booleans 0/1; timestamps ISO text (as in schema.ts).
import type { Generated } from 'kysely';

export interface AidPolicySetTable {
  id: string; // `${school_year}:${region_code || '*'}`
  school_year: number;
  region_code: string; // '' = every student of this database
  name: string;
  preset: string | null;
  definition_json: string; // the validated PolicySet
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface AidPolicyHistoryTable {
  id: Generated<number>;
  policy_set_id: string;
  version: number;
  change: string; // what changed, in words
  reason: string | null;
  definition_json: string;
  actor: string;
  at: string;
}

export interface AidEntitlementTable {
  id: string; // `${school_year}|${term}|${student_no}|${item_code}`
  county_code: string;
  school_year: number;
  term: string; // 秋季 | 春季
  student_no: string; // a teacher batch: the teacher_key (the ID number, or name|school)
  name: string;
  school_code: string;
  school_name: string;
  stage: string | null;
  grade: string | null;
  item_code: string;
  item_name: string;
  kind: string;
  amount_fen: number | null; // null: 据实 (no cash)
  cash: number;
  fund_source: string;
  shares_json: string;
  payer_county: string;
  reason: string;
  basis: string;
  status: string; // active | stopped
  stop_reason: string | null;
  computed_at: string;
  updated_at: string;
}

export interface AidBatchTable {
  id: Generated<number>;
  school_year: number;
  term: string;
  item_code: string | null;
  status: string; // 草稿 | 公示中 | 已审批 | 部分发放 | 已发放 | 已撤销
  row_count: number;
  amount_fen: number;
  notice_days: number | null;
  notice_start: string | null;
  notice_end: string | null;
  contact: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  paid_at: string | null;
  cancel_reason: string | null;
  reissue_of: number | null; // 重发: the batch whose failed rows this one pays again
  /** whose rows: 'student' (资助, keyed by 学籍号) or 'teacher' (教师补助, keyed by teacher_key) */
  payee_kind: Generated<string>;
  /** a teacher batch's payables period: YYYY-MM (monthly subsidies) or YYYY (a school year's refunds) */
  period: Generated<string | null>;
}

export interface AidBatchRowTable {
  id: Generated<number>;
  batch_id: number;
  seq: number;
  /** a student batch: the entitlement's id; a teacher batch: `teacher-payable|${payable id}` */
  entitlement_id: string;
  /** `${school_year}|${term}|${student_no}|${item_code}`, unique among live batches; null once cancelled. */
  pay_key: string | null;
  county_code: string;
  payer_county: string;
  student_no: string;
  name: string;
  school_code: string;
  school_name: string;
  stage: string | null;
  grade: string | null;
  item_code: string;
  item_name: string;
  amount_fen: number;
  fund_source: string;
  shares_json: string;
  pay_status: string; // 待发放 | 已发放 | 发放失败
  fail_reason: string | null;
  paid_at: string | null;
}

export interface AidObjectionTable {
  id: Generated<number>;
  batch_id: number;
  student_no: string | null;
  content: string;
  raised_by: string;
  raised_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

export interface AidRecognitionTable {
  id: string; // `${school_year}|${student_no}`
  school_year: number;
  student_no: string;
  county_code: string;
  school_code: string;
  name: string;
  status: string; // 已申请 | 已认定 | 未认定 | 公示中 | 已存档
  application: string; // the family's stated difficulty
  tier: string | null; // 特别困难 | 比较困难 | 一般困难
  decision_reason: string | null;
  applied_at: string;
  decided_at: string | null;
  decided_by: string | null;
  notice_start: string | null;
  notice_end: string | null;
  filed_at: string | null;
  updated_at: string;
  actor: string;
}

export interface AidBankAccountTable {
  student_no: string;
  county_code: string;
  holder_name: string;
  holder_relation: string; // 本人 | 父亲 | 母亲 | 监护人 …
  bank_name: string | null;
  account_no: string;
  updated_at: string;
  actor: string;
}

export interface AidGrantTable {
  id: string; // `${school_year}|${term}|${student_no}|${item_code}`
  school_year: number;
  term: string;
  student_no: string;
  county_code: string;
  item_code: string;
  fen: number;
  reason: string;
  actor: string;
  at: string;
}

export interface AidSubmissionTable {
  id: string; // `${school_year}|${term}|${school_code}`
  school_year: number;
  term: string;
  school_code: string;
  county_code: string;
  status: string; // 已上报 | 已核准 | 已退回
  students: number; // students with cash entitlements when submitted
  amount_fen: number;
  note: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null; // why it was returned
}

export interface AidSubmissionStepTable {
  id: Generated<number>;
  submission_id: string;
  county_code: string;
  step: string; // submit | approve | return
  status: string; // the status it led to
  text: string | null; // note or reason
  actor: string;
  at: string;
}

export interface AidRecognitionObjectionTable {
  id: Generated<number>;
  recognition_id: string;
  school_code: string;
  county_code: string;
  content: string;
  raised_by: string;
  raised_at: string;
  answer: string | null;
  outcome: string | null; // keep | reopen
  answered_by: string | null;
  answered_at: string | null;
}

export interface AidTables {
  aid_policy_sets: AidPolicySetTable;
  aid_policy_history: AidPolicyHistoryTable;
  aid_entitlements: AidEntitlementTable;
  aid_batches: AidBatchTable;
  aid_batch_rows: AidBatchRowTable;
  aid_objections: AidObjectionTable;
  aid_recognitions: AidRecognitionTable;
  aid_bank_accounts: AidBankAccountTable;
  aid_grants: AidGrantTable;
  aid_submissions: AidSubmissionTable;
  aid_submission_steps: AidSubmissionStepTable;
  aid_recognition_objections: AidRecognitionObjectionTable;
}
