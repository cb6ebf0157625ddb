// How a value is written as text in an output file (csv cells, xlsx text columns). Dates are
// written in UTC, which is how the xlsx reader returns them (a date cell is UTC midnight).

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD', or 'YYYY-MM-DD HH:mm:ss' when the date has a time of day. */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return formatDate(v);
  if (typeof v !== 'object') return ''; // a function or symbol is not data
  // An object with its own toString (e.g. a shortened over-long cell) says how it reads; others as JSON.
  const o = v as { toString(): string };
  return o.toString !== Object.prototype.toString ? o.toString() : (JSON.stringify(v) ?? '');
}
