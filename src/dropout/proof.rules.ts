// Proof files of a closed case (证明材料): .pdf, .jpg/.jpeg or .png, at most 10 MB, the type checked
// by the content's magic bytes, never by the name alone. Pure.
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;

const KINDS: { exts: string[]; mime: string; magic: number[] }[] = [
  { exts: ['.pdf'], mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { exts: ['.png'], mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { exts: ['.jpg', '.jpeg'], mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export type ProofCheck = { ok: true; mime: string } | { ok: false; zh: string; en: string };

export function checkProof(fileName: string, size: number, head: Uint8Array): ProofCheck {
  const ext = fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  const kind = KINDS.find((k) => k.exts.includes(ext));
  if (!kind) return { ok: false, zh: '证明材料须为 .pdf、.jpg 或 .png 文件', en: 'a proof must be a .pdf, .jpg or .png file' };
  if (size === 0) return { ok: false, zh: '证明材料文件为空', en: 'the proof file is empty' };
  if (size > MAX_PROOF_BYTES) return { ok: false, zh: '证明材料不能超过 10 MB', en: 'a proof may not exceed 10 MB' };
  if (!kind.magic.every((b, i) => head[i] === b)) {
    return { ok: false, zh: `文件内容不是 ${ext} 格式（可能改过扩展名或已损坏）`, en: `the content is not a ${ext} file (renamed or damaged)` };
  }
  return { ok: true, mime: kind.mime };
}
