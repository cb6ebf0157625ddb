// Opens an .xlsx by random access before streaming it: checks that it is a whole zip, lists its
// sheets from xl/workbook.xml in tab order, and picks the one to read (first visible, or by name).
import { open } from 'node:fs/promises';
import { ENCRYPTED_OR_XLS, fileEmpty, fileUnreadable, NOT_XLSX, sheetNotFound } from './file-errors.ts';
import { sniffKind } from './detect.ts';
import { readZipDirectory, readZipEntry, ZipFormatError, type ZipEntry } from './zip-directory.ts';

export interface SheetInfo {
  name: string;
  /** the part inside the zip, e.g. 'xl/worksheets/sheet2.xml'. */
  path: string;
  hidden: boolean;
}

export interface WorkbookLayout {
  sheets: SheetInfo[];
  chosen: SheetInfo;
  /** the chosen sheet's zip entry. */
  entry: ZipEntry;
  /** ExcelJS copies a sheet to a temporary file when shared strings come after it in the zip. */
  deferred: boolean;
}

const MAX_XML_BYTES = 16 * 1024 * 1024;

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'amp') return '&';
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The attributes of every <prefix:tag …> element, namespace prefixes dropped from the names. */
function elements(xml: string, tag: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs = new Map<string, string>();
    for (const a of m[1].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs.set(a[1].replace(/^[\w.-]+:/, ''), decodeXml(a[2] ?? a[3]));
    }
    found.push(attrs);
  }
  return found;
}

function resolveTarget(target: string): string {
  const parts: string[] = target.startsWith('/') ? [] : ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '' && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function listSheets(workbookXml: string, relsXml: string): SheetInfo[] {
  const targets = new Map<string, string>();
  for (const rel of elements(relsXml, 'Relationship')) {
    if ((rel.get('Type') ?? '').endsWith('/worksheet')) targets.set(rel.get('Id') ?? '', resolveTarget(rel.get('Target') ?? ''));
  }
  const sheets: SheetInfo[] = [];
  for (const s of elements(workbookXml, 'sheet')) {
    const path = targets.get(s.get('id') ?? '');
    if (path === undefined) continue; // a chart sheet or dialog sheet holds no rows
    const state = s.get('state') ?? 'visible';
    sheets.push({ name: s.get('name') ?? '', path, hidden: state !== 'visible' });
  }
  return sheets;
}

/** The first visible sheet, or the one named (exactly, else ignoring case and width). Used for .xls too. */
export function chooseSheet<T extends { name: string; hidden: boolean }>(file: string, sheets: T[], wanted: string | undefined): T {
  if (wanted === undefined) {
    const first = sheets.find((s) => !s.hidden) ?? sheets[0];
    if (!first) throw fileEmpty(file);
    return first;
  }
  const loose = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  const exact = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => loose(s.name) === loose(wanted));
  if (!exact) throw sheetNotFound(file, wanted, sheets.map((s) => s.name));
  return exact;
}

export async function inspectWorkbook(file: string, size: number, wanted: string | undefined): Promise<WorkbookLayout> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    const kind = sniffKind(head);
    if (kind === 'ole') throw fileUnreadable(file, ENCRYPTED_OR_XLS);
    if (kind !== 'zip') throw fileUnreadable(file, NOT_XLSX);
    const entries = await readZipDirectory(fh, size);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const workbook = byName.get('xl/workbook.xml');
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) throw fileUnreadable(file, NOT_XLSX);
    const read = async (e: ZipEntry) => (await readZipEntry(fh, e, MAX_XML_BYTES)).toString('utf8');
    const sheets = listSheets(await read(workbook), await read(rels));
    const chosen = chooseSheet(file, sheets, wanted);
    const entry = byName.get(chosen.path);
    // The streaming reader (ExcelJS) only reads sheets stored under this name.
    if (!entry || !/^xl\/worksheets\/sheet\d+\.xml$/.test(chosen.path)) throw fileUnreadable(file, NOT_XLSX);
    const shared = byName.get('xl/sharedStrings.xml');
    const deferred = !shared || shared.index > entry.index || rels.index > entry.index;
    return { sheets, chosen, entry, deferred };
  } catch (e) {
    if (e instanceof ZipFormatError) throw fileUnreadable(file, NOT_XLSX);
    throw e;
  } finally {
    await fh.close();
  }
}
