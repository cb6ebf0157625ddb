// Test helpers for the demo generator: read its CSV files back (with iconv-lite, as an importer
// would) into header + rows, and classify how a written ID cell differs from the true ID.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';

export interface Table {
  titles: string[][]; // rows before the header
  header: string[];
  rows: string[][];
}

/** Parses a CSV produced by the generator; `headerFirstCell` finds the header after title rows. */
export function readCsv(path: string, encoding: 'utf8' | 'gb18030', headerFirstCell: string): Table {
  const buf = readFileSync(path);
  let text = encoding === 'gb18030' ? iconv.decode(buf, 'gb18030') : buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = parseCsv(text);
  const at = lines.findIndex((l) => l[0] === headerFirstCell);
  if (at < 0) throw new Error(`no header starting with ${headerFirstCell} in ${path}`);
  return {
    titles: lines.slice(0, at),
    header: lines[at],
    rows: lines.slice(at + 1).filter((l) => l.some((c) => c !== '')),
  };
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export function column(table: Table, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in [${table.header.join(', ')}]`);
  return i;
}

export type IdDirt =
  | 'clean' | 'empty' | 'excel' | 'truncated17' | 'legacy15' | 'typo' | 'transposition' | 'other';

const FULL = '０１２３４５６７８９';

/** The cosmetic marks on a written ID cell, and what damage is left once they are removed. */
export function classifyId(written: string, trueId: string): {
  kind: IdDirt; apostrophe: boolean; spaces: boolean; fullWidth: boolean; lowercaseX: boolean;
} {
  const apostrophe = written.startsWith("'");
  const spaces = /\s/.test(written);
  const fullWidth = /[０-９]/.test(written);
  const lowercaseX = written.endsWith('x');
  const s = written.replace(/^'/, '').replace(/\s/g, '').replace(/[０-９]/g, (d) => String(FULL.indexOf(d))).toUpperCase();
  return { kind: damage(s, trueId), apostrophe, spaces, fullWidth, lowercaseX };
}

function damage(s: string, id: string): IdDirt {
  if (s === id) return 'clean';
  if (s === '') return 'empty';
  if (/E\+17$/.test(s) || (s.length === 18 && s.endsWith('000') && s.slice(0, 15) === id.slice(0, 15))) return 'excel';
  if (s === id.slice(0, 17)) return 'truncated17';
  if (s === id.slice(0, 6) + id.slice(8, 17)) return 'legacy15';
  if (s.length === 18) {
    const diff: number[] = [];
    for (let i = 0; i < 18; i++) if (s[i] !== id[i]) diff.push(i);
    if (diff.length === 1) return 'typo';
    if (diff.length === 2 && diff[1] === diff[0] + 1 && s[diff[0]] === id[diff[1]] && s[diff[1]] === id[diff[0]]) return 'transposition';
  }
  return 'other';
}
