// The synthetic city's schools: kindergartens, village 幼教点 and 教学点, township central schools,
// junior and nine-year schools, county-seat secondary and vocational schools; and which school a
// child from a given village attends at each stage.
import type { Rng } from './random.ts';
import type { Stage as KernelStage } from '../kernel/stage.ts';
import { CITY } from './places.data.ts';
import type { CityModel, County, Township, Village } from './regions.ts';

export type SchoolType =
  | '幼儿园' | '小学' | '教学点' | '初级中学' | '九年一贯制学校' | '完全中学' | '高级中学' | '中等职业学校';
/** The stages the demo county enrols (no 高等). */
export type Stage = Exclude<KernelStage, '高等'>;

export interface School {
  code: string; // 学校标识码, 10 digits
  name: string;
  regionCode: string; // 12 digits: township or village
  type: SchoolType;
  urbanRural: string; // 城乡类型
  sponsor: '教育部门' | '民办';
  countyCode6: string;
  juniorGradeStyle: 'chu' | 'nianji'; // 初一 or 七年级
}

interface TownshipSchools {
  kg: School[];
  villageKg: Map<string, School>;
  primary: School[];
  villagePrimary: Map<string, School>;
  teachingPoint: Map<string, School>;
  junior: School[];
}

interface CountySchools {
  kg: School[];
  primary: School[];
  junior: School[];
  senior: School[];
  vocational: School[];
}

export class SchoolSystem {
  readonly schools: School[] = [];
  private readonly byTownship = new Map<string, TownshipSchools>();
  private readonly byCounty = new Map<string, CountySchools>();
  private readonly citySenior: School[] = [];
  private readonly cityVocational: School[] = [];
  private readonly countyList: County[];

  constructor(private readonly rng: Rng, city: CityModel) {
    this.countyList = city.counties;
    for (const county of city.counties) this.buildCounty(county);
    const first = city.counties[0];
    const seat = first.townships[0];
    const cityCode = (n: number) => `21${CITY.code.slice(2, 4)}00${String(n).padStart(4, '0')}`;
    this.citySenior.push(this.make(cityCode(1), `${CITY.short}民族中学`, seat.code, '完全中学', '城乡结合区', first));
    this.cityVocational.push(this.make(cityCode(2), `${CITY.short}职业技术学校`, seat.code, '中等职业学校', '城乡结合区', first));
  }

  /** The school a child from `village` attends for a stage and grade (1-based within the stage).
   *  `urban`: the family lives in the county seat whatever its hukou; `away`: studies in another county. */
  pick(rng: Rng, village: Village, stage: Stage, grade: number, urban: boolean, away: boolean): School {
    const home = village.township;
    const county = away && this.countyList.length > 1 ? this.otherCounty(rng, home.county) : home.county;
    const cs = this.byCounty.get(county.code6)!;
    if (stage === '高中') return rng.chance(0.05) ? rng.pick(this.citySenior) : rng.pick(cs.senior);
    if (stage === '中职') return rng.chance(0.2) ? rng.pick(this.cityVocational) : rng.pick(cs.vocational);
    const seat = urban || away || (home.seat && village.community);
    const ts = this.byTownship.get(home.code)!;
    if (stage === '学前') {
      if (seat) return rng.pick(cs.kg);
      const own = ts.villageKg.get(village.code);
      return own && rng.chance(0.6) ? own : rng.pick(ts.kg);
    }
    if (stage === '小学') {
      if (seat) return rng.pick(cs.primary);
      const point = ts.teachingPoint.get(village.code);
      if (point && grade <= 3 && rng.chance(0.7)) return point;
      const own = ts.villagePrimary.get(village.code);
      if (own && rng.chance(0.75)) return own;
      return rng.pick(ts.primary);
    }
    if (seat || ts.junior.length === 0) return rng.pick(cs.junior);
    return rng.pick(ts.junior);
  }

  private otherCounty(rng: Rng, not: County): County {
    let c = rng.pick(this.countyList);
    while (c === not) c = rng.pick(this.countyList);
    return c;
  }

  private buildCounty(county: County): void {
    let seq = 1;
    const code = () => `21${county.code6.slice(2)}${String(seq++).padStart(4, '0')}`;
    const seatTownship = county.townships[0];
    const seatUR = county.code6 === '513401' ? '主城区' : '城乡结合区';
    const cs: CountySchools = { kg: [], primary: [], junior: [], senior: [], vocational: [] };
    const add = (name: string, type: SchoolType, list: School[][], sponsor: School['sponsor'] = '教育部门') => {
      const s = this.make(code(), `${county.name}${name}`, seatTownship.code, type, seatUR, county, sponsor);
      for (const l of list) l.push(s);
    };
    const kgCount = this.rng.int(2, 3);
    for (let i = 1; i <= kgCount; i++) add(i === 1 ? '幼儿园' : `第${cn(i)}幼儿园`, '幼儿园', [cs.kg]);
    add('实验小学', '小学', [cs.primary]);
    const primaries = this.rng.int(2, 4);
    for (let i = 1; i <= primaries; i++) add(`第${cn(i)}小学`, '小学', [cs.primary]);
    add('第一初级中学', '初级中学', [cs.junior]);
    add('第二初级中学', '初级中学', [cs.junior]);
    add('中学', '完全中学', [cs.junior, cs.senior]);
    add('民族中学', '高级中学', [cs.senior]);
    add('职业技术学校', '中等职业学校', [cs.vocational]);
    add('博文学校', '九年一贯制学校', [cs.primary, cs.junior], '民办');
    add('童心幼儿园', '幼儿园', [cs.kg], '民办');
    this.byCounty.set(county.code6, cs);
    for (const t of county.townships) this.byTownship.set(t.code, this.buildTownship(t, code));
    const seatSchools = this.byTownship.get(seatTownship.code)!;
    cs.kg.push(...seatSchools.kg);
    cs.primary.push(...seatSchools.primary);
  }

  private buildTownship(t: Township, code: () => string): TownshipSchools {
    const { rng } = this;
    const county = t.county;
    const prefix = `${county.name}${t.name}`;
    const ur = t.seat ? '镇中心区' : t.rural ? '乡中心区' : '镇中心区';
    const ts: TownshipSchools = { kg: [], villageKg: new Map(), primary: [], villagePrimary: new Map(), teachingPoint: new Map(), junior: [] };
    ts.kg.push(this.make(code(), `${prefix}中心幼儿园`, t.code, '幼儿园', ur, county));
    const juniorKind = t.seat ? 'none' : rng.weighted<string>([['junior', 60], ['nine', 25], ['none', 15]]);
    if (juniorKind === 'nine') {
      const s = this.make(code(), `${prefix}九年一贯制学校`, t.code, '九年一贯制学校', ur, county);
      ts.primary.push(s);
      ts.junior.push(s);
    } else {
      ts.primary.push(this.make(code(), `${prefix}中心校`, t.code, '小学', ur, county));
      if (juniorKind === 'junior') ts.junior.push(this.make(code(), `${prefix}中学`, t.code, '初级中学', ur, county));
    }
    for (const v of t.villages) {
      if (v.community) continue;
      const vName = `${prefix}${v.name}`;
      if (rng.chance(0.3)) ts.villageKg.set(v.code, this.make(code(), `${vName}幼教点`, v.code, '幼儿园', '村庄', county));
      const r = rng.next();
      if (r < 0.25) ts.villagePrimary.set(v.code, this.make(code(), `${vName}小学`, v.code, '小学', '村庄', county));
      else if (r < 0.45) ts.teachingPoint.set(v.code, this.make(code(), `${vName}教学点`, v.code, '教学点', '村庄', county));
    }
    return ts;
  }

  private make(
    code: string, name: string, regionCode: string, type: SchoolType, urbanRural: string, county: County,
    sponsor: School['sponsor'] = '教育部门',
  ): School {
    const juniorGradeStyle = type === '九年一贯制学校' || this.rng.chance(0.2) ? 'nianji' : 'chu';
    const s: School = { code, name, regionCode, type, urbanRural, sponsor, countyCode6: county.code6, juniorGradeStyle };
    this.schools.push(s);
    return s;
  }
}

function cn(n: number): string {
  return ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'][n] ?? String(n);
}

const GRADES: Record<Stage, readonly string[]> = {
  学前: ['小班', '中班', '大班'],
  小学: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'],
  初中: ['初一', '初二', '初三'],
  高中: ['高一', '高二', '高三'],
  中职: ['一年级', '二年级', '三年级'],
};

/** The 年级 label for a stage and 1-based grade, in the school's own style (初一 or 七年级). */
export function gradeLabel(school: School, stage: Stage, grade: number): string {
  if (stage === '初中' && school.juniorGradeStyle === 'nianji') return ['七年级', '八年级', '九年级'][grade - 1];
  return GRADES[stage][grade - 1];
}

/** Stage and grade for an age on 1 September (counting a late start), or null outside 3–17. */
export function stageForAge(schoolAge: number, rng: Rng): { stage: Stage; grade: number } | null {
  if (schoolAge < 3 || schoolAge > 17) return null;
  if (schoolAge <= 5) return { stage: '学前', grade: schoolAge - 2 };
  if (schoolAge <= 11) return { stage: '小学', grade: schoolAge - 5 };
  if (schoolAge <= 14) return { stage: '初中', grade: schoolAge - 11 };
  return { stage: rng.chance(0.6) ? '高中' : '中职', grade: schoolAge - 14 };
}
