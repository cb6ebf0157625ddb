// The 学籍 roster model: which registry children are in school (and where), out of area, dropped out
// or at home; the city's other students (most of the roster); and deliberate namesakes.
import type { Rng } from './random.ts';
import { WeightedTable } from './random.ts';
import { IdFactory, birthForAge, ethnicityFor, makePerson, yiSurname, hanSurname } from './people.ts';
import type { NameStyle, Person } from './people.ts';
import type { Household, Member } from './households.ts';
import type { CityModel, Village } from './regions.ts';
import { gradeLabel, stageForAge } from './schools.ts';
import type { School, SchoolSystem, Stage } from './schools.ts';

export type Status = '在读' | '休学' | '转出' | '辍学' | '毕业';

export interface RosterRow {
  person: Person;
  hukou: string; // 12-digit 户籍 region
  studentNo: string; // clean, uppercase
  school: School;
  stage: Stage;
  grade: number;
  gradeText: string;
  boarding: boolean;
  status: Status;
  member: Member | null; // the registry member this row is, if any
}

interface Placement {
  stage: Stage;
  grade: number;
}

interface NamesakeRequest {
  child: Member;
  village: Village;
  placement: Placement;
}

/** Registry children aged 3–17 (counting late starters), by stage group: what became of them. */
const OUTCOMES = {
  kindergarten: [['enrolled', 85], ['out_of_area', 2], ['preschool_home', 13]],
  compulsory: [['enrolled', 96], ['out_of_area', 2], ['dropped_out', 0.8], ['not_in_roster', 1.2]],
  senior: [['enrolled', 89], ['out_of_area', 3], ['graduated', 4], ['dropped_out', 1.5], ['not_in_roster', 2.5]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;
type Outcome = (typeof OUTCOMES)[keyof typeof OUTCOMES][number][0];

export const NAMESAKE_RATE = 0.002;

export class Enrolment {
  readonly rows: RosterRow[] = [];
  private readonly numbers = new Set<string>();
  private readonly namesakes: NamesakeRequest[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly schools: SchoolSystem,
    private readonly ids: IdFactory,
    private readonly on: string,
  ) {}

  /** Decides every registry member's schooling and adds the roster rows of those with a 学籍. */
  placeRegistry(households: readonly Household[]): void {
    for (const hh of households) {
      for (const m of hh.members) this.placeMember(hh, m);
    }
  }

  private placeMember(hh: Household, m: Member): void {
    const { rng } = this;
    const schoolAge = m.age - (m.age >= 6 ? this.delay(hh.village, hh.style) : 0);
    if (m.age <= 2 || schoolAge < 3) return this.setReason(m, m.age >= 18 ? 'adult' : 'preschool_home');
    const placement = schoolAge <= 17 ? stageForAge(schoolAge, rng) : null;
    if (!placement) return this.setReason(m, 'adult');
    let outcome: Outcome = rng.weighted<Outcome>(
      schoolAge <= 5 ? OUTCOMES.kindergarten : schoolAge <= 14 ? OUTCOMES.compulsory : OUTCOMES.senior,
    );
    if (rng.chance(NAMESAKE_RATE)) {
      this.namesakes.push({ child: m, village: hh.village, placement });
      // the classic trap: the true child studies elsewhere while a namesake is enrolled here
      if (rng.chance(0.3)) outcome = 'out_of_area';
    }
    const urban = hh.village.community || rng.chance(0.05);
    const away = rng.chance(0.02);
    const add = (status: Status, p: Placement = placement) =>
      this.addRow(m.person, hh.village.code, this.schools.pick(rng, hh.village, p.stage, p.grade, urban, away), p, status, m);
    switch (outcome) {
      case 'enrolled':
        m.enrolled = true;
        add(rng.chance(0.005) ? '休学' : '在读');
        return;
      case 'out_of_area':
        m.reason = 'out_of_area';
        if (schoolAge >= 6 && rng.chance(0.12)) add('转出');
        return;
      case 'dropped_out':
        m.reason = 'dropped_out';
        if (rng.chance(0.6)) add('辍学');
        return;
      case 'graduated':
        m.reason = 'graduated';
        if (rng.chance(0.5)) add('毕业', { stage: '初中', grade: 3 });
        return;
      default:
        m.reason = outcome;
    }
  }

  private setReason(m: Member, reason: Member['reason']): void {
    m.reason = reason;
  }

  /** Late school starters, common in remote Yi villages. */
  private delay(village: Village, style: NameStyle): number {
    const remote = style !== 'han' && !village.community;
    return this.rng.weighted<number>(remote ? [[0, 85], [1, 12], [2, 3]] : [[0, 93], [1, 6], [2, 1]]);
  }

  /** The city's students from outside the registry, up to `target` roster rows in all, starting
   *  with the namesakes of registry children (same name, birth date and sex, another village). */
  addOthers(city: CityModel, target: number): void {
    const { rng } = this;
    for (const req of this.namesakes) this.addNamesake(city, req);
    const places = new WeightedTable(city.villages.map((v) => [v, v.popWeight * (v.yi ? 0.7 : 1.3)] as const));
    const ages = new WeightedTable<number>([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
      .map((a) => [a, a <= 5 ? 0.85 : a <= 14 ? 1 : a <= 17 ? 0.8 : 0.15] as const));
    while (this.rows.length < target) {
      const village = places.pick(rng);
      const style: NameStyle = village.yi
        ? rng.chance(0.85) ? 'yi' : 'han'
        : rng.chance(0.05) ? 'yi' : rng.chance(village.township.county.seed.tibetanShare) ? 'tibetan' : 'han';
      const surname = style === 'yi' ? yiSurname(rng) : hanSurname(rng);
      const ethnicity = ethnicityFor(rng, style);
      const migrant = rng.chance(0.04);
      const hukou = migrant ? `${rng.pick(MIGRANT_REGIONS)}101201` : village.code;
      const urban = migrant || village.community || rng.chance(0.25);
      const first = ages.pick(rng);
      const kids = Math.min(4, 1 + rng.poisson(style === 'han' ? 0.5 : 0.9));
      const seen = new Set<number>();
      for (let i = 0; i < kids && this.rows.length < target; i++) {
        const age = i === 0 ? first : first + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 5);
        if (age < 3 || age > 19 || seen.has(age)) continue;
        seen.add(age);
        const schoolAge = age - (age >= 6 ? this.delay(village, style) : 0);
        const placement = schoolAge >= 3 && schoolAge <= 17 ? stageForAge(schoolAge, rng) : null;
        if (!placement) continue;
        const sex = rng.chance(0.52) ? 'M' : 'F';
        const birth = birthForAge(rng, age, this.on);
        const person = makePerson(rng, this.ids, { style, sex, birth, region6: hukou.slice(0, 6), surname, ethnicity });
        const status = rng.weighted<Status>([['在读', 975], ['休学', 5], ['转出', 10], ['辍学', 3], ['毕业', schoolAge >= 15 ? 7 : 0]]);
        const p: Placement = status === '毕业' ? { stage: '初中', grade: 3 } : placement;
        this.addRow(person, hukou, this.schools.pick(rng, village, p.stage, p.grade, urban, rng.chance(0.02)), p, status, null);
      }
    }
  }

  private addNamesake(city: CityModel, req: NamesakeRequest): void {
    const { rng } = this;
    const child = req.child.person;
    let village = rng.pick(city.villages);
    for (let i = 0; i < 30 && (village.township === req.village.township || village.yi !== req.village.yi); i++) {
      village = rng.pick(city.villages);
    }
    if (village.township === req.village.township) return;
    const twin = makePerson(rng, this.ids, {
      style: child.style, sex: child.sex, birth: child.birth, region6: village.township.county.code6,
      surname: child.surname, ethnicity: child.ethnicity,
    });
    const person: Person = { ...twin, name: child.name };
    const school = this.schools.pick(rng, village, req.placement.stage, req.placement.grade, village.community, false);
    this.addRow(person, village.code, school, req.placement, '在读', null);
  }

  private addRow(person: Person, hukou: string, school: School, p: Placement, status: Status, member: Member | null): void {
    const studentNo = this.studentNo(person);
    if (member) member.studentNo = studentNo;
    this.rows.push({
      person, hukou, studentNo, school, stage: p.stage, grade: p.grade, gradeText: gradeLabel(school, p.stage, p.grade),
      boarding: this.boarding(school, p), status, member,
    });
  }

  /** G + ID for most; J + 16 digits for children registered without an ID; a few L temporaries. */
  private studentNo(person: Person): string {
    const { rng } = this;
    const r = rng.next();
    const jRate = person.style === 'han' ? 0.04 : 0.06;
    if (r >= 0.005 + jRate) return `G${person.id}`;
    for (;;) {
      const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
      const no = r < 0.005
        ? `L${person.birth.replaceAll('-', '')}${person.id.slice(0, 6)}${digits(4)}`
        : `J${person.id.slice(0, 6)}${digits(10)}`;
      if (!this.numbers.has(no)) {
        this.numbers.add(no);
        return no;
      }
    }
  }

  private boarding(school: School, p: Placement): boolean {
    const village = school.urbanRural === '村庄';
    const seat = school.urbanRural === '城乡结合区' || school.urbanRural === '主城区';
    let rate: number;
    if (p.stage === '学前') rate = 0.005;
    else if (p.stage === '小学') rate = village ? 0.02 : seat ? 0.05 : p.grade >= 4 ? 0.4 : 0.15;
    else if (p.stage === '初中') rate = seat ? 0.4 : 0.75;
    else rate = 0.85;
    return this.rng.chance(rate);
  }
}

/** Hukou counties of migrant workers' children (随迁子女) studying in the city. */
const MIGRANT_REGIONS = ['511112', '511123', '511132', '510121', '530621', '530602', '513321', '500235', '520221'];

/** Shuffles then sorts by school and grade, the order a 学籍 export comes in. */
export function rosterOrder(rng: Rng, rows: RosterRow[]): RosterRow[] {
  const stageOrder: Record<Stage, number> = { 学前: 0, 小学: 1, 初中: 2, 高中: 3, 中职: 4 };
  return rng.shuffle(rows).sort((a, b) =>
    a.school.code < b.school.code ? -1 : a.school.code > b.school.code ? 1
      : stageOrder[a.stage] - stageOrder[b.stage] || a.grade - b.grade);
}
