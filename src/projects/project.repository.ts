// SQL of the projects capability: projects and their dispatches (月调度).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ProjectProgressTable, ProjectTable } from '../db/schools-schema.ts';
import { dialectOf } from '../db/dialect.ts';
import type { DataScope } from '../platform/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type Project = Omit<ProjectTable, 'id'> & { id: number };
export type Progress = Omit<ProjectProgressTable, 'id'> & { id: number };

const project = (r: Omit<ProjectTable, 'id'> & { id: unknown }): Project => ({ ...r, id: Number(r.id), budget_fen: Number(r.budget_fen) });
const progress = (r: Omit<ProjectProgressTable, 'id'> & { id: unknown }): Progress => ({ ...r, id: Number(r.id), project_id: Number(r.project_id), spent_fen: Number(r.spent_fen), percent: Number(r.percent) });

export async function insertProject(db: Db, row: Omit<Project, 'id'>): Promise<number> {
  const r = await db.insertInto('projects').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function projectById(db: Db, id: number): Promise<Project | undefined> {
  const r = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? project(r) : undefined;
}

export async function allProjects(db: Db): Promise<Project[]> {
  return (await db.selectFrom('projects').selectAll().orderBy('id').execute()).map(project);
}

export async function insertProgress(db: Db, row: Omit<Progress, 'id'>): Promise<number> {
  const r = await db.insertInto('project_progress').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function progressOf(db: Db, projectIds?: number[]): Promise<Progress[]> {
  let q = db.selectFrom('project_progress').selectAll();
  if (projectIds) q = q.where('project_id', 'in', projectIds.length ? projectIds : [-1]);
  return (await q.orderBy('report_date').orderBy('id').execute()).map(progress);
}

export async function schoolOf(db: Db, code: string): Promise<{ code: string; name: string; county_code: string } | undefined> {
  return db.selectFrom('schools').select(['code', 'name', 'county_code']).where('code', '=', code).executeTakeFirst();
}

export async function schoolNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('schools').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
}

// Funds and follow-up (migration 20261203050000-ProjectFunds): budget by fund source, postings,
// spending per source, milestones and acceptances.
export interface Fund { id: number; project_id: number; county_code: string; source: string; budget_fen: number }
export interface Posting { id: number; project_id: number; source: string; posted_on: string; amount_fen: number; content: string }
export interface Spending { id: number; project_id: number; source: string; spent_on: string; amount_fen: number; purpose: string }
export interface Milestone { id: number; project_id: number; name: string; planned_on: string; actual_on: string | null }
export interface Acceptance { id: number; project_id: number; accepted_on: string; result: string; findings: string; published_on: string | null }

const ids = (projectIds?: number[]) => (projectIds && projectIds.length === 0 ? [-1] : projectIds);

export async function fundsOf(db: Db, projectIds?: number[], lock = false): Promise<Fund[]> {
  let q = db.selectFrom('project_funds').select(['id', 'project_id', 'county_code', 'source', 'budget_fen']);
  const only = ids(projectIds);
  if (only) q = q.where('project_id', 'in', only);
  // two spendings from one source at once: the second waits for the first (PostgreSQL; SQLite writes one at a time)
  if (lock && dialectOf(db) === 'postgres') q = q.forUpdate();
  return (await q.orderBy('project_id').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), project_id: Number(r.project_id), budget_fen: Number(r.budget_fen) }));
}

export async function insertFund(db: Db, row: { project_id: number; county_code: string; source: string; budget_fen: number; actor: string; at: string }): Promise<void> {
  await db.insertInto('project_funds').values(row).execute();
  const total = await db.selectFrom('project_funds').select((eb) => eb.fn.sum<string | number>('budget_fen').as('total')).where('project_id', '=', row.project_id).executeTakeFirstOrThrow();
  await db.updateTable('projects').set({ budget_fen: Number(total.total) }).where('id', '=', row.project_id).execute();
}

export async function postingsOf(db: Db, projectIds?: number[]): Promise<Posting[]> {
  let q = db.selectFrom('project_postings').select(['id', 'project_id', 'source', 'posted_on', 'amount_fen', 'content']);
  const only = ids(projectIds);
  if (only) q = q.where('project_id', 'in', only);
  return (await q.orderBy('posted_on').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), project_id: Number(r.project_id), amount_fen: Number(r.amount_fen) }));
}

export async function insertPosting(db: Db, row: { project_id: number; county_code: string; source: string; posted_on: string; amount_fen: number; content: string; actor: string; at: string }): Promise<number> {
  return Number((await db.insertInto('project_postings').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function spendingOf(db: Db, projectIds?: number[]): Promise<Spending[]> {
  let q = db.selectFrom('project_spending').select(['id', 'project_id', 'source', 'spent_on', 'amount_fen', 'purpose']);
  const only = ids(projectIds);
  if (only) q = q.where('project_id', 'in', only);
  return (await q.orderBy('spent_on').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), project_id: Number(r.project_id), amount_fen: Number(r.amount_fen) }));
}

export async function insertSpending(db: Db, row: { project_id: number; county_code: string; source: string; spent_on: string; amount_fen: number; purpose: string; actor: string; at: string }): Promise<number> {
  return Number((await db.insertInto('project_spending').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function milestonesOf(db: Db, projectIds?: number[]): Promise<Milestone[]> {
  let q = db.selectFrom('project_milestones').select(['id', 'project_id', 'name', 'planned_on', 'actual_on']);
  const only = ids(projectIds);
  if (only) q = q.where('project_id', 'in', only);
  return (await q.orderBy('planned_on').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), project_id: Number(r.project_id) }));
}

export async function insertMilestone(db: Db, row: { project_id: number; county_code: string; name: string; planned_on: string; actual_on: null; actor: string; at: string }): Promise<void> {
  await db.insertInto('project_milestones').values(row).execute();
}

export async function setMilestoneDone(db: Db, id: number, actualOn: string, actor: string, at: string): Promise<void> {
  await db.updateTable('project_milestones').set({ actual_on: actualOn, actor, at }).where('id', '=', id).execute();
}

export async function acceptancesOf(db: Db, projectIds?: number[]): Promise<Acceptance[]> {
  let q = db.selectFrom('project_acceptances').select(['id', 'project_id', 'accepted_on', 'result', 'findings', 'published_on']);
  const only = ids(projectIds);
  if (only) q = q.where('project_id', 'in', only);
  return (await q.orderBy('accepted_on').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), project_id: Number(r.project_id) }));
}

export async function insertAcceptance(db: Db, row: { project_id: number; county_code: string; accepted_on: string; result: string; findings: string; published_on: string | null; actor: string; at: string }): Promise<number> {
  return Number((await db.insertInto('project_acceptances').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function publishAcceptance(db: Db, id: number, publishedOn: string): Promise<void> {
  await db.updateTable('project_acceptances').set({ published_on: publishedOn }).where('id', '=', id).execute();
}

/** Projects the scope sees: a school its own, a region those of its schools (by the school's region code). */
export async function projectsInScope(db: Db, scope: DataScope): Promise<(Project & { school_name: string })[]> {
  if (scope.kind === 'none') return [];
  let q = db.selectFrom('projects').innerJoin('schools', 'schools.code', 'projects.school_code').selectAll('projects').select('schools.name as school_name');
  if (scope.kind === 'school') q = q.where('projects.school_code', '=', scope.schoolCode);
  if (scope.kind === 'region') q = q.where('schools.region_code', 'like', `${scope.prefix}%`);
  return (await q.orderBy('projects.id').execute()).map((r) => ({ ...project(r), school_name: r.school_name }));
}
