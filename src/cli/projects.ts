// Commands of the projects capability (项目台账, 全面改薄): add a project, record a monthly dispatch, the ledger.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { PROJECT_KINDS } from '../projects/project.rules.ts';
import { addProject, dispatchProject, listProjects } from '../projects/project-steps.ts';

export function register(program: Command): void {
  const project = program.command('project').description('项目台账（全面改薄）/ construction and equipment projects');
  project
    .command('add')
    .description('登记项目 / add a project')
    .requiredOption('--school <code>', '学校标识码 / school')
    .requiredOption('--name <name>', '项目名称 / name')
    .requiredOption('--kind <kind>', PROJECT_KINDS.join('|'))
    .requiredOption('--budget <yuan>', '预算（元）/ budget in yuan')
    .requiredOption('--fund <source>', '资金来源 / fund source')
    .option('--end <date>', '计划完工日期 / planned completion')
    .action(action(async (o: { school: string; name: string; kind: string; budget: string; fund: string; end?: string }, cmd: Command) => withDatabase(cmd, (database) => addProject(database, cliActor(), o))));
  project
    .command('dispatch <id>')
    .description('月调度：进度、累计支出、情况 / monthly dispatch: progress, spending to date, note')
    .requiredOption('--date <date>', '调度日期 / date')
    .requiredOption('--percent <n>', '进度 0–100 / progress')
    .requiredOption('--spent <yuan>', '累计支出（元）/ spent to date')
    .requiredOption('--note <text>', '情况 / note')
    .action(action(async (id: string, o: { date: string; percent: string; spent: string; note: string }, cmd: Command) => withDatabase(cmd, (database) => dispatchProject(database, cliActor(), today(), { project: id, ...o }))));
  project
    .command('list')
    .description('项目台账 / the project ledger')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .action(action(async (o: { out: string }, cmd: Command) => withDatabase(cmd, (database) => listProjects(database, { out: o.out, today: today(), actor: cliActor() }))));
}
