// People of the synthetic county: birth dates and ages, valid GB 11643 ID numbers (unique, twins
// with consecutive sequence numbers) and names in the Han, Yi and Tibetan styles of 凉山.
import { checkDigit } from '../kernel/id-number.ts';
import { Rng, WeightedTable, zipf } from './random.ts';
import {
  HAN_GIVEN_OLD, HAN_GIVEN_PARTS, HAN_GIVEN_SINGLE, HAN_GIVEN_YOUNG, HAN_SURNAMES, OTHER_ETHNICITIES, TIBETAN_PARTS,
  YI_GIVEN, YI_GIVEN_PARTS, YI_SURNAMES,
} from './names.data.ts';

export type Sex = 'M' | 'F';
export type NameStyle = 'han' | 'yi' | 'tibetan';

export interface Person {
  name: string; // the true name, as on the 户口
  surname: string; // '' for Tibetan names
  style: NameStyle;
  sex: Sex;
  birth: string; // YYYY-MM-DD
  id: string; // 18 digits, valid
  ethnicity: string;
}

const DAY_MS = 86_400_000;

export function epochDay(date: string): number {
  return Math.round(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Age in whole years on `on` (YYYY-MM-DD), the way schools count it on 1 September. */
export function ageOn(birth: string, on: string): number {
  let age = +on.slice(0, 4) - +birth.slice(0, 4);
  if (on.slice(5) < birth.slice(5)) age--;
  return age;
}

/** A birth date giving exactly `age` on the reference date. */
export function birthForAge(rng: Rng, age: number, on: string): string {
  const end = epochDay(`${+on.slice(0, 4) - age}${on.slice(4)}`);
  return dateOfEpochDay(end - rng.int(0, 364));
}

/** Issues unique, valid 18-digit ID numbers: region (6) + birth date (8) + sequence (3, odd for
 *  men) + check digit. */
export class IdFactory {
  private readonly used = new Set<string>();

  issue(rng: Rng, region6: string, birth: string, sex: Sex): string {
    const ymd = birth.replaceAll('-', '');
    for (let attempt = 0; attempt < 50; attempt++) {
      const k = rng.int(1, 300);
      const id = this.take(`${region6}${ymd}${String(sex === 'M' ? 2 * k - 1 : 2 * k).padStart(3, '0')}`);
      if (id) return id;
    }
    for (let k = 1; k <= 499; k++) {
      const id = this.take(`${region6}${ymd}${String(sex === 'M' ? 2 * k - 1 : 2 * k).padStart(3, '0')}`);
      if (id) return id;
    }
    throw new Error(`no free ID sequence number left for ${region6} ${birth} ${sex}`);
  }

  /** A twin's ID: the sibling's sequence number plus one (or two, to keep the sex parity). */
  twin(rng: Rng, siblingId: string, sex: Sex): string {
    const base = Number(siblingId.slice(14, 17));
    for (let step = 1; step < 40; step++) {
      const seq = base + step;
      if (seq > 999 || (seq % 2 === 1) !== (sex === 'M')) continue;
      const id = this.take(`${siblingId.slice(0, 14)}${String(seq).padStart(3, '0')}`);
      if (id) return id;
    }
    return this.issue(rng, siblingId.slice(0, 6), `${siblingId.slice(6, 10)}-${siblingId.slice(10, 12)}-${siblingId.slice(12, 14)}`, sex);
  }

  private take(first17: string): string | null {
    if (this.used.has(first17)) return null;
    this.used.add(first17);
    return first17 + checkDigit(first17);
  }
}

/** The legacy 15-digit form (before 1999): no century, no check digit. */
export function legacy15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

const hanSurnames = new WeightedTable(HAN_SURNAMES);
const yiSurnames = new WeightedTable(zipf(YI_SURNAMES, 0.5));
const popular = {
  oldM: new WeightedTable(zipf(HAN_GIVEN_OLD.M, 0.7)),
  oldF: new WeightedTable(zipf(HAN_GIVEN_OLD.F, 0.7)),
  youngM: new WeightedTable(zipf(HAN_GIVEN_YOUNG.M, 0.7)),
  youngF: new WeightedTable(zipf(HAN_GIVEN_YOUNG.F, 0.7)),
  yiM: new WeightedTable(zipf(YI_GIVEN.M, 0.8)),
  yiF: new WeightedTable(zipf(YI_GIVEN.F, 0.8)),
};
const otherEthnicities = new WeightedTable(OTHER_ETHNICITIES);

export function hanSurname(rng: Rng): string {
  return hanSurnames.pick(rng);
}

export function yiSurname(rng: Rng): string {
  return yiSurnames.pick(rng);
}

const singles = {
  youngM: [...HAN_GIVEN_SINGLE.youngM], youngF: [...HAN_GIVEN_SINGLE.youngF],
  oldM: [...HAN_GIVEN_SINGLE.oldM], oldF: [...HAN_GIVEN_SINGLE.oldF],
};

/** A popular name about one time in eight (so namesakes are common, as in a real county), else a
 *  one-character name or two characters from the generation's usual pools. */
export function hanGiven(rng: Rng, sex: Sex, birthYear: number): string {
  const young = birthYear >= 2003 || (birthYear >= 1995 && rng.chance((birthYear - 1994) / 9));
  const key = `${young ? 'young' : 'old'}${sex}` as const;
  const r = rng.next();
  if (r < 0.12) return popular[key].pick(rng);
  if (r < (young ? 0.22 : 0.37)) return rng.pick(singles[key]);
  return twoOf(rng, HAN_GIVEN_PARTS[key]);
}

function twoOf(rng: Rng, [first, second]: readonly [string, string]): string {
  const a = first[Math.floor(rng.next() * first.length)];
  let b = second[Math.floor(rng.next() * second.length)];
  while (b === a) b = second[Math.floor(rng.next() * second.length)];
  return a + b;
}

/** A given name in the person's style; Yi children now and then get a Han given name. */
export function givenName(rng: Rng, style: NameStyle, sex: Sex, birthYear: number): string {
  if (style === 'han' || (style === 'yi' && rng.chance(birthYear >= 2005 ? 0.15 : 0.05))) {
    return hanGiven(rng, sex, birthYear);
  }
  if (style === 'yi') return rng.chance(0.4) ? popular[sex === 'M' ? 'yiM' : 'yiF'].pick(rng) : twoOf(rng, YI_GIVEN_PARTS[sex]);
  const first = rng.pick(TIBETAN_PARTS.M);
  let second = rng.pick(sex === 'M' ? TIBETAN_PARTS.M : TIBETAN_PARTS.F);
  while (second === first) second = rng.pick(TIBETAN_PARTS.M);
  return first + second;
}

/** Yi names are written 吉克阿呷 on most 户口 and 吉克·阿呷 on some. */
export function fullName(rng: Rng, style: NameStyle, surname: string, givenPart: string): string {
  if (style === 'tibetan') return givenPart;
  if (style === 'yi' && rng.chance(0.08)) return `${surname}·${givenPart}`;
  return surname + givenPart;
}

export function ethnicityFor(rng: Rng, style: NameStyle): string {
  if (style === 'yi') return '彝族';
  if (style === 'tibetan') return '藏族';
  return rng.chance(0.03) ? otherEthnicities.pick(rng) : '汉族';
}

export interface NewPerson {
  style: NameStyle;
  sex: Sex;
  birth: string;
  region6: string;
  surname?: string; // inherited from the father; drawn when absent
  ethnicity?: string;
  twinOf?: Person;
  /** Names already taken in the household: parents do not give two children the same name. */
  avoid?: ReadonlySet<string>;
}

/** Makes one person with a fresh valid ID and a name in the given style. */
export function makePerson(rng: Rng, ids: IdFactory, p: NewPerson): Person {
  const surname = p.style === 'tibetan' ? '' : p.surname ?? (p.style === 'yi' ? yiSurname(rng) : hanSurname(rng));
  const year = +p.birth.slice(0, 4);
  let givenPart = givenName(rng, p.style, p.sex, year);
  let name = fullName(rng, p.style, surname, givenPart);
  if (p.twinOf || p.avoid) {
    for (let i = 0; i < 10 && (name === p.twinOf?.name || p.avoid?.has(name)); i++) {
      givenPart = givenName(rng, p.style, p.sex, year);
      name = fullName(rng, p.style, surname, givenPart);
    }
  }
  const id = p.twinOf ? ids.twin(rng, p.twinOf.id, p.sex) : ids.issue(rng, p.region6, p.birth, p.sex);
  return { name, surname, style: p.style, sex: p.sex, birth: p.birth, id, ethnicity: p.ethnicity ?? ethnicityFor(rng, p.style) };
}
