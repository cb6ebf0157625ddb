// Commands of the schools capability: the teacher roster and its report, school pairings (结对帮扶)
// and their activities, and the pairing report.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { importCommand, importResult } from './dropout.ts';
import { reportImport, schoolYearOption } from './registry.ts';
import { importActivities } from '../schools/activity-import.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { ACTIVITY_KINDS } from '../schools/pairing.rules.ts';
import { addActivity, addPairing, reportPairings } from '../schools/pairing-steps.ts';
import { listActivityRecords, writePlan } from '../schools/activity-steps.ts';
import { canonicalKind, organiserOf } from '../schools/activity.rules.ts';
import { usageError } from '../kernel/errors.ts';
import { importTeachers, reportTeachers } from '../schools/teacher-steps.ts';
import { generatePayables, listPayables, payPayables, recordMove, reportRotation } from '../schools/teacher-moves.ts';
import { importTeacherAccounts } from '../schools/teacher-pay.ts';
import { MOVE_KINDS } from '../schools/teacher-moves.rules.ts';

export function register(program: Command): void {
  const teacher = program.command('teacher').description('教师队伍 / teachers');
  teacher
    .command('import <file>')
    .description('导入教师花名册 / import the teacher roster')
    .option('--errors <file>', '把被拒收的行及原因写入此文件 / write rejected rows with reasons to this file')
    .option('--sheet <name>', '.xlsx 工作表名 / worksheet name in an .xlsx file')
    .action(action(async (file: string, o: { errors?: string; sheet?: string }, cmd: Command) =>
      withDatabase(cmd, async (database) => importResult(await importTeachers(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor() }))),
    ));
  importCommand(program, 'teachers', '导入教师花名册 / import the teacher roster', (file, o, cmd) =>
    withDatabase(cmd, async (database) => importResult(await importTeachers(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor() }))),
  );
  teacher
    .command('report')
    .description('教师培训学时、乡村教师培训率、长期从教表彰 / training hours, village training rate, long-service honours')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .option('--full', '不遮蔽身份证件号 / unmasked ID numbers (roles allowed only)')
    .action(action(async (o: { out: string; schoolYear?: string; full?: boolean }, cmd: Command) =>
      withDatabase(cmd, (database) => reportTeachers(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor(), full: Boolean(o.full) })),
    ));

  teacher
    .command('move')
    .description('交流轮岗、支教（不少于一年）、特岗招聘 / rotation, 支教 (≥ 1 year), 特岗 hire')
    .requiredOption('--teacher <id>', '身份证件号 / ID number')
    .requiredOption('--kind <kind>', MOVE_KINDS.join('|'))
    .requiredOption('--to <code>', '交流到（或招聘到）的学校 / the school moved or hired to')
    .option('--from <code>', '原学校 / the school left')
    .requiredOption('--start <date>', '开始日期 / start')
    .option('--end <date>', '结束日期（支教必填）/ end (required for 支教)')
    .option('--school-year <year>', '学年 / school year')
    .option('--note <text>', '说明 / note')
    .action(action(async (o: { teacher: string; kind: string; to: string; from?: string; start: string; end?: string; schoolYear?: string; note?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => recordMove(database, cliActor(), today(), { ...o, schoolYear: schoolYearOption(o.schoolYear) }))));
  teacher
    .command('rotation')
    .description('教师交流轮岗比例（应交流教师 ≥10%，凉山州 ≥5%；其中骨干 ≥30%），落后学校 / rotation report')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { out: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => reportRotation(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), actor: cliActor() }))));
  const payables = teacher.command('payables').description('乡镇补贴、乡村教师生活补助、新任乡村教师学费补偿 / teacher subsidies and refunds');
  payables
    .command('generate')
    .description('生成应发项目（幂等）/ generate what is owed (idempotent)')
    .option('--month <YYYY-MM>', '每月补贴的月份 / month of the monthly subsidies')
    .option('--school-year <year>', '学费补偿的学年 / school year of the tuition refunds')
    .action(action(async (o: { month?: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => generatePayables(database, cliActor(), { month: o.month, schoolYear: o.schoolYear === undefined ? undefined : schoolYearOption(o.schoolYear) }))));
  payables
    .command('pay <ids>')
    .description('（已停用：经发放批次发放，fuzhi batch create --kind teacher --period P）/ (refused: pay through a teacher batch)')
    .option('--date <date>', '发放日期 / date')
    .option('--result <r>', '已发放|发放失败')
    .option('--note <text>', '凭据或失败原因 / proof or reason')
    .action(action(() => payPayables()));
  teacher
    .command('accounts <file>')
    .description('教师补助发放账户（身份证件号, 姓名, 银行卡号, 开户行；须为教师本人账户）/ the teachers\' own bank cards')
    .action(action(async (file: string, _o: unknown, cmd: Command) => withDatabase(cmd, (database) => importTeacherAccounts(database, { file, actor: cliActor() }))));
  payables
    .command('list')
    .description('教师补助发放台账 / the payables ledger')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--period <p>', '期间 YYYY-MM 或学年 / period')
    .option('--full', '不遮蔽身份证件号 / unmasked ID numbers (roles allowed only)')
    .action(action(async (o: { out: string; period?: string; full?: boolean }, cmd: Command) =>
      withDatabase(cmd, (database) => listPayables(database, { out: o.out, period: o.period, full: Boolean(o.full), actor: cliActor() }))));

  const pairing = program.command('pairing').description('城乡学校结对帮扶 / school pairing');
  pairing
    .command('add')
    .description('登记结对 / pair a helping school with a helped school')
    .requiredOption('--helper <code>', '帮扶学校标识码 / helping school')
    .requiredOption('--helped <code>', '受帮扶学校标识码 / helped school')
    .option('--since <date>', '结对日期 / paired since (default today)')
    .action(action(async (o: { helper: string; helped: string; since?: string }, cmd: Command) => withDatabase(cmd, (database) => addPairing(database, cliActor(), today(), o))));
  pairing
    .command('report')
    .description('结对帮扶活动与最低要求、结对率 / activities against the minimums, pairing rate')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .action(action(async (o: { out: string; schoolYear?: string }, cmd: Command) =>
      withDatabase(cmd, (database) => reportPairings(database, { out: o.out, schoolYear: schoolYearOption(o.schoolYear), today: today(), actor: cliActor() })),
    ));

  const activity = program.command('activity').description('活动记录（结对帮扶活动与学校自身活动）/ activity records');
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  activity
    .command('add')
    .description('登记一次活动或活动方案 / log an activity or its plan')
    .option('--pairing <id>', '结对编号 / pairing id')
    .option('--school <code>', '学校标识码（不属于结对的活动）/ school code (an activity of one school)')
    .requiredOption('--type <type>', ACTIVITY_KINDS.join('|'))
    .option('--date <date>', '日期 / date (same as --start)')
    .option('--start <datetime>', '开始时间 年-月-日 时:分 / start')
    .option('--end <datetime>', '结束时间 / end')
    .requiredOption('--title <title>', '活动名称 / title')
    .option('--goal <text>', '活动目标 / goal')
    .option('--place <text>', '地点 / place')
    .option('--organiser <person|role|duty>', '组织机构及职责，可重复 / organiser, repeatable', collect)
    .option('--participants <text>', '参加人员 / participants')
    .option('--expected <n>', '应到人数 / expected')
    .option('--present <n>', '实到人数 / present')
    .option('--arrangements <text>', '活动安排 / steps')
    .option('--safety <text>', '安全保障与应急预案 / safety and contingency')
    .option('--summary <text>', '活动总结 / summary')
    .action(action(async (o: { pairing?: string; school?: string; type: string; date?: string; start?: string; end?: string; title: string; goal?: string; place?: string; organiser?: string[]; participants?: string; expected?: string; present?: string; arrangements?: string; safety?: string; summary?: string }, cmd: Command) => {
      const organisers = (o.organiser ?? []).map((text, i) => {
        const r = organiserOf(text);
        if (!r) throw usageError(`第 ${i + 1} 个 --organiser“${text}”应为 人员|职务|职责`, `--organiser #${i + 1} "${text}" must be person|role|duty`);
        return r;
      });
      const count = (v: string | undefined, option: string) => {
        if (v === undefined) return null;
        if (!/^\d+$/.test(v.trim())) throw usageError(`${option}“${v}”应为不小于 0 的整数`, `${option} "${v}" must be a whole number ≥ 0`);
        return Number(v);
      };
      const input = { ...o, organisers, expected: count(o.expected, '--expected'), present: count(o.present, '--present') };
      return withDatabase(cmd, (database) => addActivity(database, cliActor(), today(), input));
    }));
  activity
    .command('import <file>')
    .description('导入活动记录表（.xlsx/.xls/.csv）/ import an activity list')
    .option('--errors <file>', '把被拒收的行及原因写入此文件 / write rejected rows with reasons to this file')
    .option('--sheet <name>', '.xlsx/.xls 工作表名 / worksheet name')
    .action(action(async (file: string, o: { errors?: string; sheet?: string }, cmd: Command) =>
      withDatabase(cmd, async (database) => {
        const { errors, ...summary } = await importActivities(database, { file, sheet: o.sheet, errorsFile: o.errors, actor: cliActor(), today: today() });
        reportImport({ ...summary, rejectedSample: errors.slice(0, 20), warnings: 0, warningSample: [] });
        return summary;
      })));
  activity
    .command('plan <id>')
    .description('打印活动方案 PDF / the printable plan of an activity')
    .requiredOption('--out <file>', '输出文件 .pdf / output file')
    .action(action(async (id: string, o: { out: string }, cmd: Command) => withDatabase(cmd, (database) => writePlan(database, cliActor(), id, o.out, today()))));
  activity
    .command('list')
    .description('活动记录清单 / the activity records')
    .option('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--type <type>', '活动类型 / type')
    .option('--school <code>', '学校标识码 / school')
    .option('--from <date>', '起始日期 / from')
    .option('--to <date>', '截止日期 / to')
    .action(action(async (o: { out?: string; type?: string; school?: string; from?: string; to?: string }, cmd: Command) => {
      const kind = o.type === undefined ? undefined : canonicalKind(o.type);
      if (kind === null) throw usageError(`活动类型“${o.type}”无法识别`, `activity type "${o.type}" not recognised`);
      return withDatabase(cmd, (database) => listActivityRecords(database, cliActor(), { out: o.out, kind, school: o.school, from: o.from, to: o.to }));
    }));
}
