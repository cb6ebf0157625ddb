// Helpers for the files tests: a scratch folder under os.tmpdir() for generated fixtures, a sample
// spec shaped like the students list, and small readers of what openTable returns.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { FuzhiError } from '../kernel/errors.ts';
import type { OpenedTable, TableRow } from './read-table.ts';
import type { TableSpec } from './table-spec.ts';
import { readZipDirectory, readZipEntry } from './zip-directory.ts';

export const STUDENTS: TableSpec = {
  kind: 'students',
  label: '学籍名单',
  columns: [
    { key: 'name', header: '姓名', aliases: ['学生姓名'], required: true },
    { key: 'idNumber', header: '身份证件号', aliases: ['身份证号', '公民身份号码', '证件号码'], required: true },
    { key: 'studentNo', header: '学籍号', aliases: ['全国学籍号'], required: true },
    { key: 'birth', header: '出生日期', aliases: [], required: false },
    { key: 'grade', header: '年级', aliases: [], required: false },
  ],
};

export interface Scratch {
  dir: string;
  /** writes a fixture and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  path(name: string): string;
  remove(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'fuzhi-files-'));
  return {
    dir,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function allRows(table: OpenedTable): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const r of table.rows) rows.push(r);
  return rows;
}

/** The FuzhiError a promise rejects with (fails the test if it resolves or throws something else). */
export async function caught(p: Promise<unknown>): Promise<FuzhiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FuzhiError) return e;
    throw e;
  }
  throw new Error('expected a FuzhiError');
}

/** The entries of a zip (an .xlsx), in stored order. */
export async function unzipEntries(file: string): Promise<[string, Buffer][]> {
  const fh = await open(file, 'r');
  try {
    const entries = await readZipDirectory(fh, (await fh.stat()).size);
    const out: [string, Buffer][] = [];
    for (const e of entries) out.push([e.name, await readZipEntry(fh, e, 1 << 30)]);
    return out;
  } finally {
    await fh.close();
  }
}

/** A minimal deflating zip writer, to lay out an .xlsx's parts in a chosen order. */
export function zipEntries(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
