// Coverage drill-down, pure: where a node lies (county 6 digits, township 9, a school its 12-digit
// region), whether a scope reaches it, and the figures of the level below.
import { regionInScope, type DataScope } from '../platform/scope.ts';
import type { DrillFigures, DrillLevel, DrillRow } from './coverage-drill.schema.ts';

export interface DrillFact {
  schoolCode: string;
  schoolName: string;
  regionCode: string; // the school's 12-digit region
  countyCode: string;
  payStatus: string | null; // null: in no live batch
}

export const townshipOf = (regionCode: string) => regionCode.slice(0, 9);

export function figures(facts: { payStatus: string | null }[]): DrillFigures {
  const entitled = facts.length;
  const batched = facts.filter((f) => f.payStatus !== null).length;
  const paid = facts.filter((f) => f.payStatus === '已发放').length;
  return { entitled, batched, paid, rate: entitled === 0 ? null : paid / entitled };
}

/** Whether the scope reaches a node; `region` is the node's region (a school's is its 12 digits). */
export function reaches(scope: DataScope, level: DrillLevel, code: string, region: string): boolean {
  if (scope.kind === 'school') return level === 'school' && code === scope.schoolCode;
  return regionInScope(scope, region);
}

/** The level a user starts at: a school user at the school, a township at the township, a county at the county. */
export function startOf(scope: DataScope): { level: DrillLevel; code: string } | null {
  if (scope.kind === 'school') return { level: 'school', code: scope.schoolCode };
  if (scope.kind === 'region' && scope.prefix.length >= 9) return { level: 'township', code: scope.prefix.slice(0, 9) };
  if (scope.kind === 'region' && scope.prefix.length === 6) return { level: 'county', code: scope.prefix };
  return null;
}

/** The rows of the level below a county (its townships) or a township (its schools), lowest rate first. */
export function childRows(level: 'county' | 'township', facts: DrillFact[]): DrillRow[] {
  const groups = new Map<string, { name: string; facts: DrillFact[] }>();
  for (const f of facts) {
    const key = level === 'county' ? townshipOf(f.regionCode) : f.schoolCode;
    const name = level === 'county' ? key : f.schoolName; // a township's name: the route looks it up
    const g = groups.get(key) ?? { name, facts: [] };
    g.facts.push(f);
    groups.set(key, g);
  }
  const childLevel: DrillLevel = level === 'county' ? 'township' : 'school';
  return [...groups.entries()]
    .map(([code, g]) => ({ level: childLevel, code, name: g.name, ...figures(g.facts) }))
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
