// The one store of attached files (activity attachments, dropout proofs, indicator evidence): the
// upload read from the request body and refused as soon as it passes its limit, the type told by the
// content (never by the name alone), and the headers a download goes out with.
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
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

/** `content` is the whole file (a .docx or .xlsx is told by the parts its zip names). */
export function checkAttachment(fileName: string, content: Uint8Array): AttachmentCheck {
  const ext = fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  const kind = KINDS.find((k) => k.exts.includes(ext));
  if (!kind) return { ok: false, zh: `附件 ${fileName} 须为 .pdf、.jpg、.png、.docx 或 .xlsx 文件`, en: `attachment ${fileName} must be a .pdf, .jpg, .png, .docx or .xlsx file` };
  if (content.length === 0) return { ok: false, zh: `附件 ${fileName} 为空`, en: `attachment ${fileName} is empty` };
  if (content.length > MAX_ATTACHMENT_BYTES) return { ok: false, zh: `附件 ${fileName} 超过 10 MB`, en: `attachment ${fileName} exceeds 10 MB` };
  const magicOk = kind.magic.every((b, i) => content[i] === b);
  const partOk = !kind.part || Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(kind.part, 0, 'latin1');
  if (!magicOk || !partOk) return { ok: false, zh: `附件 ${fileName} 的内容不是 ${ext} 格式（可能改过扩展名或已损坏）`, en: `the content of ${fileName} is not a ${ext} file (renamed or damaged)` };
  return { ok: true, mime: kind.mime };
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
