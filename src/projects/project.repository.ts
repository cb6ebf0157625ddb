// SQL of the projects capability: projects and their dispatches (月调度).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ProjectProgressTable, ProjectTable } from '../db/schools-schema.ts';

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
