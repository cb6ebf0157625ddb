// Reads a zip's central directory, and small entries from it, by random access. This is how an
// .xlsx is checked at open (junk and truncated files have no directory) and its sheets listed.
import type { FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** position in the directory, which is the order a streaming reader meets the entries. */
  index: number;
}

/** The bytes are not a (complete) zip archive. */
export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) throw new ZipFormatError('unexpected end of file');
    got += bytesRead;
  }
  return buf;
}

function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

async function locateDirectory(fh: FileHandle, fileSize: number): Promise<{ offset: number; size: number }> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(fh, fileSize - tailLength, tailLength);
  for (let p = tail.length - 22; p >= 0; p--) {
    if (tail.readUInt32LE(p) !== EOCD) continue;
    let size = tail.readUInt32LE(p + 12);
    let offset = tail.readUInt32LE(p + 16);
    if (offset === 0xffffffff || size === 0xffffffff) {
      if (p < 20 || tail.readUInt32LE(p - 20) !== ZIP64_LOCATOR) throw new ZipFormatError('bad zip64 locator');
      const record = await readAt(fh, u64(tail, p - 20 + 8), 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('bad zip64 directory');
      size = u64(record, 40);
      offset = u64(record, 48);
    }
    if (offset + size > fileSize || size > MAX_DIRECTORY_BYTES) throw new ZipFormatError('directory out of range');
    return { offset, size };
  }
  throw new ZipFormatError('no end of central directory');
}

/** Sizes and offset that did not fit 32 bits are in the zip64 extra field, in this order. */
function applyZip64(extra: Buffer, e: ZipEntry): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (e.size === 0xffffffff) { e.size = u64(extra, q); q += 8; }
      if (e.compressedSize === 0xffffffff) { e.compressedSize = u64(extra, q); q += 8; }
      if (e.localOffset === 0xffffffff) e.localOffset = u64(extra, q);
      return;
    }
    p += 4 + len;
  }
}

export async function readZipDirectory(fh: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  if (fileSize < 22) throw new ZipFormatError('too small');
  const { offset, size } = await locateDirectory(fh, fileSize);
  const dir = await readAt(fh, offset, size);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= dir.length && dir.readUInt32LE(p) === CENTRAL; ) {
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
      index: entries.length,
    };
    applyZip64(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    if (entry.localOffset + entry.compressedSize > fileSize) throw new ZipFormatError(`entry ${entry.name} out of range`);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0) throw new ZipFormatError('empty directory');
  return entries;
}

/** The uncompressed bytes of a small entry (workbook.xml and its rels), at most maxBytes. */
export async function readZipEntry(fh: FileHandle, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.size > maxBytes) throw new ZipFormatError(`entry ${entry.name} too large`);
  const local = await readAt(fh, entry.localOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(fh, start, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipFormatError(`unsupported compression ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(maxBytes, 1) });
  } catch (e) {
    throw new ZipFormatError(`cannot inflate ${entry.name}: ${String(e)}`);
  }
}
