// The dirt real government exports carry (domain.md §1): damaged ID numbers, names with spaces,
// dot variants and homophones, mixed date formats. Rates are per record and per file, drawn
// independently for the roster and the registry so the two files disagree as real ones do.
import type { Rng } from './random.ts';
import { HOMOPHONES } from './names.data.ts';
import { epochDay, legacy15 } from './people.ts';
import type { Person } from './people.ts';

/** One value of a spreadsheet cell: text, a number cell (xlsx), a date cell (xlsx) or empty. */
export type Cell = string | number | Date | null;

export const DIRT_RATES = {
  id: {
    // mutually exclusive damage, one draw per ID cell:
    empty: 0.01,
    emptyWithoutG: 0.75, // roster students with a J or L 学籍号 (no ID when registered)
    excelDestroyed: 0.015, // xlsx: number cell; csv: '5.13435E+17' or last 3 digits 000 (not for IDs ending in X)
    truncated17: 0.003,
    legacy15: 0.05, // of adults born before 2000 only
    typo: 0.01, // one digit changed
    transposition: 0.005, // two adjacent different digits swapped
    // cosmetic, each independent, on whatever text is left:
    lowercaseX: 0.3, // of IDs ending in X
    fullWidth: 0.01,
    spaces: 0.02,
    apostrophe: 0.03,
  },
  name: {
    asciiSpace: 0.02,
    fullWidthSpace: 0.01,
    homophone: 0.005, // one given-name character replaced by a homophone (when one is known)
    yiDotVariant: 0.3, // of names written with ·: written with • or ・ or without the dot
    yiDotAdded: 0.03, // of undotted four-character Yi names: a dot added after the clan name
  },
  date: { empty: 0.01 },
  /** Share of the registry's townships whose rows code sex as 1/2 instead of 男/女. */
  sexDigitsTownships: 0.1,
  studentNo: { space: 0.005, lowercase: 0.003 },
  householdNoSpace: 0.01,
  blankRow: 0.0005,
} as const;

/** Date formats by file, as weights; 'cell' is a real date cell in xlsx (ISO text in CSV) and
 *  'serial' an Excel serial number (a number cell in xlsx, text in CSV). */
export const DATE_FORMATS = {
  roster: { iso: 45, slash: 15, compact: 15, chinese: 5, serial: 5, cell: 15, month: 0 },
  registry: { iso: 30, slash: 10, compact: 20, chinese: 10, serial: 5, cell: 15, month: 10 },
} as const;
export type DateFormat = keyof (typeof DATE_FORMATS)['roster'];

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

export interface IdContext {
  xlsx: boolean;
  allowLegacy: boolean; // an adult born before 2000
  withoutG: boolean; // roster row whose 学籍号 is not G + ID
}

/** The ID number as one file writes it. */
export function dirtyId(rng: Rng, id: string, ctx: IdContext): Cell {
  const r = DIRT_RATES.id;
  let text = id;
  let u = rng.next();
  const emptyRate = ctx.withoutG ? r.emptyWithoutG : r.empty;
  if ((u -= emptyRate) < 0) return '';
  if ((u -= r.excelDestroyed) < 0) {
    if (!id.endsWith('X')) return excelDestroyed(rng, id, ctx.xlsx);
  } else if ((u -= r.truncated17) < 0) text = id.slice(0, 17);
  else if ((u -= ctx.allowLegacy ? r.legacy15 : 0) < 0) text = legacy15(id);
  else if ((u -= r.typo) < 0) text = typo(rng, id);
  else if ((u -= r.transposition) < 0) text = transpose(rng, id);
  if (text.endsWith('X') && rng.chance(r.lowercaseX)) text = `${text.slice(0, -1)}x`;
  if (rng.chance(r.fullWidth)) text = text.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[+d]);
  if (rng.chance(r.spaces)) text = addSpaces(rng, text);
  if (rng.chance(r.apostrophe)) text = `'${text}`;
  return text;
}

/** What Excel does to an 18-digit number: 15 significant digits kept. */
export function excelDestroyed(rng: Rng, id: string, xlsx: boolean): Cell {
  if (xlsx) return Number(id);
  if (rng.chance(0.5)) return `${id[0]}.${id.slice(1, 6)}E+17`;
  return `${id.slice(0, 15)}000`;
}

function typo(rng: Rng, id: string): string {
  const i = rng.int(0, 16);
  let d = rng.int(0, 9);
  while (String(d) === id[i]) d = rng.int(0, 9);
  return id.slice(0, i) + d + id.slice(i + 1);
}

function transpose(rng: Rng, id: string): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = rng.int(0, 16);
    if (id[i] !== id[i + 1]) return id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
  }
  return typo(rng, id);
}

function addSpaces(rng: Rng, text: string): string {
  const kind = rng.int(0, 2);
  if (kind === 0 && text.length >= 18) return `${text.slice(0, 6)} ${text.slice(6, 14)} ${text.slice(14)}`;
  if (kind === 1) return `${text} `;
  const i = rng.int(1, text.length - 1);
  return `${text.slice(0, i)} ${text.slice(i)}`;
}

/** The name as one file writes it. */
export function dirtyName(rng: Rng, p: Person): string {
  const r = DIRT_RATES.name;
  let name = p.name;
  const surnameLength = p.surname.length;
  if (rng.chance(r.homophone)) name = homophone(rng, name, name.includes('·') ? surnameLength + 1 : surnameLength);
  if (p.style === 'yi') {
    if (name.includes('·')) {
      if (rng.chance(r.yiDotVariant)) name = name.replace('·', rng.pick(['•', '・', '']));
    } else if (name.length === 4 && surnameLength === 2 && rng.chance(r.yiDotAdded)) {
      name = `${name.slice(0, 2)}${rng.pick(['·', '·', '•'])}${name.slice(2)}`;
    }
  }
  if (rng.chance(r.asciiSpace)) name = insertSpace(rng, name, surnameLength, rng.chance(0.3) ? '  ' : ' ');
  if (rng.chance(r.fullWidthSpace)) name = insertSpace(rng, name, surnameLength, '\u3000');
  return name;
}

/** Two-character names are padded in the middle ("王  芳"); others get it after the surname or at the end. */
function insertSpace(rng: Rng, name: string, surnameLength: number, space: string): string {
  if (name.length === 2 || (surnameLength > 0 && rng.chance(0.6))) {
    const at = Math.max(1, surnameLength);
    return name.slice(0, at) + space + name.slice(at);
  }
  return name + space;
}

function homophone(rng: Rng, name: string, from: number): string {
  const positions: number[] = [];
  for (let i = Math.max(0, from); i < name.length; i++) if (HOMOPHONES[name[i]]) positions.push(i);
  if (positions.length === 0) return name;
  const i = rng.pick(positions);
  return name.slice(0, i) + rng.pick(HOMOPHONES[name[i]]) + name.slice(i + 1);
}

/** The birth date as one file writes it. */
export function dirtyDate(rng: Rng, birth: string, file: keyof typeof DATE_FORMATS, xlsx: boolean): Cell {
  if (rng.chance(DIRT_RATES.date.empty)) return '';
  const weights = DATE_FORMATS[file];
  const format = rng.weighted<DateFormat>(Object.entries(weights) as [DateFormat, number][]);
  return formatDate(birth, format, xlsx);
}

export function formatDate(birth: string, format: DateFormat, xlsx: boolean): Cell {
  const [y, m, d] = [birth.slice(0, 4), birth.slice(5, 7), birth.slice(8, 10)];
  switch (format) {
    case 'iso': return birth;
    case 'slash': return `${y}/${+m}/${+d}`;
    case 'compact': return `${y}${m}${d}`;
    case 'chinese': return `${y}年${+m}月${+d}日`;
    case 'month': return `${y}-${m}`;
    case 'serial': return xlsx ? excelSerial(birth) : String(excelSerial(birth));
    case 'cell': return xlsx ? new Date(`${birth}T00:00:00Z`) : birth;
  }
}

/** Days since 1899-12-30, as Excel stores dates. */
export function excelSerial(date: string): number {
  return epochDay(date) + 25569;
}

/** Occasional leading or trailing spaces (户编号, 学籍号). */
export function padSpaces(rng: Rng, text: string, rate: number): string {
  if (!rng.chance(rate)) return text;
  return rng.chance(0.5) ? `${text} ` : ` ${text}`;
}
