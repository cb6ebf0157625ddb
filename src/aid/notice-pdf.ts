// The printable 公示 list as PDF (pdfkit with Source Han Sans SC, installed by npm from the
// node-source-han-sans-sc package), written through a temporary file so a failed export leaves nothing behind.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { FuzhiError } from '../kernel/errors.ts';
import { noticeFontFile } from '../files/cjk-font.ts';

export { noticeFontFile };

export const NOTICE_FONT_NAME = 'SourceHanSansSC-Regular';
const WIDTHS = [40, 70, 150, 60, 120, 60];

function drawRow(doc: PDFKit.PDFDocument, cells: string[], y: number): void {
  let x = 40;
  cells.forEach((c, i) => {
    doc.text(c, x + 2, y + 4, { width: WIDTHS[i] - 4, height: 14, ellipsis: true, lineBreak: false });
    doc.rect(x, y, WIDTHS[i], 20).stroke();
    x += WIDTHS[i];
  });
}

export async function writeNoticePdf(file: string, title: string[], headers: string[], rows: (string | number)[][]): Promise<number> {
  const font = noticeFontFile(); // before the temporary file is opened: a missing font leaves nothing behind
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const out = fs.createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
  doc.pipe(out);
  doc.registerFont('cjk', font);
  doc.font('cjk');
  const head = (): number => {
    doc.fontSize(14).text(title[0], 40, 40, { align: 'center', width: 515 });
    doc.fontSize(9);
    for (const line of title.slice(1)) doc.text(line, { width: 515 });
    const y = doc.y + 6;
    drawRow(doc, headers, y);
    return y + 20;
  };
  let y = head();
  for (const r of rows) {
    if (y > 780) { doc.addPage(); y = head(); }
    drawRow(doc, r.map(String), y);
    y += 20;
  }
  doc.end();
  try {
    await done;
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new FuzhiError('FILE_NOT_WRITABLE', `无法写入文件 ${path.basename(file)}`, `cannot write ${path.basename(file)}`, { exitCode: 2, cause: e });
  }
  return rows.length;
}
