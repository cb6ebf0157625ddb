// Table types of the projects capability beyond the project and its dispatches (schools-schema.ts):
// budget by fund source, fund-use postings (张榜公示), spending per source, milestones and 督导验收;
// and, added with them for issue 12, teacher moves and payables and supervision records.
import type { Generated } from 'kysely';

export interface ProjectFundTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  source: string; // 资金来源: 中央专项, 省级财政, 县级配套 …
  budget_fen: number;
  actor: string;
  at: string;
}

export interface ProjectPostingTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  source: string;
  posted_on: string; // the day the fund use was posted (张榜公示)
  amount_fen: number; // the use posted
  content: string; // what was posted, where
  actor: string;
  at: string;
}

export interface ProjectSpendingTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  source: string;
  spent_on: string;
  amount_fen: number;
  purpose: string;
  actor: string;
  at: string;
}

export interface ProjectMilestoneTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  name: string;
  planned_on: string;
  actual_on: string | null;
  actor: string;
  at: string;
}

export interface ProjectAcceptanceTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  accepted_on: string; // 督导验收 date
  result: string; // 合格 | 不合格
  findings: string;
  published_on: string | null; // the day the result was published
  actor: string;
  at: string;
}

export interface TeacherMoveTable {
  id: Generated<number>;
  county_code: string;
  teacher_key: string;
  kind: string; // 交流轮岗 | 支教 | 特岗
  school_year: number;
  from_school: string | null; // none for a 特岗 hire
  to_school: string;
  start_on: string;
  end_on: string | null;
  backbone: number; // 0/1: excellent, senior or first-level (职称 at the time of the move)
  note: string;
  actor: string;
  at: string;
}

export interface TeacherPayableTable {
  id: Generated<number>;
  county_code: string;
  teacher_key: string;
  school_code: string;
  item: string; // 乡镇工作补贴 | 乡村教师生活补助 | 新任乡村教师学费补偿
  period: string; // YYYY-MM for a monthly item, YYYY (school year) for the tuition refund
  amount_fen: number;
  status: string; // 待发放 | 已发放 | 发放失败
  basis: string;
  paid_on: string | null;
  pay_note: string | null;
  actor: string;
  at: string;
}

export interface SupervisionRecordTable {
  id: Generated<number>;
  county_code: string;
  school_year: number;
  subject: string; // a school code (10 digits) or a region code (6/9/12 digits)
  subject_name: string;
  kind: string; // 通报 | 约谈 | 问责 (escalation, decided by the records before) | 县级自查 | 市级复查
  matter: string; // what it is about: the same matter twice escalates
  record_date: string;
  finding: string;
  result: string | null; // checks: 合格 | 整改 | 不合格
  actor: string;
  at: string;
}

/** The card a teacher's subsidies are paid to (教师补助发放账户). */
export interface TeacherBankAccountTable {
  teacher_key: string;
  county_code: string;
  holder_name: string;
  account_no: string;
  bank_name: string | null;
  updated_at: string;
  actor: string;
}

export interface ProjectsTables {
  supervision_records: SupervisionRecordTable;
  teacher_moves: TeacherMoveTable;
  teacher_payables: TeacherPayableTable;
  teacher_bank_accounts: TeacherBankAccountTable;
  project_funds: ProjectFundTable;
  project_postings: ProjectPostingTable;
  project_spending: ProjectSpendingTable;
  project_milestones: ProjectMilestoneTable;
  project_acceptances: ProjectAcceptanceTable;
}
