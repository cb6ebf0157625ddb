// The CSV state machine: RFC 4180 cases, each parsed whole, split at every position and fed one
// character at a time, so chunk boundaries never change the result.
import { describe, expect, it } from 'vitest';
import { CsvParser, UnterminatedQuoteError, type CsvRecord } from './csv-parser.ts';
import { LongCell } from './row-source.ts';

function parse(chunks: string[], delimiter = ',', limits?: { cellChars: number; cells: number }): CsvRecord[] {
  const p = new CsvParser(delimiter, limits);
  const out: CsvRecord[] = [];
  for (const c of chunks) p.push(c, out);
  p.end(out);
  return out;
}

function splits(text: string): string[][] {
  const ways: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) ways.push([text.slice(0, i), text.slice(i)]);
  return ways;
}

const CASES: [string, string, [number, string[]][]][] = [
  ['simple rows, LF', '姓名,学籍号\n张三,G1\n', [[1, ['姓名', '学籍号']], [2, ['张三', 'G1']]]],
  ['CRLF and no final newline', 'a,b\r\nc,d', [[1, ['a', 'b']], [2, ['c', 'd']]]],
  ['old Mac CR', 'a,b\rc,d\r', [[1, ['a', 'b']], [2, ['c', 'd']]]],
  ['quoted comma', '"张三,李四",x\n', [[1, ['张三,李四', 'x']]]],
  ['doubled quotes', '"say ""hi""",x\n', [[1, ['say "hi"', 'x']]]],
  ['quoted newline stays in its row', '"第一行\r\n第二行",x\ny,z\n', [[1, ['第一行\r\n第二行', 'x']], [2, ['y', 'z']]]],
  ['blank lines keep row numbers', 'a\n\n\nb\n', [[1, ['a']], [2, ['']], [3, ['']], [4, ['b']]]],
  ['empty fields', ',,\n', [[1, ['', '', '']]]],
  ['trailing delimiter at EOF', 'a,', [[1, ['a', '']]]],
  ['empty quoted field', '"",x\n', [[1, ['', 'x']]]],
  ['quote inside unquoted field is literal', 'ab"c,d\n', [[1, ['ab"c', 'd']]]],
  ['text after closing quote kept', '"a"b,c\n', [[1, ['ab', 'c']]]],
  ['quote closing at EOF', '"a"', [[1, ['a']]]],
];

describe('CsvParser', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    for (const chunks of splits(text)) {
      expect(parse(chunks).map((r) => [r.row, r.cells])).toEqual(expected);
    }
  });

  it('reads tab- and semicolon-separated text with the given delimiter', () => {
    expect(parse(['a\tb,c\n'], '\t').map((r) => r.cells)).toEqual([['a', 'b,c']]);
    expect(parse(['a;"b;c"\n'], ';').map((r) => r.cells)).toEqual([['a', 'b;c']]);
  });

  it('names the row where an unterminated quote began', () => {
    const text = 'a,b\nc,"d\ne,f\n';
    for (const chunks of splits(text)) {
      let err: unknown;
      try {
        parse(chunks);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnterminatedQuoteError);
      expect((err as UnterminatedQuoteError).row).toBe(2);
    }
  });

  it('keeps only the length and head of a cell past the limit', () => {
    for (const chunks of splits('ab,"0123456789",c\n')) {
      const [r] = parse(chunks, ',', { cellChars: 5, cells: 10 });
      expect(r.cells[0]).toBe('ab');
      expect(r.cells[1]).toBeInstanceOf(LongCell);
      expect((r.cells[1] as LongCell).length).toBe(10);
      expect((r.cells[1] as LongCell).head).toBe('0123456789');
      expect(r.cells[2]).toBe('c');
    }
  });

  it('keeps the first cells of a wide row and counts the non-blank rest', () => {
    const [r] = parse(['a,b,c,d,,e\n'], ',', { cellChars: 100, cells: 3 });
    expect(r.cells).toEqual(['a', 'b', 'c']);
    expect(r.dropped).toBe(2);
  });

  it('builds a large field from many chunks', () => {
    const chunk = 'x'.repeat(1000);
    const chunks = ['"', ...Array<string>(100).fill(chunk), '",y\n'];
    const [r] = parse(chunks, ',', { cellChars: 1_000_000, cells: 10 });
    expect((r.cells[0] as string).length).toBe(100_000);
    expect(r.cells[1]).toBe('y');
  });
});
