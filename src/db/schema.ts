// Table types for Kysely. Database identifiers are snake_case; booleans are 0/1 integers and
// timestamps ISO-8601 text so that SQLite and PostgreSQL behave the same.
import type { Generated } from 'kysely';
import type { AidTables } from './aid-schema.ts';
import type { DropoutTables } from './dropout-schema.ts';
import type { SchoolsTables } from './schools-schema.ts';
import type { ProjectsTables } from './projects-schema.ts';

export interface SchoolTable {
  code: string; // 学校标识码, 10 digits
  name: string;
  region_code: string; // 12 digits
  county_code: string; // 6 digits, the distribution key for a Citus cluster
  school_type: string; // 办学类型
  urban_rural: string | null;
  row_hash: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface StudentTable {
  student_no: string; // 学籍号, normalised
  county_code: string;
  name: string;
  name_norm: string;
  name_key: string; // toneless pinyin of name_norm: homophones share it
  sex: string | null; // 'M' | 'F'
  id_raw: string | null; // the cell as it arrived
  id_number: string | null; // a usable 18-digit ID, or null
  id_status: string; // see kernel/id-number IdStatus
  birth_date: string | null; // YYYY-MM-DD
  ethnicity: string | null;
  school_code: string;
  stage: string | null; // 学段, canonical (kernel/stage.ts): 学前 小学 初中 高中 中职 高等
  stage_raw: string | null; // the 学段 cell as it arrived (学前教育, 普通高中 …)
  grade: string | null;
  boarding: number; // 0/1
  hukou_region: string | null; // 12 digits
  status: string; // 学籍状态
  row_hash: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface MemberTable {
  member_id: string; // list_kind|household_no|member_key
  list_kind: string; // 建档立卡 | 低保 | 特困 | 孤儿 | 残疾
  household_no: string;
  member_key: string;
  county_code: string;
  name: string;
  name_norm: string;
  name_key: string;
  id_raw: string | null;
  id_number: string | null;
  id_status: string;
  relation: string | null;
  sex: string | null;
  birth_date: string | null;
  village_code: string | null;
  household_type: string | null;
  year_identified: number | null;
  year_exited: number | null;
  row_hash: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface RecordHistoryTable {
  id: Generated<number>;
  table_name: string;
  record_key: string;
  county_code: string;
  action: string; // insert | update
  before_json: string | null;
  after_json: string | null;
  import_id: string | null;
  actor: string;
  at: string;
}

export interface ImportTable {
  id: string;
  kind: string; // schools | students | households
  list_kind: string | null;
  file_name: string;
  file_sha256: string;
  actor: string;
  at: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rev: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface MatchTable {
  match_id: string; // student_no|member_id
  student_no: string;
  member_id: string;
  list_kind: string;
  household_no: string;
  county_code: string;
  method: string; // 比对方式
  confidence: number;
  status: string; // auto | review (computed); human decisions live in match_decisions
  basis: string; // 依据
  computed_rev: number;
  updated_at: string;
}

export interface MatchDecisionTable {
  match_id: string;
  student_no: string;
  member_id: string;
  county_code: string;
  decision: string; // confirmed | rejected
  /** school | county (admin and the command line count as county): a school cannot overturn the county. */
  level: string;
  reason: string | null;
  actor: string;
  at: string;
}

/** Every decision ever made on a pair, the overturned ones included (match_decisions holds the latest). */
export interface MatchDecisionHistoryTable {
  id: Generated<number>;
  match_id: string;
  county_code: string;
  decision: string;
  level: string;
  reason: string | null;
  actor: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail_json: string | null;
  county_code: string | null;
  region_codes: string | null; // ' 513433 513433101 ': the regions the entry concerns (audit.repository)
}

export interface JobTable {
  id: string;
  kind: string; // import | match | entitle
  params_json: string; // what was asked: list, list kind, school year …
  file_name: string | null; // the uploaded file's name as the user gave it
  status: string; // queued | running | done | failed
  progress: number; // 0..1
  message: string | null; // the current step, in Chinese
  result_json: string | null; // the command's JSON summary
  error_json: string | null; // {code, message, messageEn, where}
  errors_file: string | null; // rejected rows with 错误原因, in the upload's own format
  warnings_file: string | null;
  actor: string;
  region_code: string | null; // the starting user's region: whose jobs a county user sees
  pid: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface LoginAttemptTable {
  key: string; // user:<name> or ip:<address>
  failures: number; // attempts not (yet) proven right, counted before the password is checked
  locked_until: string | null;
  updated_at: string;
}

export interface UserTable {
  username: string;
  password_hash: string;
  role: string; // admin | county | school | township | teacher | inspector
  region_code: string | null;
  school_code: string | null;
  display_name: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
}

export interface RegionTable {
  code: string; // 12 digits
  name: string;
  level: number; // 1 province .. 5 village
  parent_code: string | null;
}

export interface DB extends AidTables, DropoutTables, SchoolsTables, ProjectsTables {
  schools: SchoolTable;
  students: StudentTable;
  members: MemberTable;
  record_history: RecordHistoryTable;
  imports: ImportTable;
  meta: MetaTable;
  matches: MatchTable;
  match_decisions: MatchDecisionTable;
  match_decision_history: MatchDecisionHistoryTable;
  audit_log: AuditLogTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  jobs: JobTable;
  regions: RegionTable;
}
