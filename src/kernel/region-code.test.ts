import { describe, it, expect } from 'vitest';
import { countyOf, normalizeRegionCode, parentCodes, regionLevel, sharedLevel, townshipOf } from './region-code.ts';

// 51 四川省, 5134 凉山州, 513435 甘洛县; township and village codes in the statistics-bureau form.
describe('normalizeRegionCode', () => {
  it.each([
    ['513435', '513435000000'],
    ['51', '510000000000'],
    ['5134', '513400000000'],
    ['513435100', '513435100000'],
    ['513435100201', '513435100201'],
    [513435, '513435000000'],
    [513435100201, '513435100201'],
    ["'513435", '513435000000'],
    [' 5134 35 ', '513435000000'],
    ['５１３４３５', '513435000000'],
    ['513435.0', '513435000000'],
    ['="513435"', '513435000000'],
    ['51343', null],
    ['5134351', null],
    ['5134351002011', null],
    ['51343A', null],
    ['513435.5', null],
    ['000000', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });
});

describe('levels', () => {
  it.each([
    ['510000000000', 1, '510000', '510000000'],
    ['513400000000', 2, '513400', '513400000'],
    ['513435000000', 3, '513435', '513435000'],
    ['513435100000', 4, '513435', '513435100'],
    ['513435100201', 5, '513435', '513435100'],
  ] as const)('%s is level %i', (code, level, county, township) => {
    expect(regionLevel(code)).toBe(level);
    expect(countyOf(code)).toBe(county);
    expect(townshipOf(code)).toBe(township);
  });
});

describe('sharedLevel', () => {
  it.each([
    ['513435100201', '513435100201', 5], // same village
    ['513435100201', '513435100202', 4], // neighbouring village, same township
    ['513435100201', '513435101201', 3], // same county
    ['513435100201', '513433100201', 2], // 甘洛 vs 冕宁, both 凉山
    ['513435100201', '511102000000', 1], // other city in 四川
    ['513435100201', '420116000000', 0], // 黄陂 in 湖北
    ['513435000000', '513435100201', 3], // a county and a village in it
    ['513435000000', '513435000000', 3], // two equal county codes agree to county level only
    [null, '513435000000', 0],
    ['513435000000', null, 0],
  ] as const)('%s ~ %s → %i', (a, b, level) => {
    expect(sharedLevel(a, b)).toBe(level);
    expect(sharedLevel(b, a)).toBe(level);
  });
});

describe('parentCodes', () => {
  it.each([
    ['513435100201', ['510000000000', '513400000000', '513435000000', '513435100000']],
    ['513435000000', ['510000000000', '513400000000']],
    ['510000000000', []],
  ])('%s', (code, parents) => {
    expect(parentCodes(code)).toEqual(parents);
  });
});
