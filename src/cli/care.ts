// Commands of the care capability (留守儿童与困境儿童关爱): the ledger, mentors, visits, the list,
// the coverage report and the exchange file for civil affairs.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { importCommand, importResult } from './dropout.ts';
import { schoolYearOption } from './registry.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { parseTerm } from '../kernel/school-year.ts';
import { assignMentor, importCare, logVisit } from '../care/care-steps.ts';
import { exportCareExchange, listCare, reportCare } from '../care/export-care.ts';
import { exportPairings, logHouseholdVisit, pairHousehold, reportVisits } from '../care/pairing-steps.ts';

export function register(program: Command): void {
  importCommand(program, 'care', '导入关爱对象台账 / import the care ledger', (file, o, cmd) =>
    withDatabase(cmd, async (database) => importResult(await importCare(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor() }))),
  );

  const care = program.command('care').description('关爱留守儿童与困境儿童 / care for left-behind and vulnerable children');
  care
    .command('assign <student>')
    .description('结对帮扶教师 / pair a child with a mentor (a teacher account of the child’s school)')
    .requiredOption('--mentor <username>', '教师账号 / teacher account')
    .option('--kind <kind>', '一对一、一对多、代理家长', '一对一')
    .action(action(async (s: string, o: { mentor: string; kind: string }, cmd: Command) => withDatabase(cmd, (database) => assignMentor(database, cliActor(), s, o))));
  care
    .command('visit <student>')
    .description('登记走访或谈心 / log a visit or talk')
    .requiredOption('--date <date>', '日期 / date')
    .requiredOption('--by <username>', '教师账号 / teacher account')
    .requiredOption('--kind <kind>', '家访、谈心、电话、视频')
    .requiredOption('--note <text>', '情况 / note')
    .action(action(async (s: string, o: { date: string; by: string; kind: string; note: string }, cmd: Command) => withDatabase(cmd, (database) => logVisit(database, cliActor(), today(), s, o))));
  care
    .command('list')
    .description('关爱对象名单 / the care list')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--full', '不遮蔽学籍号 / unmasked student numbers (roles allowed only)')
    .action(action(async (o: { out: string; full?: boolean }, cmd: Command) => withDatabase(cmd, (database) => listCare(database, { out: o.out, full: Boolean(o.full), actor: cliActor(), today: today() }))));

  care
    .command('pair <household>')
    .description('结对帮扶贫困户（包保责任制）/ pair a school leader, teacher or cadre with a registry household')
    .option('--user <username>', '校领导（学校账号）或教师账号 / school or teacher account')
    .option('--cadre <name>', '没有账号的干部姓名 / a cadre without an account')
    .option('--unit <unit>', '干部所在单位 / the cadre’s unit')
    .action(action(async (h: string, o: { user?: string; cadre?: string; unit?: string }, cmd: Command) => withDatabase(cmd, (database) => pairHousehold(database, cliActor(), h, o))));
  care
    .command('household-visit <household>')
    .description('登记对结对户的走访（遍访）/ log a visit to a paired household')
    .requiredOption('--date <date>', '日期 / date')
    .option('--by <name>', '走访人（默认为帮扶责任人）/ who visited (default: the helper)')
    .requiredOption('--kind <kind>', '入户走访、电话、视频')
    .requiredOption('--note <text>', '情况 / note')
    .action(action(async (h: string, o: { date: string; by?: string; kind: string; note: string }, cmd: Command) => withDatabase(cmd, (database) => logHouseholdVisit(database, cliActor(), today(), h, o))));
  care
    .command('pairings')
    .description('结对帮扶名单 / the list of household pairings')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .action(action(async (o: { out: string }, cmd: Command) => withDatabase(cmd, (database) => exportPairings(database, { out: o.out, actor: cliActor(), today: today() }))));

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('报表 / reports');
  report
    .command('care')
    .description('关爱走访覆盖率（按学校）/ care coverage per school')
    .requiredOption('--out <file>', '输出文件 / output file')
    .option('--school-year <year>', '学年 / school year')
    .requiredOption('--term <term>', '学期 秋季/春季 / term')
    .action(action(async (o: { out: string; schoolYear?: string; term: string }, cmd: Command) => withDatabase(cmd, (database) => reportCare(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), term: parseTerm(o.term), actor: cliActor() }))));

  report
    .command('visits')
    .description('遍访覆盖率（按学校和乡镇）/ visit coverage per school and township')
    .requiredOption('--out <file>', '输出文件 / output file')
    .option('--school-year <year>', '学年 / school year')
    .requiredOption('--term <term>', '学期 秋季/春季 / term')
    .action(action(async (o: { out: string; schoolYear?: string; term: string }, cmd: Command) => withDatabase(cmd, (database) => reportVisits(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), term: parseTerm(o.term), actor: cliActor() }))));

  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出 / export lists');
  exp
    .command('care')
    .description('与民政共享的关爱对象信息 / the exchange file for civil affairs')
    .requiredOption('--for <agency>', '接收部门 / receiving agency: 民政')
    .requiredOption('--out <file>', '输出文件 / output file')
    .action(action(async (o: { for: string; out: string }, cmd: Command) => withDatabase(cmd, (database) => exportCareExchange(database, { for: o.for, out: o.out, actor: cliActor() }))));
}
