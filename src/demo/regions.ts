// The synthetic city's region tree (省 → 州 → 县 → 乡镇 → 村/社区) with 12-digit GB/T 2260-style
// codes and Han or Yi names; every household and school of the demo hangs off a village or township.
import type { Rng } from './random.ts';
import { CITY, COUNTIES, HAN_PLACE, PROVINCE, YI_SYLLABLES } from './places.data.ts';
import type { CountySeed } from './places.data.ts';
import type { RegionInfo } from './generate.ts';

export interface Village {
  code: string;
  name: string;
  township: Township;
  yi: boolean; // a Yi village: most households Yi
  community: boolean; // 社区 (town centre) rather than 村
  popWeight: number; // share of the city's children living here
  povertyWeight: number; // share of the registry's households living here
}

export interface Township {
  code: string; // 12 digits
  name: string;
  county: County;
  seat: boolean; // the county seat (县城所在地)
  rural: boolean; // 乡 rather than 镇/街道
  yiShare: number;
  villages: Village[];
}

export interface County {
  code6: string;
  code: string; // 12 digits
  name: string;
  seed: CountySeed;
  townships: Township[];
}

export interface CityModel {
  counties: County[];
  villages: Village[];
  regions: RegionInfo[];
}

/** ≈1 county per 12,000 households unless told; township count shrinks for small runs so villages are not empty. */
export function buildCity(rng: Rng, households: number, countyCount = Math.max(1, Math.round(households / 12000))): CityModel {
  const perCounty = households / countyCount;
  const regions: RegionInfo[] = [
    { code: PROVINCE.code, name: PROVINCE.name, level: 1, parentCode: null },
    { code: CITY.code, name: CITY.name, level: 2, parentCode: PROVINCE.code },
  ];
  const counties: County[] = [];
  const villages: Village[] = [];
  for (let i = 0; i < countyCount; i++) {
    const seed = i < COUNTIES.length ? COUNTIES[i] : inventedCounty(i);
    const county: County = { code6: seed.code, code: `${seed.code}000000`, name: seed.name, seed, townships: [] };
    regions.push({ code: county.code, name: county.name, level: 3, parentCode: CITY.code });
    const townshipCount = perCounty >= 4000 ? rng.int(12, 20) : Math.min(12, Math.max(3, Math.round(perCounty / 250)));
    buildTownships(rng, county, townshipCount);
    for (const t of county.townships) {
      regions.push({ code: t.code, name: t.name, level: 4, parentCode: county.code });
      for (const v of t.villages) {
        regions.push({ code: v.code, name: v.name, level: 5, parentCode: t.code });
        villages.push(v);
      }
    }
    counties.push(county);
  }
  return { counties, villages, regions };
}

/** Beyond the 17 real counties (only for runs above ~200,000 households). */
function inventedCounty(i: number): CountySeed {
  const code = String(513450 + i);
  return { code, name: `${HAN_PLACE[i % HAN_PLACE.length]}县`, yiShare: 0.4, tibetanShare: 0, townships: [] };
}

function buildTownships(rng: Rng, county: County, count: number): void {
  const used = new Set<string>();
  const next = { street: 1, town: 101, xiang: 201 };
  for (let i = 0; i < count; i++) {
    const seat = i === 0;
    let name = i < county.seed.townships.length ? county.seed.townships[i] : '';
    const yiShare = seat
      ? county.seed.yiShare * 0.5
      : Math.min(0.97, Math.max(0.03, county.seed.yiShare * (0.5 + rng.next())));
    if (!name) name = inventTownshipName(rng, used, rng.chance(yiShare));
    used.add(name);
    const kind = name.endsWith('街道') ? 'street' : name.endsWith('乡') ? 'xiang' : 'town';
    const code = `${county.code6}${String(next[kind]++).padStart(3, '0')}000`;
    const township: Township = { code, name, county, seat, rural: kind === 'xiang', yiShare, villages: [] };
    buildVillages(rng, township);
    county.townships.push(township);
  }
}

function inventTownshipName(rng: Rng, used: Set<string>, yi: boolean): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const stem = yi ? yiWord(rng, rng.chance(0.3) ? 3 : 2) : rng.pick(HAN_PLACE);
    const name = `${stem}${yi ? (rng.chance(0.7) ? '乡' : '镇') : rng.chance(0.6) ? '镇' : '乡'}`;
    if (!used.has(name)) return name;
  }
  return `${rng.pick(HAN_PLACE)}${used.size}乡`;
}

function buildVillages(rng: Rng, t: Township): void {
  const used = new Set<string>();
  const communities = t.seat ? rng.int(2, 4) : t.rural ? 0 : 1;
  const villageCount = rng.int(8, 15);
  const stem = t.name.replace(/(镇|乡|街道)$/u, '').slice(0, 2);
  const communityNames = t.seat ? ['城北', '城南', '城东', '城西', '新街'] : [stem];
  for (let i = 0; i < communities; i++) {
    const name = `${communityNames[i % communityNames.length]}社区`;
    used.add(name);
    t.villages.push({
      code: `${t.code.slice(0, 9)}${String(i + 1).padStart(3, '0')}`, name, township: t,
      yi: rng.chance(t.yiShare * 0.5), community: true,
      popWeight: t.seat ? 5 + rng.next() * 3 : 1.5, povertyWeight: 0.3,
    });
  }
  for (let i = 0; i < villageCount; i++) {
    const yi = rng.chance(t.yiShare);
    const name = inventVillageName(rng, used, yi);
    used.add(name);
    const size = 0.6 + rng.next() * 0.8;
    t.villages.push({
      code: `${t.code.slice(0, 9)}${String(201 + i)}`, name, township: t, yi, community: false,
      popWeight: size, povertyWeight: size * (yi ? 1.5 : 0.8),
    });
  }
}

function inventVillageName(rng: Rng, used: Set<string>, yi: boolean): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = `${yi ? yiWord(rng, rng.chance(0.25) ? 3 : 2) : rng.pick(HAN_PLACE)}村`;
    if (!used.has(name)) return name;
  }
  return `${rng.pick(HAN_PLACE)}${used.size}村`;
}

function yiWord(rng: Rng, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += rng.pick(YI_SYLLABLES);
  return s;
}
