// Table types of the projects capability beyond the project and its dispatches (schools-schema.ts):
// budget by fund source, fund-use postings (张榜公示), spending per source, milestones and 督导验收.
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

export interface ProjectsTables {
  project_funds: ProjectFundTable;
  project_postings: ProjectPostingTable;
  project_spending: ProjectSpendingTable;
  project_milestones: ProjectMilestoneTable;
  project_acceptances: ProjectAcceptanceTable;
}
