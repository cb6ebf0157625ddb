// Proof files of a closed case (证明材料): .pdf, .jpg/.jpeg or .png, at most 10 MB, the type checked
// by the content's magic bytes, never by the name alone — the one file store's check
// (files/attachments.ts) with the proofs' own kinds and wording. Pure.
import { checkFile, MAX_ATTACHMENT_BYTES, type AttachmentCheck, type FileRule } from '../files/attachments.ts';

export const MAX_PROOF_BYTES = MAX_ATTACHMENT_BYTES;

export const PROOF_RULE: FileRule = {
  exts: ['.pdf', '.png', '.jpg', '.jpeg'],
  limit: MAX_PROOF_BYTES,
  wrongKind: () => ['证明材料须为 .pdf、.jpg 或 .png 文件', 'a proof must be a .pdf, .jpg or .png file'],
  empty: () => ['证明材料文件为空', 'the proof file is empty'],
  tooBig: () => ['证明材料不能超过 10 MB', 'a proof may not exceed 10 MB'],
  notItsKind: (_f, ext) => [`文件内容不是 ${ext} 格式（可能改过扩展名或已损坏）`, `the content is not a ${ext} file (renamed or damaged)`],
};

export type ProofCheck = AttachmentCheck;

/** `head` is at least the file's first 16 bytes (a proof's kind is told by them alone). */
export function checkProof(fileName: string, size: number, head: Uint8Array): ProofCheck {
  return checkFile(PROOF_RULE, fileName, size, head);
}
