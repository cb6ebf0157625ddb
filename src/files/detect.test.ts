// Kind, encoding and delimiter detection on leading samples, as the CSV reader uses them.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, detectDelimiter, detectEncoding, sniffKind } from './detect.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const gb = (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'));

describe('sniffKind', () => {
  it.each([
    ['an xlsx (zip)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'zip'],
    ['an xls or encrypted xlsx (OLE)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'ole'],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, 0x31, 0x00]), 'utf16'],
    ['UTF-16 LE without BOM', new Uint8Array(Buffer.from('姓名,学籍号\r\nab', 'utf16le')), 'utf16'],
    ['binary junk', new Uint8Array([1, 2, 0, 200, 17, 33, 90, 91, 92, 93, 94, 95, 96]), 'binary'],
    ['UTF-8 text', utf8('姓名,学籍号\n'), 'text'],
    ['GB18030 text', gb('姓名,学籍号\n'), 'text'],
  ])('%s', (_name, bytes, kind) => {
    expect(sniffKind(bytes)).toBe(kind);
  });
});

describe('detectEncoding', () => {
  const text = '学生信息\n姓名,身份证件号,学籍号\n张三,51343320050101123X,G51343320050101123X\n';
  it.each([
    ['UTF-8', utf8(text), true, 'utf-8'],
    ['UTF-8 with BOM', utf8(`\ufeff${text}`), true, 'utf-8-bom'],
    ['GB18030', gb(text), true, 'gb18030'],
    ['plain ASCII', utf8('name,id\n'), true, 'utf-8'],
    ['UTF-8 sample cut inside a character', utf8(text).subarray(0, 4), false, 'utf-8'],
    ['a whole file ending inside a character', utf8(text).subarray(0, 4), true, 'gb18030'],
  ])('%s', (_name, bytes, complete, expected) => {
    expect(detectEncoding(bytes, complete)).toBe(expected);
  });
});

describe('createDecoder', () => {
  it.each(['utf-8', 'utf-8-bom', 'gb18030'] as const)('%s decodes a character split across chunks', (enc) => {
    const text = '扶智，义务教育；龘';
    const bytes = enc === 'gb18030' ? gb(text) : utf8(enc === 'utf-8-bom' ? `\ufeff${text}` : text);
    const decode = createDecoder(enc);
    let out = '';
    for (const b of bytes) out += decode(new Uint8Array([b]));
    out += decode();
    expect(out).toBe(text);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['comma', '姓名,身份证件号,学籍号\n张三,1,2\n', ','],
    ['tab', '姓名\t身份证件号\t学籍号\n张三\t1\t2\n', '\t'],
    ['semicolon', '姓名;身份证件号;学籍号\n张三;1;2\n', ';'],
    ['commas in a tab file\'s title do not win', '学生信息,2025\n姓名\t身份证件号\t学籍号\t年级\n', '\t'],
    ['quoted tabs do not count', '"a\tb\tc\td",x,y\n', ','],
    ['nothing to go on', '姓名\n', ','],
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});
