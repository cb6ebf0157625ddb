// Table types of the dropout (控辍保学) and care (关爱) capabilities: the township roster, absences,
// dropout cases with their history and proofs, the care ledger, mentors and visits.
// Every table carries county_code (Citus distribution key); no triggers; timestamps ISO text.
import type { Generated } from 'kysely';

interface Imported {
  row_hash: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface RosterChildTable extends Imported {
  roster_key: string; // the ID number, or name|birth date|hukou region without a usable ID
  county_code: string;
  name: string;
  name_norm: string;
  name_key: string;
  sex: string | null;
  id_raw: string | null;
  id_number: string | null;
  id_status: string;
  birth_date: string | null;
  hukou_region: string | null; // 12 digits
  address: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
}

export interface AttendanceTable extends Imported {
  record_key: string; // student_no|date
  county_code: string;
  student_no: string;
  absence_date: string; // YYYY-MM-DD
  kind: string; // 病假 | 事假 | 旷课 | 无故缺勤
  reason: string | null;
}

export interface DropoutCaseTable {
  case_no: string; // KC + county + 5-digit sequence
  county_code: string;
  person_key: string; // one case per child: ID number or name|birth
  name: string;
  id_number: string | null;
  id_raw: string | null;
  birth_date: string | null;
  sex: string | null;
  hukou_region: string | null;
  township_code: string | null; // 9 digits
  student_no: string | null;
  school_code: string | null;
  sources: string; // 来源, joined by 、
  basis: string; // why it was opened
  school_year: number;
  status: string;
  category: string | null; // 核查类别 of a closed case
  note: string | null;
  assigned_school: string | null;
  township_user: string | null;
  village_cadre: string | null;
  last_visit: string | null;
  outcome: string | null;
  outcome_date: string | null;
  opened_at: string;
  updated_at: string;
}

export interface DropoutCaseEventTable {
  id: Generated<number>;
  case_no: string;
  county_code: string;
  action: string; // open | source | close | confirm | assign | visit | return
  from_status: string | null;
  to_status: string | null;
  event_date: string | null; // the calendar date people see (visit/return date, or today)
  detail_json: string | null;
  actor: string;
  at: string;
}

export interface DropoutProofTable {
  id: Generated<number>;
  case_no: string;
  county_code: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  actor: string;
  at: string;
}

export interface CareChildTable extends Imported {
  student_no: string;
  county_code: string;
  school_code: string;
  name: string;
  categories: string; // joined by 、
  parents_work_place: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_phone: string | null;
  health: string | null;
  boarding: number | null;
}

export interface CareMentorTable {
  student_no: string;
  county_code: string;
  school_code: string;
  mentor: string; // username of a teacher account of the child's school
  kind: string; // 一对一 | 一对多 | 代理家长
  assigned_by: string;
  assigned_at: string;
}

export interface CareVisitTable {
  id: Generated<number>;
  student_no: string;
  county_code: string;
  school_code: string;
  visit_date: string;
  by_user: string;
  kind: string; // 家访 | 谈心 | 电话 | 视频
  note: string;
  actor: string;
  at: string;
}

/** 结对帮扶: the one person responsible for a registry household (a user account or a named cadre). */
export interface HouseholdPairingTable {
  household_no: string;
  county_code: string;
  township_code: string; // 9 digits, from the household's village
  helper_key: string; // 'user:<username>' or 'cadre:<name>'
  helper_name: string; // display name, or the cadre's name
  helper_role: string; // school (校领导) | teacher | cadre
  username: string | null;
  school_code: string | null; // the school of a school or teacher account
  cadre_unit: string | null;
  assigned_by: string;
  assigned_at: string;
}

export interface HouseholdVisitTable {
  id: Generated<number>;
  household_no: string;
  county_code: string;
  visit_date: string;
  by_name: string; // the helper_key's name: username or cadre name
  kind: string; // 入户走访 | 电话 | 视频
  note: string;
  actor: string;
  at: string;
}

export interface DropoutTables {
  roster_children: RosterChildTable;
  attendance: AttendanceTable;
  dropout_cases: DropoutCaseTable;
  dropout_case_events: DropoutCaseEventTable;
  dropout_proofs: DropoutProofTable;
  care_children: CareChildTable;
  care_mentors: CareMentorTable;
  care_visits: CareVisitTable;
  household_pairings: HouseholdPairingTable;
  household_visits: HouseholdVisitTable;
}
