// Commands of the projects capability (项目台账, 全面改薄): add a project, record a monthly dispatch, the ledger.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { PROJECT_KINDS } from '../projects/project.rules.ts';
import { addProject, dispatchProject, listProjects } from '../projects/project-steps.ts';
import { acceptProject, addFund, postFundUse, publishAcceptanceResult, recordMilestone, recordSpending } from '../projects/project-funds.ts';
import { reportProjects } from '../projects/project-report.ts';

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
  project
    .command('fund <id>')
    .description('增加资金来源及其预算 / add a fund source with its budget')
    .requiredOption('--source <name>', '资金来源 / fund source')
    .requiredOption('--budget <yuan>', '该来源预算（元）/ budget of this source')
    .action(action(async (id: string, o: { source: string; budget: string }, cmd: Command) => withDatabase(cmd, (database) => addFund(database, cliActor(), { project: id, ...o }))));
  project
    .command('post <id>')
    .description('资金使用张榜公示（支出前）/ post a fund use before spending')
    .requiredOption('--source <name>', '资金来源 / fund source')
    .requiredOption('--date <date>', '公示日期 / posting date')
    .requiredOption('--yuan <yuan>', '公示使用金额（元）/ amount posted')
    .requiredOption('--content <text>', '公示内容及地点 / what was posted, where')
    .action(action(async (id: string, o: { source: string; date: string; yuan: string; content: string }, cmd: Command) =>
      withDatabase(cmd, (database) => postFundUse(database, cliActor(), today(), { project: id, source: o.source, date: o.date, amount: o.yuan, content: o.content }))));
  project
    .command('spend <id>')
    .description('按资金来源登记支出（不超该来源预算，须先公示）/ spending from one source')
    .requiredOption('--source <name>', '资金来源 / fund source')
    .requiredOption('--date <date>', '支出日期 / date')
    .requiredOption('--yuan <yuan>', '金额（元）/ amount')
    .requiredOption('--purpose <text>', '用途 / purpose')
    .action(action(async (id: string, o: { source: string; date: string; yuan: string; purpose: string }, cmd: Command) =>
      withDatabase(cmd, (database) => recordSpending(database, cliActor(), today(), { project: id, source: o.source, date: o.date, amount: o.yuan, purpose: o.purpose }))));
  project
    .command('milestone <id>')
    .description('里程碑：--planned 新增，--done 完成 / a milestone: planned, then reached')
    .requiredOption('--name <name>', '里程碑 / milestone')
    .option('--planned <date>', '计划日期 / planned date')
    .option('--done <date>', '实际完成日期 / the day it was reached')
    .action(action(async (id: string, o: { name: string; planned?: string; done?: string }, cmd: Command) => withDatabase(cmd, (database) => recordMilestone(database, cliActor(), today(), { project: id, ...o }))));
  project
    .command('accept <id>')
    .description('督导验收 / inspection and acceptance')
    .requiredOption('--date <date>', '验收日期 / date')
    .requiredOption('--result <r>', '合格|不合格')
    .option('--findings <text>', '验收意见 / findings')
    .option('--published <date>', '结果公布日期 / the day the result was published')
    .action(action(async (id: string, o: { date: string; result: string; findings?: string; published?: string }, cmd: Command) => withDatabase(cmd, (database) => acceptProject(database, cliActor(), today(), { project: id, ...o }))));
  project
    .command('publish <id>')
    .description('公布验收结果 / publish the acceptance result')
    .requiredOption('--date <date>', '公布日期 / date')
    .action(action(async (id: string, o: { date: string }, cmd: Command) => withDatabase(cmd, (database) => publishAcceptanceResult(database, cliActor(), today(), { project: id, ...o }))));
  project
    .command('report')
    .description('季汇总（2026-Q3）或半年通报（2026-H2）/ quarterly summary or half-year bulletin')
    .requiredOption('--period <p>', '2026-Q3 | 2026-H2')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .action(action(async (o: { period: string; out: string }, cmd: Command) => withDatabase(cmd, (database) => reportProjects(database, { ...o, today: today(), actor: cliActor() }))));
}
