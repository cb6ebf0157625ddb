// Test helper: the text a pdfkit PDF shows, decoded through its ToUnicode maps (pdfkit writes CJK text
// as 2-byte glyph codes in hex strings), so a test can read "≥99%" and "60.0%" as a person would.
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    const body = pdf.subarray(start, end);
    out.push(m[1].includes('/FlateDecode') ? inflateSync(body).toString('latin1') : body.toString('latin1'));
  }
  return out;
}

function hexToString(hex: string): string {
  const units: number[] = [];
  for (const part of hex.trim().split(/\s+/)) for (let i = 0; i + 4 <= part.length; i += 4) units.push(parseInt(part.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

/** Glyph code → text, from every bfrange and bfchar of every ToUnicode CMap. */
function toUnicode(all: string[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const s of all.filter((x) => x.includes('begincmap'))) {
    for (const block of s.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F ]+>)/g)) {
        const [a, b] = [parseInt(m[1], 16), parseInt(m[2], 16)];
        if (m[3].startsWith('[')) {
          [...m[3].matchAll(/<([^>]*)>/g)].forEach((u, i) => map.set(a + i, hexToString(u[1])));
        } else {
          const base = hexToString(m[3].slice(1, -1));
          for (let c = a; c <= b; c++) map.set(c, String.fromCharCode(base.charCodeAt(0) + (c - a)) + base.slice(1));
        }
      }
    }
    for (const block of s.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F ]+)>/g)) map.set(parseInt(m[1], 16), hexToString(m[2]));
    }
  }
  return map;
}

/** Every text-showing operation of the PDF, one line each, in drawing order. */
export function pdfText(pdf: Buffer): string[] {
  const all = streams(pdf);
  const map = toUnicode(all);
  const lines: string[] = [];
  for (const s of all.filter((x) => /T[Jj]/.test(x) && !x.includes('begincmap'))) {
    for (const op of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[2]];
      let line = '';
      for (const h of hexes) for (let i = 0; i + 4 <= h.length; i += 4) line += map.get(parseInt(h.slice(i, i + 4), 16)) ?? '?';
      lines.push(line);
    }
  }
  return lines;
}
