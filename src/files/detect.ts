// Recognising what a file really holds before parsing it: its kind from the first bytes, a CSV's
// encoding (never asked of the user) and its delimiter. Pure functions over a leading sample.
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';
export type Delimiter = ',' | '\t' | ';';

/** How much of a CSV is read to decide its encoding. */
export const SAMPLE_BYTES = 1 << 20;

export type FileKind = 'zip' | 'ole' | 'utf16' | 'binary' | 'text';

/** zip: an .xlsx (or other OOXML); ole: an .xls or a password-protected .xlsx; utf16: "Unicode text". */
export function sniffKind(head: Uint8Array): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf16';
  const probe = head.subarray(0, 4096);
  const zeros = [0, 0]; // at even and at odd offsets
  probe.forEach((b, i) => {
    if (b === 0) zeros[i % 2]++;
  });
  if (zeros[0] + zeros[1] === 0) return 'text';
  // UTF-16 without a BOM: the high (or low) byte of each ASCII character is zero, always at one parity.
  const [few, many] = zeros[0] < zeros[1] ? zeros : [zeros[1], zeros[0]];
  return many >= 2 && few <= many / 20 ? 'utf16' : 'binary';
}

/**
 * UTF-8 with BOM, else strictly valid UTF-8, else GB18030 (which Chinese Excel and WPS write as
 * "CSV"). `complete` says the sample is the whole file; otherwise a character cut at the sample's
 * end is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** A streaming decoder: call with each chunk, then with no argument at the end. A UTF-8 BOM is dropped. */
export function createDecoder(encoding: Encoding): (chunk?: Uint8Array) => string {
  const label = encoding === 'gb18030' ? 'gb18030' : 'utf-8';
  let native: TextDecoder | undefined;
  try {
    native = new TextDecoder(label);
  } catch {
    native = undefined; // a Node built without full ICU has no gb18030 TextDecoder
  }
  if (native) {
    const d = native;
    return (chunk) => (chunk ? d.decode(chunk, { stream: true }) : d.decode());
  }
  const d = iconv.getDecoder(label);
  return (chunk) => (chunk ? d.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)) : (d.end() ?? ''));
}

/**
 * Comma unless tabs or semicolons clearly dominate (more than twice as many) outside quotes in the
 * first 30 non-empty lines, which is where the title and header rows are.
 */
export function detectDelimiter(text: string): Delimiter {
  let comma = 0;
  let tab = 0;
  let semicolon = 0;
  let inQuotes = false;
  let lines = 0;
  let content = false;
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end && lines < 30; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') {
      if (content) lines++;
      content = false;
    } else {
      content = true;
      if (ch === ',') comma++;
      else if (ch === '\t') tab++;
      else if (ch === ';') semicolon++;
    }
  }
  if (tab > 2 * comma && tab >= semicolon) return '\t';
  if (semicolon > 2 * comma && semicolon > tab) return ';';
  return ',';
}
