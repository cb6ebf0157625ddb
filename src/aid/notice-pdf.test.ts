// The 公示 PDF embeds the CJK font shipped through npm (no system font needed) and draws rare
// characters of students' names with real glyphs, not the empty .notdef box.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.ts';
import { NOTICE_FONT_NAME, noticeFontFile, writeNoticePdf } from './notice-pdf.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('公示 PDF font', () => {
  it('comes from node_modules, not from /usr/share/fonts', () => {
    const file = noticeFontFile();
    expect(file).toContain(`${path.sep}node_modules${path.sep}`);
    expect(file).not.toMatch(/^\/usr\/share\/fonts/);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000_000); // the whole font, not a web subset
  });

  // 䶮 (Ext A), 𠇔 and 𡈼 (Ext B, outside the BMP), 𬌗 (通用规范汉字表), 堃, 喆
  const names = ['刘䶮', '王𠇔', '李𡈼', '张𬌗', '赵堃', '周喆'];

  it('embeds the font and draws rare characters of names with real glyphs', async () => {
    const file = path.join(dir, 'notice.pdf');
    const rows = names.map((n, i) => [i + 1, n, '黄梅县第一小学', '三年级', '义务教育寄宿生生活补助', '500.00']);
    const n = await writeNoticePdf(file, ['2025年秋季资助公示', '公示期：2025-10-08 至 2025-10-14'], ['序号', '姓名', '学校', '年级', '资助项目', '金额'], rows);
    expect(n).toBe(names.length);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(new RegExp(`/FontName /[A-Z]{6}\\+${NOTICE_FONT_NAME}`));
    expect(raw).toMatch(/\/FontFile3 \d+ 0 R/); // the font program itself is embedded
    // pdfkit gives glyph 0 (.notdef) to a character the font lacks and lists only real glyphs in
    // the ToUnicode map, so reading each name back through that map means it was drawn.
    const text = pdfText(pdf).join('\n');
    for (const name of names) expect(text, name).toContain(name);
  });
});
