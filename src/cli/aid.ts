// Commands of the aid capability (资助): policy sets and presets, entitlements, disbursement batches
// with 公示, and the coverage report. Each calls one use case in src/aid/.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { cliActor } from '../platform/scope.ts';
import { today } from '../kernel/clock.ts';
import { usageError } from '../kernel/errors.ts';
import { yuanToFen } from '../kernel/money.ts';
import { parseSchoolYear, parseTerm, schoolYearOf, type Term } from '../kernel/school-year.ts';
import { editPolicy, installPreset, showPolicy, type PolicyEdit } from '../aid/manage-policy.ts';
import { computeEntitlements } from '../aid/compute-entitlements.ts';
import { exportEntitlements } from '../aid/export-entitlements.ts';
import { createBatch, createTeacherBatch } from '../aid/create-batch.ts';
import { answer, moveBatch, raiseObjection } from '../aid/batch-steps.ts';
import { publishNotice } from '../aid/publish-notice.ts';
import { reportCoverage } from '../aid/report-coverage.ts';
import { parseStudentNos, payBatch, reissueFailed, writePaymentFile } from '../aid/pay-batch.ts';
import { importAccounts } from '../aid/import-accounts.ts';
import { exportSupervision, reportLedger } from '../aid/report-ledger.ts';
import { recordGrant } from '../aid/record-grant.ts';
import { applyRecognition, decideRecognition, fileRecognitions, noticeRecognitions } from '../aid/manage-recognition.ts';

interface YearOpts { schoolYear?: string; term?: string; region?: string }

function year(o: YearOpts): number {
  return o.schoolYear ? parseSchoolYear(o.schoolYear) : schoolYearOf(today());
}

/** --term, or the term containing today (Sept–Feb 秋季, Mar–Aug 春季). */
function term(o: YearOpts): Term {
  if (o.term) return parseTerm(o.term);
  const m = Number(today().slice(5, 7));
  return m >= 9 || m <= 2 ? '秋季' : '春季';
}

function region(o: YearOpts): string | null {
  if (!o.region) return null;
  if (!/^\d{2,12}$/.test(o.region)) throw usageError(`地区代码“${o.region}”无效`, `invalid region code "${o.region}"`);
  return o.region;
}

function batchId(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`批次编号“${text}”无效`, `invalid batch id "${text}"`);
  return n;
}

const withYear = (c: Command) => c.option('--school-year <year>', '学年 / school year (2025 = 2025-09-01 起)');
const withTerm = (c: Command) => withYear(c).option('--term <term>', '学期 / term: 秋季 or 春季');
const withRegion = (c: Command) => c.option('--region <code>', '政策适用地区代码（缺省为本库全部地区）/ region the policy set applies to');

function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('资助政策 / aid policy sets');
  withRegion(withYear(policy.command('preset <name>').description('安装预设资助标准 / install a preset: wuhan, huangmei, rizhao, dingxi'))).action(
    action(async (name: string, o: YearOpts, cmd: Command) =>
      withDatabase(cmd, (d) => installPreset(d, { name, schoolYear: year(o), regionCode: region(o), actor: cliActor() }))),
  );
  const edit = (cmd: Command, o: YearOpts & { reason?: string }, e: PolicyEdit) =>
    withDatabase(cmd, (d) => editPolicy(d, { schoolYear: year(o), regionCode: region(o), edit: e, reason: o.reason ?? null, actor: cliActor() }));
  withRegion(withYear(policy.command('set-amount <item>').description('设定项目金额（保留历史）/ set an item amount (history kept)')))
    .requiredOption('--yuan <amount>', '金额（元），按项目的计量单位（年/学期/天/次）/ amount in yuan per the item unit')
    .option('--reason <text>', '修改原因 / why')
    .action(action(async (item: string, o: YearOpts & { yuan: string; reason?: string }, cmd: Command) => edit(cmd, o, { kind: 'amount', item, fen: yuanToFen(o.yuan) })));
  withRegion(withYear(policy.command('set-schools <item>').description('设定项目适用学校 / set the schools an item applies to')))
    .requiredOption('--schools <codes>', '学校标识码，逗号分隔 / school codes, comma-separated')
    .option('--reason <text>', '修改原因 / why')
    .action(action(async (item: string, o: YearOpts & { schools: string; reason?: string }, cmd: Command) =>
      edit(cmd, o, { kind: 'schools', item, schoolCodes: o.schools.split(/[,，\s]+/).filter(Boolean) })));
  withRegion(withTerm(policy.command('set-deadline').description('设定学期名单锁定日期 / set the date a term\'s lists lock')))
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .option('--reason <text>', '修改原因 / why')
    .action(action(async (o: YearOpts & { date: string; reason?: string }, cmd: Command) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date)) throw usageError(`日期“${o.date}”须为 YYYY-MM-DD`, `date "${o.date}" must be YYYY-MM-DD`);
      return edit(cmd, o, { kind: 'deadline', term: term(o), date: o.date });
    }));
  withRegion(withYear(policy.command('show').description('显示资助政策及修改历史 / show a policy set and its history'))).action(
    action(async (o: YearOpts, cmd: Command) =>
      withDatabase(cmd, async (d) => {
        const { policy: p, history } = await showPolicy(d, year(o), region(o));
        for (const i of p.items) process.stdout.write(`${i.code}\t${i.name}\t${i.kind}\t${i.stages.join('/')}\t${JSON.stringify(i.amount)}\n`);
        return { ok: true, name: p.name, schoolYear: p.schoolYear, items: p.items.length, deadlines: p.deadlines, history };
      })),
  );
}

function registerBatch(program: Command): void {
  const batch = program.command('batch').description('发放批次 / disbursement batches');
  withTerm(batch.command('create').description('由应享资助（或教师补助）生成发放批次 / a batch from the term\'s entitlements (or a period\'s teacher payables)'))
    .option('--item <name>', '只含此项目（代码或名称）/ only this item (code or name)')
    .option('--kind <kind>', 'student（学生资助，缺省）或 teacher（教师补助）/ student (default) or teacher', 'student')
    .option('--period <period>', '教师补助的期间：年-月（每月补贴）或学年（学费补偿）/ a teacher batch\'s period: YYYY-MM or a school year')
    .action(action(async (o: YearOpts & { item?: string; kind: string; period?: string }, cmd: Command) => {
      if (o.kind === 'teacher') {
        if (!o.period) throw usageError('教师补助批次须给出 --period（如 2026-03 或 2025）', 'a teacher batch needs --period (e.g. 2026-03 or 2025)');
        if (o.item || o.schoolYear || o.term) throw usageError('教师补助批次只按 --period 生成，不用 --school-year、--term、--item', 'a teacher batch is made by --period only, without --school-year, --term or --item');
        return withDatabase(cmd, (d) => createTeacherBatch(d, { period: o.period!, actor: cliActor() }));
      }
      if (o.kind !== 'student') throw usageError(`--kind “${o.kind}”应为 student 或 teacher`, `--kind "${o.kind}" must be student or teacher`);
      if (o.period) throw usageError('--period 只用于教师补助批次（--kind teacher）', '--period is for a teacher batch (--kind teacher) only');
      return withDatabase(cmd, (d) => createBatch(d, { schoolYear: year(o), term: term(o), item: o.item, actor: cliActor() }));
    }));
  batch.command('notice <id>').description('导出公示名单并开始公示 / write the 公示 list and start the notice period')
    .requiredOption('--out <file>', '.csv, .xlsx or .pdf')
    .option('--days <n>', '公示工作日数（不少于 5）/ working days (≥ 5)', '5')
    .option('--contact <text>', '异议受理联系方式 / where to object')
    .action(action(async (id: string, o: { out: string; days: string; contact?: string }, cmd: Command) =>
      withDatabase(cmd, (d) => publishNotice(d, batchId(id), { out: o.out, days: Number(o.days), contact: o.contact, actor: cliActor(), today: today() }))));
  for (const step of ['approve', 'cancel'] as const) {
    const c = batch.command(`${step} <id>`).description({ approve: '审批 / approve', cancel: '撤销 / cancel' }[step]);
    if (step === 'cancel') c.option('--reason <text>', '撤销原因 / why');
    c.action(action(async (id: string, o: { reason?: string }, cmd: Command) =>
      withDatabase(cmd, (d) => moveBatch(d, batchId(id), step, { actor: cliActor(), today: today(), reason: o.reason }))));
  }
  batch.command('pay <id>').description('发放：导入银行结果，或逐人确认（现金等）/ mark rows paid from the bank result, or confirm single rows')
    .option('--result <file>', '银行发放结果（批次行号, 结果, 失败原因）；未列出的行仍为待发放 / the bank\'s result file; rows it omits stay unpaid')
    .option('--confirm <studentNos>', '逐人确认已发放的学籍号，逗号分隔（须 --reason）/ 学籍号 of rows paid otherwise, comma-separated (needs --reason)')
    .option('--reason <text>', '逐人确认的原因，如“现金发放，有签收单” / why, e.g. cash paid with a signed receipt')
    .action(action(async (id: string, o: { result?: string; confirm?: string; reason?: string }, cmd: Command) =>
      withDatabase(cmd, async (d) => {
        const r = await payBatch(d, batchId(id), { actor: cliActor(), today: today(), result: o.result, confirm: o.confirm === undefined ? undefined : parseStudentNos(o.confirm), reason: o.reason });
        if (r.unpaid > 0) {
          process.stderr.write(`批次 ${id}：${r.unpaid} 行尚未发放（不在银行结果中，含无银行账户者），批次为“${r.status}” / ${r.unpaid} rows still unpaid (not in the bank result, including students with no account); batch is "${r.status}"\n`);
          process.stderr.write(`  ${r.unpaidStudents.join(' ')}${r.unpaid > r.unpaidStudents.length ? ' …' : ''}\n`);
        }
        return r;
      })));
  batch.command('payfile <id>').description('银行代发文件（含完整账号，仅供银行；教师补助批次的账号须 --full）/ the payment file for the bank')
    .requiredOption('--out <file>', '.csv or .xlsx')
    .option('--full', '教师补助批次：完整卡号与身份证件号（记入审计日志）/ a teacher batch: full card and ID numbers (an audited read)')
    .action(action(async (id: string, o: { out: string; full?: boolean }, cmd: Command) => withDatabase(cmd, (d) => writePaymentFile(d, batchId(id), { out: o.out, actor: cliActor(), full: Boolean(o.full) }))));
  batch.command('reissue <id>').description('把发放失败的记录重发为新批次 / re-issue failed rows as a new batch')
    .action(action(async (id: string, _o: unknown, cmd: Command) => withDatabase(cmd, (d) => reissueFailed(d, batchId(id), { actor: cliActor() }))));
  batch.command('object <id>').description('登记公示异议 / record an objection to a batch on notice')
    .requiredOption('--text <text>', '异议内容 / the objection')
    .option('--student <no>', '所涉学生学籍号 / the student concerned')
    .action(action(async (id: string, o: { text: string; student?: string }, cmd: Command) =>
      withDatabase(cmd, (d) => raiseObjection(d, batchId(id), { actor: cliActor(), today: today(), text: o.text, studentNo: o.student }))));
  batch.command('answer <objectionId>').description('答复异议 / answer an objection')
    .requiredOption('--text <text>', '答复内容 / the answer')
    .action(action(async (id: string, o: { text: string }, cmd: Command) =>
      withDatabase(cmd, (d) => answer(d, batchId(id), { actor: cliActor(), today: today(), text: o.text }))));
}

function registerRecognition(program: Command): void {
  const rec = program.command('recognition').description('家庭经济困难学生认定 / recognition of students in financial difficulty');
  withYear(rec.command('apply <studentNo>').description('登记申请 / record an application'))
    .requiredOption('--reason <text>', '家庭困难情况 / the family\'s difficulty')
    .action(action(async (no: string, o: YearOpts & { reason: string }, cmd: Command) =>
      withDatabase(cmd, (d) => applyRecognition(d, { schoolYear: year(o), studentNo: no, application: o.reason, actor: cliActor(), today: today() }))));
  withYear(rec.command('decide <studentNo>').description('学校认定 / the school\'s decision'))
    .requiredOption('--tier <tier>', '特别困难, 比较困难, 一般困难 or 不认定')
    .option('--reason <text>', '认定理由 / why')
    .action(action(async (no: string, o: YearOpts & { tier: string; reason?: string }, cmd: Command) =>
      withDatabase(cmd, (d) => decideRecognition(d, { schoolYear: year(o), studentNo: no, tier: o.tier, reason: o.reason, actor: cliActor(), today: today() }))));
  withYear(rec.command('notice').description('公示认定结果 / put decisions on notice'))
    .requiredOption('--out <file>', '.csv or .xlsx')
    .action(action(async (o: YearOpts & { out: string }, cmd: Command) =>
      withDatabase(cmd, (d) => noticeRecognitions(d, { schoolYear: year(o), out: o.out, actor: cliActor(), today: today() }))));
  withYear(rec.command('file').description('公示期满存档 / file decisions whose notice has ended'))
    .action(action(async (o: YearOpts, cmd: Command) => withDatabase(cmd, (d) => fileRecognitions(d, { schoolYear: year(o), actor: cliActor(), today: today() }))));
}

export function register(program: Command): void {
  registerPolicy(program);
  registerRecognition(program);
  withTerm(program.command('grant').description('一次性资助 / one-off grants').command('add <studentNo>').description('登记应急救助（临时生活补助）/ record an emergency grant'))
    .requiredOption('--item <item>', '一次性项目（代码或名称）/ the one-off item')
    .requiredOption('--yuan <amount>', '金额（元）/ amount in yuan')
    .requiredOption('--reason <text>', '救助原因 / why')
    .action(action(async (no: string, o: YearOpts & { item: string; yuan: string; reason: string }, cmd: Command) =>
      withDatabase(cmd, (d) => recordGrant(d, { schoolYear: year(o), term: term(o), studentNo: no, item: o.item, fen: yuanToFen(o.yuan), reason: o.reason, actor: cliActor() }))));
  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入名单 / import a list');
  imp.command('bank-accounts <file>').description('导入资助发放账户 / import the bank accounts aid is paid to')
    .action(action(async (file: string, _o: unknown, cmd: Command) =>
      withDatabase(cmd, async (d) => {
        const r = await importAccounts(d, { file, actor: cliActor() });
        for (const x of r.rejectedRows) process.stderr.write(`  拒收 rejected: 第 ${x.row} 行 row ${x.row}: ${x.reason}\n`);
        for (const x of r.flags) process.stderr.write(`  核查 flagged: 第 ${x.row} 行 ${x.studentNo}: ${x.reason}\n`);
        const { rejectedRows: _r, flags: _f, ...rest } = r;
        return rest;
      })));
  withTerm(program.command('entitle').description('计算本学期应享资助（幂等）/ compute the term\'s entitlements (idempotent)'))
    .option('--within <code>', '只计算该地区学校的学生（县级账号从网页发起时）/ only the students of the schools in this region (a county\'s run from the console)')
    .action(
    action(async (o: YearOpts & { within?: string }, cmd: Command) =>
      withDatabase(cmd, async (d) => {
        const within = region({ region: o.within });
        const r = await computeEntitlements(d, { schoolYear: year(o), term: term(o), actor: cliActor(), today: today(), ...(within ? { scope: { kind: 'region', prefix: within } as const } : {}) });
        for (const p of r.pending) process.stderr.write(`提示：项目 ${p.item} ${p.reason}，${p.students} 名学生暂不发放 / item ${p.item}: ${p.students} students not paid until it is set\n`);
        return r;
      })),
  );
  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出 / export lists');
  withTerm(exp.command('entitlements').description('应享资助名单 / the entitlement list'))
    .requiredOption('--out <file>', '.csv or .xlsx')
    .option('--full', '完整学籍号（仅管理员、县级，记入审计）/ full 学籍号 (admin, county; audited)')
    .action(action(async (o: YearOpts & { out: string; full?: boolean }, cmd: Command) =>
      withDatabase(cmd, (d) => exportEntitlements(d, { schoolYear: year(o), term: term(o), out: o.out, full: Boolean(o.full), actor: cliActor() }))));
  registerBatch(program);
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('报表 / reports');
  withTerm(report.command('coverage').description('应助尽助覆盖率 / aid coverage by school and item'))
    .requiredOption('--out <file>', '.csv or .xlsx')
    .action(action(async (o: YearOpts & { out: string }, cmd: Command) =>
      withDatabase(cmd, (d) => reportCoverage(d, { schoolYear: year(o), term: term(o), out: o.out }))));
  withTerm(report.command('ledger').description('资助资金台账（按资金来源与各级分担）/ ledger by fund source and level'))
    .requiredOption('--out <file>', '.csv or .xlsx')
    .action(action(async (o: YearOpts & { out: string }, cmd: Command) =>
      withDatabase(cmd, (d) => reportLedger(d, { schoolYear: year(o), term: o.term ? term(o) : null, out: o.out }))));
  withTerm(exp.command('supervision').description('扶贫(惠民)资金在线监管 发放明细 / payments for the supervision system'))
    .requiredOption('--out <file>', '.csv or .xlsx')
    .option('--full', '完整学籍号（报送监管系统时使用，记入审计）/ full 学籍号 for the supervision system (audited)')
    .action(action(async (o: YearOpts & { out: string; full?: boolean }, cmd: Command) =>
      withDatabase(cmd, (d) => exportSupervision(d, { schoolYear: year(o), term: o.term ? term(o) : null, out: o.out, full: Boolean(o.full), actor: cliActor() }))));
}
