// Use cases "report indicators" (every indicator: 指标, 口径, 目标值, 实际值, 是否达标, 数据来源, 政策依据)
// and "export inspection" (the inspector's pack: every ledger and report as .xlsx plus one PDF summary).
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { writeTable } from '../files/write-table.ts';
import { writeZip } from '../files/write-zip.ts';
import { recordAudit, withAuditFilesByName } from '../platform/audit.repository.ts';
import { scopeOf, type Actor, type DataScope } from '../platform/scope.ts';
import { exportEntitlements } from '../aid/export-entitlements.ts';
import { reportCoverage } from '../aid/report-coverage.ts';
import { listCaseLedger, reportDropout } from '../dropout/export-cases.ts';
import { listCare, reportCare } from '../care/export-care.ts';
import { reportPairings } from '../schools/pairing-steps.ts';
import { reportTeachers } from '../schools/teacher-steps.ts';
import { listProjects } from '../projects/project-steps.ts';
import { reportProjects } from '../projects/project-report.ts';
import { listPayables, reportRotation } from '../schools/teacher-moves.ts';
import { listSupervision } from './supervision-steps.ts';
import { computeIndicators, type IndicatorResult } from './compute-indicators.ts';
import { countiesOf, indicatorByCode, indicatorsOf } from './indicators.service.ts';
import { evidenceList } from './indicators.repository.ts';
import { actualText, caliberText, INDICATORS, targetText } from './indicators.rules.ts';
import { writeSummaryPdf } from './summary-pdf.ts';

export const EVIDENCE_HEADERS = ['编号', '指标', '指标代码', '区县代码', '填报编号', '文件名', '大小（字节）', 'SHA-256', '上传人', '上传日期'];

export const INDICATOR_HEADERS = ['指标', '口径', '目标值', '实际值', '是否达标', '数据来源', '政策依据', '指标代码', '分子', '分母'];

function cells(r: IndicatorResult): unknown[] {
  return [r.def.name, caliberText(r.def), targetText(r.def), actualText(r.def, r.actual), r.verdict, r.dataSource, r.def.basis, r.def.code, r.fraction?.numerator ?? '', r.fraction?.denominator ?? ''];
}

function tally(results: IndicatorResult[]) {
  return {
    met: results.filter((r) => r.verdict === '是').length,
    notMet: results.filter((r) => r.verdict === '否').length,
    noData: results.filter((r) => r.verdict === '无数据' || r.verdict === '未填报').length,
  };
}

const PACK_STEPS = 6;

export async function reportIndicators(database: Database, o: { out: string; schoolYear: number; actor: Actor; today: string; results?: IndicatorResult[] }) {
  const results = o.results ?? (await computeIndicators(database, o));
  const n = await writeTable(o.out, INDICATOR_HEADERS, results.map(cells), { sheetName: '指标达标情况' });
  await recordAudit(database.db, { actor: o.actor.username, action: 'report.indicators', target: o.out, detail: { rows: n, schoolYear: o.schoolYear } });
  return { rows: n, out: o.out, schoolYear: o.schoolYear, ...tally(results) };
}

/**
 * The pack of a region (a county's, a township's): its ledgers are written as that region's user
 * would read them, whoever asks (the server's job runs as the administrator, `--within` narrows it).
 */
function packActor(actor: Actor, within: string | undefined): Actor {
  if (!within) return actor;
  if (!/^\d{2,12}$/.test(within)) throw usageError(`--within “${within}”应为行政区划代码（2 至 12 位数字）`, `--within "${within}" must be a region code of 2 to 12 digits`);
  return { username: actor.username, role: within.replace(/0+$/, '').length > 6 ? 'township' : 'county', regionCode: within.padEnd(12, '0'), schoolCode: null };
}

/** The indicators of a region's pack: the figures of its places only, as 指标考核 shows them to its users. */
async function scopedIndicators(database: Database, actor: Actor, o: { schoolYear: number; today: string }): Promise<IndicatorResult[]> {
  const items = await indicatorsOf(database, actor, o);
  return items.map((i) => ({ def: indicatorByCode(i.code), fraction: i.fraction, actual: i.actual, verdict: i.verdict, dataSource: i.dataSource }));
}

export async function exportInspection(database: Database, o: { out: string; schoolYear: number; actor: Actor; today: string; within?: string; progress?: (done: number, total: number, message: string) => void }) {
  if (path.extname(o.out).toLowerCase() !== '.zip') throw usageError(`无法写入 ${path.basename(o.out)}：督导材料包须为 .zip`, `cannot write ${path.basename(o.out)}: the inspection pack must end in .zip`, { file: o.out });
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(o.out)), '.fuzhi-inspection-'));
  } catch (e) {
    throw new FuzhiError('FILE_NOT_WRITABLE', `无法写入文件 ${path.basename(o.out)}：目录不存在或不可写`, `cannot write ${path.basename(o.out)}: the folder is missing or not writable`, { exitCode: 2, cause: e, where: { file: o.out } });
  }
  try {
    const y = o.schoolYear;
    const step = (n: number, message: string) => o.progress?.(n, PACK_STEPS, message);
    // the reports are written into a temporary folder of the server: their audit entries name them by file name
    const t = await withAuditFilesByName(async () => {
      const file = (name: string) => path.join(dir, name);
      const actor = packActor(o.actor, o.within);
      const scope: DataScope = scopeOf(actor);
      step(0, '计算指标');
      const results = scope.kind === 'all' ? await computeIndicators(database, o) : await scopedIndicators(database, actor, o);
      await reportIndicators(database, { ...o, actor, out: file(`${y}学年指标达标情况.xlsx`), results });
      step(1, '教师队伍与结对帮扶');
      await reportTeachers(database, { out: file(`${y}学年教师队伍.xlsx`), schoolYear: y, actor });
      await reportPairings(database, { out: file(`${y}学年结对帮扶.xlsx`), schoolYear: y, today: o.today, actor });
      step(2, '学生资助与关爱走访');
      for (const term of ['秋季', '春季'] as const) {
        await exportEntitlements(database, { schoolYear: y, term, out: file(`${y}学年${term}应享资助名单.xlsx`), full: false, actor, scope });
        await reportCoverage(database, { schoolYear: y, term, out: file(`${y}学年${term}资助覆盖率.xlsx`), scope });
        await reportCare(database, { out: file(`${y}学年${term}关爱走访覆盖率.xlsx`), schoolYear: y, term, actor });
      }
      step(3, '控辍保学与关爱对象');
      await listCaseLedger(database, { out: file('控辍保学台账.xlsx'), full: false, actor });
      await reportDropout(database, { out: file(`${y}学年控辍保学统计.xlsx`), schoolYear: y, actor });
      await listCare(database, { out: file('关爱对象名单.xlsx'), full: false, actor, today: o.today });
      step(4, '项目、教师交流与督导台账');
      await listProjects(database, { out: file('项目台账.xlsx'), today: o.today, actor });
      // the half-year bulletin of the half that today is in
      const half = `${o.today.slice(0, 4)}-H${o.today.slice(5, 7) <= '06' ? 1 : 2}`;
      await reportProjects(database, { period: half, out: file(`${half}项目半年通报.xlsx`), today: o.today, actor });
      await reportRotation(database, { out: file(`${y}学年教师交流轮岗.xlsx`), schoolYear: y, actor });
      await listPayables(database, { out: file('教师补助发放台账.xlsx'), actor });
      await listSupervision(database, { out: file(`${y}学年督导问责台账.xlsx`), schoolYear: y, actor });
      const evidence = await evidenceList(database.db, { schoolYear: y, counties: scope.kind === 'all' ? undefined : await countiesOf(database, scope) });
      await writeTable(file(`${y}学年指标佐证材料清单.xlsx`), EVIDENCE_HEADERS, evidence.map((e) => [e.id, INDICATORS.find((d) => d.code === e.indicator)?.name ?? e.indicator, e.indicator, e.county_code, e.value_id, e.file_name, e.size, e.sha256, e.actor, e.at.slice(0, 10)]), { sheetName: '指标佐证材料', textColumns: [3, 7] });
      step(5, '汇总 PDF 与打包');
      const t = tally(results);
      await writeSummaryPdf(file(`${y}学年督导汇总.pdf`), [
        `${y}–${y + 1}学年 教育精准扶贫目标考核督导汇总${o.within ? `（${o.within.padEnd(12, '0')} 辖区）` : ''}`,
        `生成日期：${o.today}；指标 ${results.length} 项：达标 ${t.met} 项，未达标 ${t.notMet} 项，无数据或未填报 ${t.noData} 项`,
      ], results);
      return t;
    });
    const names = fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    const files = await writeZip(o.out, names.map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) })));
    await recordAudit(database.db, { actor: o.actor.username, action: 'export.inspection', target: o.out, ...(o.within ? { regions: [o.within.slice(0, 6)] } : {}), detail: { files, schoolYear: y, within: o.within ?? null } });
    step(PACK_STEPS, '已完成');
    return { files, out: o.out, schoolYear: y, within: o.within ?? null, names, ...t };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
