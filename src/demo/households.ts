// The 建档立卡 registry model: households of 1–9 members (nuclear, three-generation with left-behind
// grandchildren, elderly, single-parent), their type, years identified and exited, and each member.
import type { Rng } from './random.ts';
import { WeightedTable } from './random.ts';
import { IdFactory, birthForAge, makePerson } from './people.ts';
import type { NameStyle, Person, Sex } from './people.ts';
import type { CityModel, Village } from './regions.ts';

export type HouseholdType = '脱贫户' | '未脱贫户' | '返贫户' | '脱贫不稳定户' | '边缘易致贫户' | '突发严重困难户';

export interface Member {
  person: Person;
  relation: string;
  age: number; // on 1 September of the school year
  // filled in by the enrolment model:
  studentNo: string | null;
  enrolled: boolean;
  reason: null | 'not_in_roster' | 'out_of_area' | 'dropped_out' | 'preschool_home' | 'graduated' | 'adult';
}

export interface Household {
  no: string; // 户编号
  village: Village;
  type: HouseholdType;
  identifiedYear: number;
  exitYear: number | null;
  cause: string;
  phone: string;
  style: NameStyle;
  members: Member[];
}

const TYPES = new WeightedTable<HouseholdType>([
  ['脱贫户', 79], ['未脱贫户', 2], ['返贫户', 1], ['脱贫不稳定户', 7], ['边缘易致贫户', 8], ['突发严重困难户', 3],
]);
const CAUSES = new WeightedTable<string>([
  ['因病', 22], ['缺技术', 18], ['缺劳力', 12], ['缺资金', 14], ['因学', 10], ['因残', 9],
  ['交通条件落后', 7], ['自身发展动力不足', 6], ['因灾', 2],
]);
/** Where married-in spouses' ID numbers were first issued, besides the city's own counties. */
const OTHER_REGIONS = ['511132', '511133', '511323', '530602', '530621', '513321', '510182', '500235'];

export interface HouseholdContext {
  rng: Rng;
  ids: IdFactory;
  on: string; // `${schoolYear}-09-01`
  schoolYear: number;
  countyCodes: string[];
}

/** Households spread over the villages by poverty weight (Yi mountain villages more, town
 *  communities few), in village order, numbered village code + 4 digits. */
export function generateHouseholds(
  ctx: HouseholdContext, city: CityModel, count: number, onEach?: (done: number) => void,
): Household[] {
  const quotas = allocate(city.villages.map((v) => v.povertyWeight), count);
  const out: Household[] = [];
  city.villages.forEach((village, i) => {
    for (let k = 0; k < quotas[i]; k++) {
      out.push(makeHousehold(ctx, village, `${village.code}${String(k + 1).padStart(4, '0')}`));
      onEach?.(out.length);
    }
  });
  return out;
}

/** Largest-remainder allocation of `total` over weights. */
export function allocate(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

function makeHousehold(ctx: HouseholdContext, village: Village, no: string): Household {
  const { rng } = ctx;
  const style: NameStyle = village.yi
    ? rng.chance(0.92) ? 'yi' : 'han'
    : rng.chance(0.06) ? 'yi' : rng.chance(village.township.county.seed.tibetanShare) ? 'tibetan' : 'han';
  const type = TYPES.pick(rng);
  const { identifiedYear, exitYear } = years(rng, type, ctx.schoolYear);
  const b = new Builder(ctx, village, style);
  const shape = rng.weighted<string>(style === 'han'
    ? [['nuclear', 45], ['threeGen', 30], ['elderly', 13], ['single', 12]]
    : [['nuclear', 50], ['threeGen', 27], ['elderly', 9], ['single', 14]]);
  if (shape === 'nuclear') b.nuclear();
  else if (shape === 'threeGen') b.threeGenerations();
  else if (shape === 'elderly') b.elderly();
  else b.single();
  const phone = `1${rng.pick(['3', '5', '8', '9', '7'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  return { no, village, type, identifiedYear, exitYear, cause: CAUSES.pick(rng), phone, style, members: b.members };
}

function years(rng: Rng, type: HouseholdType, schoolYear: number): { identifiedYear: number; exitYear: number | null } {
  const last = Math.max(2014, Math.min(2024, schoolYear));
  if (type === '边缘易致贫户' || type === '突发严重困难户') {
    return { identifiedYear: rng.int(Math.min(2020, last), last), exitYear: null };
  }
  const identifiedYear = Math.min(last, rng.weighted<number>([[2014, 55], [2015, 12], [2016, 10], [2017, 10], [2018, 8], [2019, 5]]));
  if (type === '未脱贫户') return { identifiedYear, exitYear: null };
  const earliest = Math.min(last, Math.max(identifiedYear + 1, 2016));
  const choices: [number, number][] = [[2016, 8], [2017, 12], [2018, 18], [2019, 30], [2020, 32]];
  const exitYear = Math.min(last, rng.weighted(choices.filter(([y]) => y >= earliest)));
  return { identifiedYear, exitYear };
}

/** Builds one household's members in a plausible order: 户主, 配偶, parents, children... */
class Builder {
  readonly members: Member[] = [];
  private readonly rng: Rng;
  private readonly region6: string;

  constructor(private readonly ctx: HouseholdContext, village: Village, private readonly style: NameStyle) {
    this.rng = ctx.rng;
    this.region6 = village.township.county.code6;
  }

  nuclear(): void {
    const { rng } = this;
    const headSex: Sex = rng.chance(0.88) ? 'M' : 'F';
    const head = this.add('户主', headSex, 24 + rng.int(0, 16) + rng.int(0, 15));
    const spouse = rng.chance(0.88) ? this.spouse(head) : null;
    const mother = headSex === 'F' ? head : spouse;
    const surname = headSex === 'M' ? head.person.surname : spouse?.person.surname;
    if (rng.chance(0.22)) this.parents(head);
    const kids = this.style === 'han' ? 1 + rng.poisson(0.8) : 1 + rng.poisson(1.85);
    this.children(kids, mother ? mother.age : head.age, surname, '之子', '之女');
  }

  threeGenerations(): void {
    const { rng } = this;
    const head = this.add('户主', rng.chance(0.8) ? 'M' : 'F', 48 + rng.int(0, 14) + rng.int(0, 13));
    if (rng.chance(0.75)) this.spouse(head);
    const familySurname = head.person.sex === 'M' ? head.person.surname : undefined;
    const son = this.add('之子', 'M', Math.max(20, head.age - rng.int(20, 32)), familySurname);
    const wife = rng.chance(0.85) ? this.add('之儿媳', 'F', clampAge(son.age + rng.int(-5, 2), 18), undefined, true) : null;
    const kids = this.style === 'han' ? 1 + rng.poisson(0.7) : 1 + rng.poisson(1.6);
    this.children(kids, wife ? wife.age : son.age - 2, son.person.surname, '之孙子', '之孙女');
    if (rng.chance(0.35)) {
      for (let i = rng.int(1, 2); i > 0 && this.members.length < 9; i--) {
        const age = Math.min(head.age - 18, rng.int(15, 30));
        const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
        this.add(sex === 'M' ? '之子' : '之女', sex, age, familySurname);
      }
    }
  }

  elderly(): void {
    const { rng } = this;
    const head = this.add('户主', rng.chance(0.7) ? 'M' : 'F', 60 + rng.int(0, 14) + rng.int(0, 14));
    if (rng.chance(0.45)) this.spouse(head);
    if (rng.chance(0.4)) {
      const surname = head.person.sex === 'M' ? head.person.surname : undefined;
      for (let i = rng.int(1, 2); i > 0; i--) {
        const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
        this.add(sex === 'M' ? '之孙子' : '之孙女', sex, rng.int(2, 16), surname);
      }
    }
  }

  single(): void {
    const { rng } = this;
    const head = this.add('户主', rng.chance(0.55) ? 'M' : 'F', 25 + rng.int(0, 22) + rng.int(0, 23));
    if (rng.chance(0.55)) {
      const surname = head.person.sex === 'M' || rng.chance(0.5) ? head.person.surname : undefined;
      this.children(rng.int(1, 3), head.age, surname, '之子', '之女');
    }
    if (rng.chance(0.25)) this.add('其他', rng.chance(0.6) ? 'M' : 'F', rng.int(8, 60));
  }

  private spouse(head: Member): Member {
    const sex: Sex = head.person.sex === 'M' ? 'F' : 'M';
    const age = clampAge(head.age + (sex === 'F' ? this.rng.int(-6, 2) : this.rng.int(-2, 6)), 18);
    return this.add('配偶', sex, age, undefined, sex === 'F');
  }

  private parents(head: Member): void {
    const { rng } = this;
    const fatherAge = Math.min(95, head.age + rng.int(22, 35));
    if (rng.chance(0.7)) this.add('之父', 'M', fatherAge, head.person.sex === 'M' ? head.person.surname : undefined);
    if (rng.chance(0.85)) this.add('之母', 'F', Math.min(95, fatherAge + rng.int(-6, 1)));
  }

  /** Children of a mother aged `motherAge`: oldest born when she was 19–28, then gaps of 1–4
   *  years; a birth is twins now and then (same date, consecutive sequence numbers). */
  private children(count: number, motherAge: number, surname: string | undefined, sonRel: string, daughterRel: string): void {
    const { rng } = this;
    let age = Math.max(0, motherAge - rng.int(19, 28));
    for (let i = 0; i < count && age >= 0 && this.members.length < 9; i++) {
      const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
      const child = this.add(sex === 'M' ? sonRel : daughterRel, sex, age, surname);
      if (rng.chance(0.012) && this.members.length < 9) {
        const twinSex: Sex = rng.chance(0.6) ? sex : sex === 'M' ? 'F' : 'M';
        this.add(twinSex === 'M' ? sonRel : daughterRel, twinSex, age, surname, false, child.person);
        i++;
      }
      age -= rng.int(1, 4);
    }
  }

  private add(relation: string, sex: Sex, age: number, surname?: string, marriedIn = false, twinOf?: Person): Member {
    const { rng, ctx } = this;
    const birth = twinOf ? twinOf.birth : birthForAge(rng, age, ctx.on);
    let region6 = this.region6;
    if (marriedIn && rng.chance(0.15)) region6 = rng.chance(0.5) ? rng.pick(ctx.countyCodes) : rng.pick(OTHER_REGIONS);
    const style = this.style === 'yi' && marriedIn && rng.chance(0.05) ? 'han' : this.style;
    const person = makePerson(rng, ctx.ids, { style, sex, birth, region6, surname: style === this.style ? surname : undefined, twinOf, avoid: new Set(this.members.map((m) => m.person.name)) });
    const member: Member = { person, relation, age, studentNo: null, enrolled: false, reason: null };
    this.members.push(member);
    return member;
  }
}

function clampAge(age: number, min: number): number {
  return Math.max(min, age);
}
