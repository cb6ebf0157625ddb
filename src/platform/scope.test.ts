// The pure scope helpers the repositories and rules share.
import { describe, expect, it } from 'vitest';
import { placeInScope, regionInScope, regionPrefix, schoolInScope, scopeOf } from './scope.ts';

describe('regionInScope', () => {
  const county = scopeOf({ username: 'c', role: 'county', regionCode: '513433000000', schoolCode: null });
  const township = scopeOf({ username: 't', role: 'township', regionCode: '513433100000', schoolCode: null });
  const school = scopeOf({ username: 's', role: 'school', regionCode: null, schoolCode: '5134330001' });
  const admin = scopeOf({ username: 'a', role: 'admin', regionCode: null, schoolCode: null });

  it.each([
    ['county', county, '513433101201', true],
    ['county', county, '520102000000', false],
    ['township', township, '513433100201', true],
    ['township', township, '513433101201', false],
    ['township', township, '', false],
    ['admin', admin, '520102000000', true],
    ['school', school, '513433100201', false],
  ] as const)('%s scope and region %s → %s', (_, scope, region, inside) => {
    expect(regionInScope(scope, region)).toBe(inside);
  });

  it('a user without region or school sees no region', () => {
    expect(regionInScope(scopeOf({ username: 'x', role: 'county', regionCode: null, schoolCode: null }), '513433100201')).toBe(false);
    expect(regionPrefix('513433100000')).toBe('513433100');
  });
});

describe('schoolInScope and placeInScope: one rule for school-level places', () => {
  const school = { code: '2151343301', county_code: '513433', region_code: '513433101' };
  it('a county user sees the schools of their county, not of the next one', () => {
    expect(schoolInScope({ kind: 'region', prefix: '513433' }, school)).toBe(true);
    expect(schoolInScope({ kind: 'region', prefix: '513434' }, school)).toBe(false);
  });
  it('a township user sees the schools of the township; a school without a region code is not theirs', () => {
    expect(schoolInScope({ kind: 'region', prefix: '513433101' }, school)).toBe(true);
    expect(schoolInScope({ kind: 'region', prefix: '513433102' }, school)).toBe(false);
    expect(schoolInScope({ kind: 'region', prefix: '513433101' }, { code: school.code, county_code: '513433' })).toBe(false);
  });
  it('a school user sees their own school only; nobody sees anything with no scope', () => {
    expect(schoolInScope({ kind: 'school', schoolCode: '2151343301' }, school)).toBe(true);
    expect(schoolInScope({ kind: 'school', schoolCode: '2151343302' }, school)).toBe(false);
    expect(placeInScope({ kind: 'school', schoolCode: '2151343301' }, null, '513433101')).toBe(false);
    expect(placeInScope({ kind: 'none' }, '2151343301', '513433101')).toBe(false);
    expect(placeInScope({ kind: 'all' }, null, '')).toBe(true);
  });
});
