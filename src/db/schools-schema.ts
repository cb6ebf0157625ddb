// Table types of the schools capability (teacher roster, school pairings, pairing activities) and of
// the indicators capability (entered indicator values). county_code on every table; timestamps ISO text.
import type { Generated } from 'kysely';

export interface TeacherTable {
  teacher_key: string; // the ID number, or name|school without a usable ID
  county_code: string;
  school_code: string;
  name: string;
  id_raw: string | null;
  id_number: string | null;
  id_status: string;
  education: string | null; // 学历 as written: 研究生, 本科, 专科, 高中/中专 …
  title: string | null; // 职称
  village: number; // 0/1 乡村教师
  start_month: string | null; // 参加工作年月 YYYY-MM
  years_taught: number | null; // 任教年限 as given (when no start month)
  training_hours: number | null; // 本年度培训学时
  standard_hours: number | null; // 其中规范性培训学时
  row_hash: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface SchoolPairingTable {
  id: Generated<number>;
  county_code: string; // the helped school's county
  helper_code: string;
  helped_code: string;
  started_on: string;
  actor: string;
  at: string;
}

export interface PairingActivityTable {
  id: Generated<number>;
  /** null: an activity of one school alone */
  pairing_id: number | null;
  county_code: string;
  kind: string;
  activity_date: string;
  title: string;
  summary: string | null;
  actor: string;
  at: string;
  /** the school that holds it: the school alone, or the helped school of the pairing */
  school_code: string | null;
  goal: string | null;
  /** 'YYYY-MM-DD HH:mm' (Asia/Shanghai) */
  start_at: string | null;
  end_at: string | null;
  place: string | null;
  /** 参加人员 as written */
  participants: string | null;
  expected_count: number | null;
  present_count: number | null;
  /** 活动安排: the steps, one per line */
  arrangements: string | null;
  /** 安全保障与应急预案 */
  safety: string | null;
  /** 组织机构及职责: [{ person, role, duty }] */
  organisers_json: string | null;
}

/** The columns of a stored file (files/attachments.ts): its name, type by content, size, hash, bytes, who and when. */
export interface StoredFileColumns {
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  actor: string;
  at: string;
}

export interface ActivityAttachmentTable extends StoredFileColumns {
  id: Generated<number>;
  activity_id: number;
  county_code: string;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  county_code: string;
  indicator: string;
  school_year: number;
  value: number;
  evidence: string;
  actor: string;
  at: string;
}

/** An evidence file of an entered indicator value. */
export interface IndicatorEvidenceTable extends StoredFileColumns {
  id: Generated<number>;
  value_id: number;
  county_code: string;
  indicator: string;
  school_year: number;
}

export interface ProjectTable {
  id: Generated<number>;
  county_code: string;
  school_code: string;
  name: string;
  kind: string; // 教学楼 宿舍 食堂 运动场 周转房 幼儿园 设备 其他
  fund_source: string;
  budget_fen: number;
  planned_end: string | null;
  actor: string;
  at: string;
}

export interface ProjectProgressTable {
  id: Generated<number>;
  project_id: number;
  county_code: string;
  report_date: string; // the dispatch (月调度) date
  percent: number; // 0–100
  spent_fen: number; // spent to date
  note: string;
  actor: string;
  at: string;
}

export interface SchoolsTables {
  projects: ProjectTable;
  project_progress: ProjectProgressTable;
  teachers: TeacherTable;
  school_pairings: SchoolPairingTable;
  pairing_activities: PairingActivityTable;
  activity_attachments: ActivityAttachmentTable;
  indicator_values: IndicatorValueTable;
  indicator_evidence: IndicatorEvidenceTable;
}
