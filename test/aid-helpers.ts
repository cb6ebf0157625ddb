// Shared by the aid tests: a generated county loaded and matched in a test database, and the
// amounts each preset owes a listed student per term, written out from the seeds independently
// of the presets' own data (so a wrong preset value fails the test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database.ts';
import { generateCounty } from '../src/demo/generate.ts';
import { importList } from '../src/registry/import-list.ts';
import { runMatching } from '../src/registry/run-matching.ts';
import { cliActor } from '../src/platform/scope.ts';
import type { ListedStudent } from '../src/registry/listed-students.service.ts';
import { stageStartYear } from '../src/kernel/stage.ts';

export async function loadCounty(database: Database, households: number, schoolYear: number): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-'));
  const county = await generateCounty({ households, seed: 11, schoolYear, outDir, dirt: false });
  const actor = cliActor();
  await importList(database, { kind: 'schools', file: county.files.schools, actor });
  await importList(database, { kind: 'students', file: county.files.students, actor });
  await importList(database, { kind: 'households', file: county.files.households, actor });
  await runMatching(database, { actor, schoolYear });
  fs.rmSync(outDir, { recursive: true, force: true });
}

/** Yuan per term owed to a qualifying listed student, by preset, stage and boarding (from the seeds). */
export function expectedYuan(preset: string, stage: string | null, boarding: boolean, outOfArea: boolean): number {
  switch (preset) {
    case 'huangmei': // 000 篇二: 学前 1000, 小学寄宿 1000, 初中寄宿 1250 per year
      return stage === '学前' ? 500 : stage === '小学' && boarding ? 500 : stage === '初中' && boarding ? 625 : 0;
    case 'wuhan': // 000 篇一: 小学 1000, 初中 1250, 高中 2500, 本专科 10000; 学前/中职 20xx (blank)
      return ({ 小学: 500, 初中: 625, 高中: 1250, 高等: 5000 } as Record<string, number>)[stage ?? ''] ?? 0;
    case 'rizhao': // 002 篇6: 义务教育 3000, 高中/中职 3000, 高等 6000
      return ({ 小学: 1500, 初中: 1500, 高中: 1500, 中职: 1500, 高等: 3000 } as Record<string, number>)[stage ?? ''] ?? 0;
    case 'dingxi': // 004 篇3: 学前 1000 (在当地), 高中 1500, 中职 2000
      return stage === '学前' ? (outOfArea ? 0 : 500) : stage === '高中' ? 750 : stage === '中职' ? 1000 : 0;
  }
  throw new Error(preset);
}

/** 同一学段继续享受 (000 篇二), written independently: an exited 脱贫户 qualifies only within the stage it exited in. */
export function qualifies(s: ListedStudent, schoolYear: number): boolean {
  if (s.status !== '在读') return false;
  const start = stageStartYear(s.stage, s.grade, schoolYear);
  return s.lists.some((m) => m.listKind !== '建档立卡' || m.yearExited === null || m.householdType !== '脱贫户' || start === null || m.yearExited >= start);
}

export function outOfArea(s: ListedStudent): boolean {
  return s.hukouRegion !== null && s.hukouRegion.slice(0, 6) !== s.schoolRegion.slice(0, 6);
}
