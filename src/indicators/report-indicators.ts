// Use cases "report indicators" (every indicator: 指标, 口径, 目标值, 实际值, 是否达标, 数据来源, 政策依据)
// and "export inspection" (the inspector's pack: every ledger and report as .xlsx plus one PDF summary).
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { writeTable } from '../files/write-table.ts';
import { writeZip } from '../files/write-zip.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
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
import { actualText, caliberText, targetText } from './indicators.rules.ts';
import { writeSummaryPdf } from './summary-pdf.ts';

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

export async function reportIndicators(database: Database, o: { out: string; schoolYear: number; actor: Actor; today: string; results?: IndicatorResult[] }) {
  const results = o.results ?? (await computeIndicators(database, o));
  const n = await writeTable(o.out, INDICATOR_HEADERS, results.map(cells), { sheetName: '指标达标情况' });
  await recordAudit(database.db, { actor: o.actor.username, action: 'report.indicators', target: o.out, detail: { rows: n, schoolYear: o.schoolYear } });
  return { rows: n, out: o.out, schoolYear: o.schoolYear, ...tally(results) };
}

export async function exportInspection(database: Database, o: { out: string; schoolYear: number; actor: Actor; today: string }) {
  if (path.extname(o.out).toLowerCase() !== '.zip') throw usageError(`无法写入 ${path.basename(o.out)}：督导材料包须为 .zip`, `cannot write ${path.basename(o.out)}: the inspection pack must end in .zip`, { file: o.out });
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(o.out)), '.fuzhi-inspection-'));
  } catch (e) {
    throw new FuzhiError('FILE_NOT_WRITABLE', `无法写入文件 ${path.basename(o.out)}：目录不存在或不可写`, `cannot write ${path.basename(o.out)}: the folder is missing or not writable`, { exitCode: 2, cause: e, where: { file: o.out } });
  }
  try {
    const y = o.schoolYear;
    const file = (name: string) => path.join(dir, name);
    const results = await computeIndicators(database, o);
    await reportIndicators(database, { ...o, out: file(`${y}学年指标达标情况.xlsx`), results });
    await reportTeachers(database, { out: file(`${y}学年教师队伍.xlsx`), schoolYear: y, actor: o.actor });
    await reportPairings(database, { out: file(`${y}学年结对帮扶.xlsx`), schoolYear: y, today: o.today, actor: o.actor });
    for (const term of ['秋季', '春季'] as const) {
      await exportEntitlements(database, { schoolYear: y, term, out: file(`${y}学年${term}应享资助名单.xlsx`), full: false, actor: o.actor });
      await reportCoverage(database, { schoolYear: y, term, out: file(`${y}学年${term}资助覆盖率.xlsx`) });
      await reportCare(database, { out: file(`${y}学年${term}关爱走访覆盖率.xlsx`), schoolYear: y, term, actor: o.actor });
    }
    await listCaseLedger(database, { out: file('控辍保学台账.xlsx'), full: false, actor: o.actor });
    await reportDropout(database, { out: file(`${y}学年控辍保学统计.xlsx`), schoolYear: y, actor: o.actor });
    await listCare(database, { out: file('关爱对象名单.xlsx'), full: false, actor: o.actor, today: o.today });
    await listProjects(database, { out: file('项目台账.xlsx'), today: o.today, actor: o.actor });
    // the half-year bulletin of the half that today is in
    const half = `${o.today.slice(0, 4)}-H${o.today.slice(5, 7) <= '06' ? 1 : 2}`;
    await reportProjects(database, { period: half, out: file(`${half}项目半年通报.xlsx`), today: o.today, actor: o.actor });
    await reportRotation(database, { out: file(`${y}学年教师交流轮岗.xlsx`), schoolYear: y, actor: o.actor });
    await listPayables(database, { out: file('教师补助发放台账.xlsx'), actor: o.actor });
    await listSupervision(database, { out: file(`${y}学年督导问责台账.xlsx`), schoolYear: y, actor: o.actor });
    const t = tally(results);
    await writeSummaryPdf(file(`${y}学年督导汇总.pdf`), [
      `${y}–${y + 1}学年 教育精准扶贫目标考核督导汇总`,
      `生成日期：${o.today}；指标 ${results.length} 项：达标 ${t.met} 项，未达标 ${t.notMet} 项，无数据或未填报 ${t.noData} 项`,
    ], results);
    const names = fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    const files = await writeZip(o.out, names.map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) })));
    await recordAudit(database.db, { actor: o.actor.username, action: 'export.inspection', target: o.out, detail: { files, schoolYear: y } });
    return { files, out: o.out, schoolYear: y, names, ...t };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
