// The written report of a case as a printable PDF (A4, the CJK font shipped through npm), written
// through a temporary file so that a failed export leaves nothing behind.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { noticeFontFile } from '../files/cjk-font.ts';

export async function writeCaseReportPdf(out: string, r: { title: string; fields: [string, string][]; steps: string[][] }): Promise<void> {
  const font = noticeFontFile();
  const tmp = `${out}.${process.pid}.tmp`;
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const stream = fs.createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('cjk', font);
  doc.font('cjk').fontSize(15).text(r.title, { align: 'center' });
  doc.moveDown();
  doc.fontSize(10);
  for (const [k, v] of r.fields) doc.text(`${k}：${v || '—'}`);
  doc.moveDown();
  doc.fontSize(12).text('办理经过');
  doc.fontSize(10);
  for (const [date, step, who, detail] of r.steps) doc.text(`${date}  ${step}（${who}）${detail ? `：${detail}` : ''}`);
  doc.moveDown(2);
  doc.text('学校（盖章）：                    乡镇（盖章）：                    填报日期：');
  doc.end();
  try {
    await done;
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
