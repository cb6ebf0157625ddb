// Least exposure for personal data of minors (个人信息保护法): the one set of masking functions of
// Fuzhi. The presenter (presenter.ts) applies them by role to every API answer, export, audit
// entry and log line; no other module masks. Pure functions, no IO.

/**
 * An ID number or anything that may be one (15 or 18 digits, a truncated 17, an Excel-damaged
 * cell): the region code and the last four stay, the birth date never shows.
 * 513433200901011234 → 513433********1234; 513433090101123 → 513433*****1123.
 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const s = id.trim();
  if (s === '') return null;
  const n = s.length;
  if (n >= 14) return `${s.slice(0, 6)}${'*'.repeat(n - 10)}${s.slice(n - 4)}`;
  if (n >= 8) return `${s.slice(0, 3)}${'*'.repeat(n - 5)}${s.slice(n - 2)}`;
  return '*'.repeat(n);
}

/**
 * The cell of an ID number that is not a usable ID (mistyped, truncated, 5.13433E+17 from Excel):
 * only a leading region code stays, every other digit or X becomes *, other characters (E+, dots,
 * spaces) keep the shape so an officer sees what kind of damage it is. The tail never shows: in a
 * truncated number it is the birth date (51343320090101 → 513433********), and in a broken one it
 * identifies nobody. 5.13433E+17 → *.*****E+**.
 */
export function maskUnusableId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim();
  if (s === '') return null;
  const head = /^\d{6}/.test(s) && s.length >= 14 ? s.slice(0, 6) : '';
  return head + s.slice(head.length).replace(/[0-9Xx]/g, '*');
}

/**
 * A 学籍号 of the form G + ID number carries the ID itself, and the temporary L + 18 characters
 * often does too: both are masked like an ID (G513433********1234). A J-number (generated for
 * students without an ID) is shown as it is; anything else is shown with its ID-like runs masked.
 */
export function maskStudentNo(no: string | null | undefined): string | null {
  if (no === null || no === undefined) return null;
  const s = no.trim();
  if (/^[GLgl][0-9A-Za-z]{14,18}$/.test(s)) return `${s[0].toUpperCase()}${maskIdNumber(s.slice(1))}`;
  return redactIds(s);
}

/** A bank card or account number: the bank's first four and the last four (6217********1234). */
export function maskBankAccount(no: string | null | undefined): string | null {
  if (!no) return null;
  const s = no.replace(/\s+/g, '');
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** A phone number: 138****1234; a landline keeps its last four. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const s = phone.replace(/[\s-]+/g, '');
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** An address keeps its first six characters (the county or township), never the house. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const s = address.trim();
  return s.length <= 6 ? s : `${s.slice(0, 6)}***`;
}

// An 18-character ID (17 digits and a digit or X) or a legacy 15-digit one, alone or after G/L,
// not inside a longer token: a 16-digit 户编号, a 19-digit card number or the decimals of a
// number (0.123456789012345) are not IDs.
const ID_RUN = /(?<![0-9A-Za-z.])([GLgl]?)(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z.])/g;

/**
 * Free text (an audit target or detail, a log line, a URL) with every ID number and ID-bearing
 * 学籍号 in it masked. Idempotent.
 */
export function redactIds(text: string): string {
  return text.replace(ID_RUN, (_m, head: string, digits: string) => `${head.toUpperCase()}${maskIdNumber(digits) ?? ''}`);
}

/** The ID-like runs still in a text, with a little context (tests show what leaked). */
export function fullIdsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ID_RUN)) out.push(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 5));
  return out;
}

/** Whether text still holds something that looks like a full ID number (tests and log guards). */
export function containsFullId(text: string): boolean {
  ID_RUN.lastIndex = 0;
  const found = ID_RUN.test(text);
  ID_RUN.lastIndex = 0;
  return found;
}
