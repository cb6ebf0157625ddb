// Commands of the registry capability: import the three lists, run identification, review it,
// and export the match list and the unenrolled children.
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';
import { importList, type ImportKind, type ImportSummary } from '../registry/import-list.ts';
import { matchWorkersFromEnv, runMatching } from '../registry/run-matching.ts';
import { reportCountyProgress } from './job-reporter.ts';
import { decideMatch, resolveMatchId } from '../registry/match-decisions.ts';
import { DEFAULT_CONFIRM_REASON } from '../registry/match-decision.rules.ts';
import { exportMatches, exportUnenrolled } from '../registry/export-lists.ts';
import { listReviewQueue } from '../registry/review-queue.ts';
import { cliActor, scopeOf } from '../platform/scope.ts';
import { viewerOf } from '../platform/presenter.ts';
import { parseSchoolYear, schoolYearOf } from '../kernel/school-year.ts';
import { today } from '../kernel/clock.ts';
import { usageError } from '../kernel/errors.ts';

export function schoolYearOption(value: string | undefined): number {
  return value ? parseSchoolYear(value) : schoolYearOf(today());
}

/** The rejected rows, warnings and ignored columns of an import, on stderr (the summary JSON goes to stdout). */
export function reportImport(s: Pick<ImportSummary, 'file' | 'rejected' | 'rejectedSample' | 'warnings' | 'warningSample' | 'unknownColumns'>): void {
  const lines: string[] = [];
  for (const r of s.rejectedSample) lines.push(`  拒收 rejected: 第 ${r.row} 行 row ${r.row}, “${r.column}” = “${r.value}”: ${r.reason} / ${r.reasonEn}`);
  if (s.rejected > s.rejectedSample.length) lines.push(`  …… 另有 ${s.rejected - s.rejectedSample.length} 行被拒收（用 --errors FILE 导出全部） / ${s.rejected - s.rejectedSample.length} more rejected rows (write them all with --errors FILE)`);
  for (const r of s.warningSample.slice(0, 10)) lines.push(`  提示 warning: 第 ${r.row} 行 row ${r.row}, “${r.column}” = “${r.value}”: ${r.reason} / ${r.reasonEn}`);
  if (s.warnings > 10) lines.push(`  …… 共 ${s.warnings} 行有提示（已导入；--warnings FILE 导出全部） / ${s.warnings} rows with warnings (imported; --warnings FILE writes them all)`);
  if (s.unknownColumns.length > 0) lines.push(`  已忽略未知列 ignored unknown columns: ${s.unknownColumns.join(', ')}`);
  if (lines.length > 0) process.stderr.write(`${s.file}:\n${lines.join('\n')}\n`);
}

export function register(program: Command): void {
  const imp = program.command('import').description('导入名单 / import a list (schools, students, households)');
  for (const kind of ['schools', 'students', 'households'] as ImportKind[]) {
    const c = imp
      .command(`${kind} <file>`)
      .description({ schools: '导入学校名单 / import schools', students: '导入学籍名单 / import the 学籍 roster', households: '导入困难家庭名单 / import a list of families in difficulty' }[kind])
      .option('--errors <file>', '把被拒收的行及原因写入此文件 / write rejected rows with reasons to this file')
      .option('--warnings <file>', '把有提示的行写入此文件 / write rows with warnings to this file')
      .option('--sheet <name>', '.xlsx/.xls 工作表名 / worksheet name in an .xlsx or .xls file');
    if (kind === 'households') c.option('--list <kind>', '名单类型 / list: 建档立卡, 低保, 特困, 孤儿, 残疾', '建档立卡');
    c.action(
      action(async (file: string, opts: { errors?: string; warnings?: string; sheet?: string; list?: string }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const bar = progressBar(`导入 ${kind}`);
          try {
            const summary = await importList(database, {
              kind,
              file,
              listKind: opts.list,
              sheet: opts.sheet,
              errorsFile: opts.errors,
              warningsFile: opts.warnings,
              actor: cliActor(),
              onProgress: (done, total) => bar.update(done, total),
            });
            bar.stop();
            reportImport(summary);
            const { rejectedSample: _r, warningSample: _w, ...rest } = summary;
            return rest;
          } finally {
            bar.stop();
          }
        }),
      ),
    );
  }

  const match = program
    .command('match')
    .description('学籍与困难家庭名单比对 / identify registry children in the 学籍 roster')
    .option('--school-year <year>', '学年 / school year (e.g. 2025 = 2025-09-01 起)')
    .option('--full', '全部重新比对 / compare everyone again, not only what changed')
    .option('--workers <n>', '按县比对的并行线程数（默认 1，或 FUZHI_MATCH_WORKERS）/ worker threads comparing counties at once')
    .action(
      action(async (opts: { schoolYear?: string; full?: boolean; workers?: string }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const workers = opts.workers === undefined ? matchWorkersFromEnv() : workersOption(opts.workers);
          const bar = progressBar('比对');
          try {
            return await runMatching(database, { actor: cliActor(), schoolYear: schoolYearOption(opts.schoolYear), full: opts.full, workers, onProgress: (_s, d, t) => bar.update(d, t), onCounty: (county, d, t) => reportCountyProgress(database.db, county, d, t) });
          } finally {
            bar.stop();
          }
        }),
      ),
    );

  match
    .command('review')
    .description('待复核队列 / the review queue')
    .option('--list', '列出待复核的比对 / list pairs waiting for review')
    .option('--limit <n>', '最多列出条数 / at most this many', '50')
    .action(
      action(async (opts: { list?: boolean; limit: string }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const limit = Number(opts.limit);
          if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit 应为正整数：${opts.limit}`, `--limit must be a positive integer: ${opts.limit}`);
          const queue = await listReviewQueue(database.db, limit, viewerOf(cliActor()));
          for (const q of queue.items) {
            process.stderr.write(`${q.matchId}\n  学籍 ${q.studentNo} ${q.studentName} ${q.studentBirth ?? ''} ${q.studentId}\n  ${q.listKind} ${q.householdNo} ${q.memberName} ${q.memberBirth ?? ''} ${q.memberId}\n  ${q.method} ${q.confidence.toFixed(2)}: ${q.basis}\n`);
          }
          return { ok: true, total: queue.total, shown: queue.items.length, items: queue.items.map((q) => q.matchId) };
        }),
      ),
    );

  match
    .command('confirm <id>')
    .description('人工确认一对比对 / confirm a pair (match id, or 学籍号+户编号)')
    .option('--reason <text>', `确认理由（缺省为“${DEFAULT_CONFIRM_REASON}”）/ why (default "${DEFAULT_CONFIRM_REASON}")`)
    .action(
      action(async (id: string, opts: { reason?: string }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const actor = cliActor();
          return decideMatch(database.db, actor, await resolveMatchId(database.db, id), 'confirmed', opts.reason ?? DEFAULT_CONFIRM_REASON, scopeOf(actor));
        }),
      ),
    );

  match
    .command('reject <id>')
    .description('否决一对比对 / reject a pair (match id, or 学籍号+户编号)')
    .requiredOption('--reason <text>', '否决理由 / why')
    .action(
      action(async (id: string, opts: { reason: string }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const actor = cliActor();
          return decideMatch(database.db, actor, await resolveMatchId(database.db, id), 'rejected', opts.reason, scopeOf(actor));
        }),
      ),
    );

  const exp = program.command('export').description('导出 / export lists');
  exp
    .command('matches')
    .description('比对结果 / the match list')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--full', '不遮蔽身份证号（需有权限的角色）/ unmasked ID numbers (roles allowed only)')
    .action(action(async (opts: { out: string; full?: boolean }, cmd: Command) => withDatabase(cmd, (database) => exportMatches(database, { out: opts.out, full: Boolean(opts.full), actor: cliActor() }))));
  exp
    .command('unenrolled')
    .description('3–17 岁未入学的困难家庭子女 / registry children aged 3–17 not enrolled')
    .requiredOption('--out <file>', '输出文件 .csv 或 .xlsx / output file')
    .option('--school-year <year>', '学年 / school year')
    .option('--full', '不遮蔽身份证号 / unmasked ID numbers')
    .action(
      action(async (opts: { out: string; schoolYear?: string; full?: boolean }, cmd: Command) =>
        withDatabase(cmd, (database) => exportUnenrolled(database, { out: opts.out, full: Boolean(opts.full), actor: cliActor(), schoolYear: schoolYearOption(opts.schoolYear) })),
      ),
    );
}

/** --workers: worker threads of a full comparison, 1 to 64. */
function workersOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw usageError(`--workers 应为 1 到 64 之间的整数：${v}`, `--workers must be an integer from 1 to 64: ${v}`);
  return n;
}
