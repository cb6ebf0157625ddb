// Commands of the dropout capability (控辍保学): import the township roster and the absences, run
// 四查三比对, move cases through verification and persuasion, and write the ledger and the report.
import type { Command } from 'commander';
import { reportCase } from '../dropout/case-report.ts';
import { reportReconcile } from '../dropout/reconcile.ts';
import { reportDropoutPeriod } from '../dropout/report-period.ts';
import { action, withDatabase } from './context.ts';
import { reportImport, schoolYearOption } from './registry.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { importAttendance, importRoster } from '../dropout/import-lists.ts';
import type { TableImportSummary } from '../dropout/import-table.ts';
import { runDropoutCheck } from '../dropout/run-check.ts';
import { assignCase, closeCase, confirmCase, returnCase, visitCase } from '../dropout/case-steps.ts';
import { listCaseLedger, reportDropout } from '../dropout/export-cases.ts';

/** The summary JSON of a table import, after its rejected rows and warnings went to stderr. */
export function importResult(s: TableImportSummary): Omit<TableImportSummary, 'rejectedSample' | 'warningSample'> {
  reportImport(s);
  const { rejectedSample: _r, warningSample: _w, ...rest } = s;
  return rest;
}

interface ImportOpts {
  errors?: string;
  sheet?: string;
}

/** Adds `import <name> <file>` with the options every import has. */
export function importCommand(program: Command, name: string, description: string, run: (file: string, opts: ImportOpts, cmd: Command) => Promise<unknown>): void {
  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入名单 / import a list');
  imp
    .command(`${name} <file>`)
    .description(description)
    .option('--errors <file>', '把被拒收的行及原因写入此文件 / write rejected rows with reasons to this file')
    .option('--sheet <name>', '.xlsx 工作表名 / worksheet name in an .xlsx file')
    .action(action(run));
}

export function register(program: Command): void {
  importCommand(program, 'roster', '导入适龄儿童花名册（按户籍）/ import the township roster of school-age children', (file, o, cmd) =>
    withDatabase(cmd, async (database) => importResult(await importRoster(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor() }))),
  );
  importCommand(program, 'attendance', '导入学生缺勤记录 / import absences', (file, o, cmd) =>
    withDatabase(cmd, async (database) => importResult(await importAttendance(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor() }))),
  );

  const ctx = () => ({ actor: cliActor(), today: today() });
  const dropout = program.command('dropout').description('控辍保学 / dropout control');
  dropout
    .command('check')
    .description('四查三比对，生成或更新疑似辍学案件（幂等）/ compare roster, registry, 学籍 and absences; open cases (idempotent)')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { schoolYear?: string }, cmd: Command) => withDatabase(cmd, (database) => runDropoutCheck(database, { ...ctx(), schoolYear: schoolYearOption(o.schoolYear) }))));
  dropout
    .command('list')
    .description('控辍保学台账 / the ledger of cases')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--status <status>', '只列此状态 / only this status')
    .option('--full', '不遮蔽身份证号（需有权限的角色）/ unmasked ID numbers (roles allowed only)')
    .action(action(async (o: { out: string; status?: string; full?: boolean }, cmd: Command) => withDatabase(cmd, (database) => listCaseLedger(database, { out: o.out, status: o.status, full: Boolean(o.full), actor: cliActor() }))));
  dropout
    .command('close <case>')
    .description('核查后排除（非辍学）/ verified: not out of school')
    .requiredOption('--category <c>', '核查类别 / category: 信息错误, 死亡, 空挂户, 重复户籍, 外地就读, 无籍在读, 延缓入学, 超龄离校, 出国出境, 其他')
    .requiredOption('--note <text>', '核查情况 / what was found')
    .option('--proof <file>', '证明材料 .pdf/.jpg/.png（≤10 MB）/ proof file')
    .action(action(async (c: string, o: { category: string; note: string; proof?: string }, cmd: Command) => withDatabase(cmd, (database) => closeCase(database, ctx(), c, o))));
  dropout
    .command('confirm <case>')
    .description('核实辍学，进入劝返 / verified out of school: persuade back')
    .option('--note <text>', '说明 / note')
    .action(action(async (c: string, o: { note?: string }, cmd: Command) => withDatabase(cmd, (database) => confirmCase(database, ctx(), c, o.note))));
  dropout
    .command('assign <case>')
    .description('指定责任人（学校、乡镇、村）/ who is responsible')
    .option('--school <code>', '学校标识码 / school code')
    .option('--township-user <username>', '乡镇账号 / township account')
    .option('--village-cadre <name>', '村干部姓名 / village cadre')
    .action(action(async (c: string, o: { school?: string; townshipUser?: string; villageCadre?: string }, cmd: Command) => withDatabase(cmd, (database) => assignCase(database, ctx(), c, o))));
  dropout
    .command('visit <case>')
    .description('登记劝返走访 / a persuasion visit')
    .requiredOption('--date <date>', '走访日期 / date')
    .requiredOption('--by <name>', '走访人 / who visited')
    .requiredOption('--note <text>', '走访情况 / what happened')
    .option('--next <step>', '下一步 / next step')
    .action(action(async (c: string, o: { date: string; by: string; note: string; next?: string }, cmd: Command) => withDatabase(cmd, (database) => visitCase(database, ctx(), c, o))));
  dropout
    .command('return <case>')
    .description('登记劝返结果 / the outcome: 复学, 送教上门, 转学, 外地就读已核实')
    .requiredOption('--outcome <o>', '结果 / outcome')
    .requiredOption('--date <date>', '日期 / date')
    .option('--school <code>', '就读学校 / the school')
    .action(action(async (c: string, o: { outcome: string; date: string; school?: string }, cmd: Command) => withDatabase(cmd, (database) => returnCase(database, ctx(), c, o))));

  dropout
    .command('report-case <case>')
    .description('劝返复学登记与书面报告（.pdf 或 .xlsx）/ the written report of one case')
    .requiredOption('--out <file>', '输出文件 .pdf、.xlsx 或 .csv / output file')
    .option('--full', '不遮蔽身份证号（需有权限的角色，记入审计）/ unmasked ID (roles allowed only; audited)')
    .action(action(async (c: string, o: { out: string; full?: boolean }, cmd: Command) => withDatabase(cmd, (database) => reportCase(database, { caseNo: c, out: o.out, full: Boolean(o.full), actor: cliActor() }))));

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('报表 / reports');
  report
    .command('dropout')
    .description('控辍保学统计（按乡镇、学校）/ dropout figures per township and school')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .option('--period <period>', '四个一报告期：2026-11（月）、2026Q3（季）、2025秋季（学期）、2025学年 / a reporting period')
    .action(
      action(async (o: { out: string; schoolYear?: string; period?: string }, cmd: Command) =>
        withDatabase(cmd, async (database): Promise<object> => (o.period ? reportDropoutPeriod(database, { out: o.out, period: o.period, actor: cliActor() }) : reportDropout(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor() }))),
      ),
    );
  report
    .command('reconcile')
    .description('三统一比对：控辍台账、学籍系统与建档立卡名单的差异 / where the ledger, the 学籍 roll and the registry disagree')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { out: string; schoolYear?: string }, cmd: Command) => withDatabase(cmd, (database) => reportReconcile(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor() }))));
}
