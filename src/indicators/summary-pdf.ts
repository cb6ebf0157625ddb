// The printable summary of the inspection pack: target versus actual per indicator, then the policy
// source of each, in the CJK font the 公示 PDF uses (aid/notice-pdf.ts), through a temporary file.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { noticeFontFile } from '../files/cjk-font.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { actualText, targetText } from './indicators.rules.ts';
import type { IndicatorResult } from './compute-indicators.ts';

const HEADERS = ['指标', '目标值', '实际值', '是否达标', '分子/分母'];
const WIDTHS = [215, 85, 65, 55, 95];
const LEFT = 40;

function row(doc: PDFKit.PDFDocument, cells: string[], y: number): void {
  let x = LEFT;
  cells.forEach((c, i) => {
    doc.text(c, x + 3, y + 5, { width: WIDTHS[i] - 6, height: 12, ellipsis: true, lineBreak: false });
    doc.rect(x, y, WIDTHS[i], 20).stroke();
    x += WIDTHS[i];
  });
}

export function summaryLines(results: IndicatorResult[]): string[][] {
  return results.map((r) => [r.def.name, targetText(r.def, false), actualText(r.def, r.actual) || '—', r.verdict, r.fraction ? `${r.fraction.numerator}/${r.fraction.denominator}` : '人工填报']);
}

export async function writeSummaryPdf(file: string, title: string[], results: IndicatorResult[]): Promise<void> {
  const font = noticeFontFile();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title[0] } });
  const out = fs.createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  doc.registerFont('cjk', font);
  doc.font('cjk');
  doc.fontSize(14).text(title[0], LEFT, 40, { align: 'center', width: 515 });
  doc.fontSize(9);
  for (const line of title.slice(1)) doc.text(line, { width: 515 });
  let y = doc.y + 8;
  row(doc, HEADERS, y);
  y += 20;
  for (const cells of summaryLines(results)) {
    if (y > 780) {
      doc.addPage();
      y = 40;
    }
    row(doc, cells, y);
    y += 20;
  }
  doc.fontSize(11).text('政策依据', LEFT, y + 14, { width: 515 });
  doc.fontSize(8);
  for (const r of results) doc.moveDown(0.3).text(`${r.def.name}：${r.def.basis}`, LEFT, undefined, { width: 515 });
  doc.end();
  try {
    await done;
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new FuzhiError('FILE_NOT_WRITABLE', `无法写入文件 ${path.basename(file)}`, `cannot write ${path.basename(file)}`, { exitCode: 2, cause: e });
  }
}
