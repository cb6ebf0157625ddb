// The pure scope helpers the repositories and rules share.
import { describe, expect, it } from 'vitest';
import { regionInScope, regionPrefix, scopeOf } from './scope.ts';

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
