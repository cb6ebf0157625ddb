// Commands of the indicators capability: values entered with evidence, the indicators report and the
// inspector's pack (督导材料包).
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { reportJobProgress } from './job-reporter.ts';
import { schoolYearOption } from './registry.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { setIndicator } from '../indicators/compute-indicators.ts';
import { INDICATORS } from '../indicators/indicators.rules.ts';
import { exportInspection, reportIndicators } from '../indicators/report-indicators.ts';
import { listSupervision, recordCheck, recordFinding } from '../indicators/supervision-steps.ts';
import { CHECK_KINDS, CHECK_RESULTS } from '../indicators/supervision.rules.ts';

export function register(program: Command): void {
  const ind = program.command('indicators').description('目标考核指标 / indicators and targets');
  ind
    .command('set <name>')
    .description(`填报无法由数据计算的指标 / enter an indicator not computed from data: ${INDICATORS.filter((d) => d.compute === null).map((d) => d.code).join(', ')}`)
    .requiredOption('--value <v>', '数值 / value (percent or ratio)')
    .requiredOption('--evidence <text>', '证据 / evidence (document, statistics table)')
    .option('--school-year <year>', '学年 / school year')
    .option('--county <code>', '县级行政区划代码 / county code')
    .action(action(async (name: string, o: { value: string; evidence: string; schoolYear?: string; county?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => setIndicator(database, cliActor(), { indicator: name, value: o.value, evidence: o.evidence, schoolYear: schoolYearOption(o.schoolYear), county: o.county })),
    ));

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('报表 / reports');
  report
    .command('indicators')
    .description('指标达标情况 / every indicator: target versus actual')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { out: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => reportIndicators(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor(), today: today() })),
    ));

  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出 / export lists');
  exp
    .command('inspection')
    .description('督导材料包：全部台账与报表 .xlsx 及 PDF 汇总 / the inspector’s pack')
    .requiredOption('--out <file>', '输出文件 .zip / output file')
    .option('--school-year <year>', '学年 / school year')
    .option('--within <code>', '只含该区县（乡镇）的台账与指标（县级账号从网页生成时）/ only this county’s (township’s) ledgers and figures')
    .action(action(async (o: { out: string; schoolYear?: string; within?: string }, cmd: Command) =>
      withDatabase(cmd, async (database) => {
        const r = await exportInspection(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor(), today: today(), within: o.within, progress: reportJobProgress });
        return { files: r.files, out: r.out, schoolYear: r.schoolYear, within: r.within, met: r.met, notMet: r.notMet, noData: r.noData, names: r.names };
      }),
    ));

  const sup = program.command('supervision').description('督导问责：通报、约谈、问责，县级自查与市级复查 / supervision records');
  sup
    .command('record')
    .description('登记督导发现：同一对象同一事项第一次通报、第二次约谈、第三次问责 / a finding; the same matter escalates')
    .requiredOption('--subject <code>', '学校标识码或行政区划代码 / school or region code')
    .requiredOption('--matter <text>', '事项 / matter')
    .requiredOption('--date <date>', '日期 / date')
    .requiredOption('--finding <text>', '情况 / finding')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { subject: string; matter: string; date: string; finding: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => recordFinding(database, cliActor(), today(), { ...o, schoolYear: schoolYearOption(o.schoolYear) }))));
  sup
    .command('check')
    .description('县级自查、市级复查 / county self-check, city re-check')
    .requiredOption('--kind <kind>', CHECK_KINDS.join('|'))
    .requiredOption('--subject <code>', '学校标识码或行政区划代码 / school or region code')
    .requiredOption('--date <date>', '日期 / date')
    .requiredOption('--result <r>', CHECK_RESULTS.join('|'))
    .requiredOption('--finding <text>', '情况 / finding')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { kind: string; subject: string; date: string; result: string; finding: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => recordCheck(database, cliActor(), today(), { ...o, schoolYear: schoolYearOption(o.schoolYear) }))));
  sup
    .command('list')
    .description('督导问责台账 / the supervision ledger')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { out: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => listSupervision(database, { out: o.out, schoolYear: o.schoolYear ? schoolYearOption(o.schoolYear) : undefined, actor: cliActor() }))));
}
