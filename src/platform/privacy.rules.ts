// Least exposure for personal data of minors: ID numbers are masked in every list (个人信息保护法).
// Pure functions, no IO.

/** 513433200901011234 → 513433********1234 (first 6, eight stars, last 4). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = id.trim();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}********${s.slice(-4)}`;
}

/**
 * A 学籍号 of the form G + ID number (or L + 18 characters) carries the ID number itself, so
 * screens show it masked the same way: G513433********1234. Other numbers are shown as they are.
 */
export function maskStudentNo(no: string): string {
  return /^[GL][0-9A-Z]{18}$/i.test(no) ? `${no[0]}${maskIdNumber(no.slice(1))}` : no;
}
