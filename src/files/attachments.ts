// The one store of attached files (activity attachments, dropout proofs, indicator evidence): the
// upload read from the request body and refused as soon as it passes its limit, the type told by the
// content (never by the name alone), and the headers a download goes out with.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { StoredFileColumns } from '../db/schools-schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { inputError } from '../kernel/errors.ts';

/** Attachments: .pdf, .jpg/.jpeg, .png, .docx, .xlsx, ≤ 10 MB, the type checked by the content, never by the name alone. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const KINDS: { exts: string[]; mime: string; magic: number[]; part?: string }[] = [
  { exts: ['.pdf'], mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { exts: ['.png'], mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { exts: ['.jpg', '.jpeg'], mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { exts: ['.docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP, part: 'word/' },
  { exts: ['.xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP, part: 'xl/' },
];

export type AttachmentCheck = { ok: true; mime: string } | { ok: false; zh: string; en: string };

type Words = (fileName: string, ext: string) => [zh: string, en: string];

/** What a kind of stored file accepts (its extensions among the store's kinds, its size limit) and how a refusal reads. */
export interface FileRule {
  exts: string[];
  limit: number;
  wrongKind: Words;
  empty: Words;
  tooBig: Words;
  notItsKind: Words;
}

/** The rule of activity attachments and indicator evidence. */
export const ATTACHMENT_RULE: FileRule = {
  exts: ['.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx'],
  limit: MAX_ATTACHMENT_BYTES,
  wrongKind: (f) => [`附件 ${f} 须为 .pdf、.jpg、.png、.docx 或 .xlsx 文件`, `attachment ${f} must be a .pdf, .jpg, .png, .docx or .xlsx file`],
  empty: (f) => [`附件 ${f} 为空`, `attachment ${f} is empty`],
  tooBig: (f) => [`附件 ${f} 超过 10 MB`, `attachment ${f} exceeds 10 MB`],
  notItsKind: (f, ext) => [`附件 ${f} 的内容不是 ${ext} 格式（可能改过扩展名或已损坏）`, `the content of ${f} is not a ${ext} file (renamed or damaged)`],
};

/**
 * Checks a file against a rule: `size` is the whole file's, `content` the whole file or (for kinds
 * told by their first bytes alone) its first 16 bytes; a .docx or .xlsx is told by the parts its zip names.
 */
export function checkFile(rule: FileRule, fileName: string, size: number, content: Uint8Array): AttachmentCheck {
  const refuse = (w: Words, ext = ''): AttachmentCheck => {
    const [zh, en] = w(fileName, ext);
    return { ok: false, zh, en };
  };
  const ext = fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  const kind = rule.exts.includes(ext) ? KINDS.find((k) => k.exts.includes(ext)) : undefined;
  if (!kind) return refuse(rule.wrongKind);
  if (size === 0) return refuse(rule.empty);
  if (size > rule.limit) return refuse(rule.tooBig);
  const magicOk = kind.magic.every((b, i) => content[i] === b);
  const partOk = !kind.part || Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(kind.part, 0, 'latin1');
  if (!magicOk || !partOk) return refuse(rule.notItsKind, ext);
  return { ok: true, mime: kind.mime };
}

/** `content` is the whole file (a .docx or .xlsx is told by the parts its zip names). */
export function checkAttachment(fileName: string, content: Uint8Array): AttachmentCheck {
  return checkFile(ATTACHMENT_RULE, fileName, content.length, content);
}

/** The name a file is kept under: the last part of what was sent (a client may send a path, with / or a backslash). */
export function storedName(fileName: string): string {
  return path.basename(fileName.replace(/\\/g, '/'));
}

/** The columns a checked file is kept with (db/schools-schema.ts StoredFileColumns): its size, its hash, who and when. */
export function storedFile(f: { fileName: string; mime: string; content: Buffer }, actor: string): StoredFileColumns {
  return { file_name: f.fileName, mime: f.mime, size: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content, actor, at: nowIso() };
}

/** What an upload is refused with: its error code and, in both languages, too big / not a file. */
export interface UploadLimits {
  code: string;
  limit: number;
  tooBig: [zh: string, en: string];
  notAFile: [zh: string, en: string];
}

/** The request body of an upload (raw application/octet-stream), never held beyond the limit + one chunk. */
export async function readUpload(body: unknown, fileName: string, l: UploadLimits): Promise<Buffer> {
  const tooBig = () => inputError(l.code, l.tooBig[0], l.tooBig[1], { file: fileName });
  if (Buffer.isBuffer(body)) {
    if (body.length > l.limit) throw tooBig();
    return body;
  }
  if (!body || typeof (body as Readable).on !== 'function') throw inputError(l.code, l.notAFile[0], l.notAFile[1], { file: fileName });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    size += (chunk as Buffer).length;
    if (size > l.limit) {
      (body as Readable).destroy();
      throw tooBig();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sends a stored file as a download: its type, its name (an ASCII fallback for old clients), never sniffed nor cached. */
export function sendAttachment(reply: FastifyReply, f: { mime: string; fileName: string; fallback: string; content: Buffer }): FastifyReply {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `attachment; filename="${f.fallback}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(f.content);
}
