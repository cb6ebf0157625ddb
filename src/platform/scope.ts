// Who is acting and which data they may see (data scope). Repositories apply the scope through
// these helpers, so that no query can forget it; routes never re-check it ad hoc.
import os from 'node:os';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';

export const ROLES = ['admin', 'county', 'school', 'township', 'teacher', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  username: string;
  role: Role;
  regionCode: string | null; // 12 digits
  schoolCode: string | null;
}

export type DataScope =
  | { kind: 'all' }
  | { kind: 'region'; prefix: string } // significant digits of a 12-digit region code
  | { kind: 'school'; schoolCode: string }
  | { kind: 'none' };

/** The command line runs as the operating-system user with the administrator's scope. */
export function cliActor(): Actor {
  // a command the server started as a job acts for the user who started it (audit names them)
  const jobActor = process.env.FUZHI_JOB_ACTOR;
  if (process.env.FUZHI_JOB_ID && jobActor) return { username: jobActor, role: 'admin', regionCode: null, schoolCode: null };
  let name = 'cli';
  try {
    name = `cli:${os.userInfo().username}`;
  } catch {
    /* no passwd entry in some containers */
  }
  return { username: name, role: 'admin', regionCode: null, schoolCode: null };
}

/** Strips the trailing zero groups of a 12-digit code: 513433000000 → 513433. */
export function regionPrefix(code12: string): string {
  for (const len of [2, 4, 6, 9]) {
    if (/^0+$/.test(code12.slice(len))) return code12.slice(0, len);
  }
  return code12;
}

export function scopeOf(actor: Actor): DataScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'school':
    case 'teacher':
      return actor.schoolCode ? { kind: 'school', schoolCode: actor.schoolCode } : { kind: 'none' };
    case 'county':
    case 'township':
    case 'inspector':
      return actor.regionCode ? { kind: 'region', prefix: regionPrefix(actor.regionCode) } : { kind: 'none' };
  }
}

/**
 * Whether a place (a region code of 12 digits, or the significant digits of one) lies in the scope:
 * everywhere for an administrator, inside the prefix for a region user, nowhere for a school (a
 * school's scope is its school, not a region) nor for no scope.
 */
export function regionInScope(scope: DataScope, regionCode: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'region' && regionCode.startsWith(scope.prefix));
}

/**
 * Whether a place at school level (a school, a teacher's school, a school's figures) is in the
 * scope: a school user sees their own school, a region user every place whose region code starts
 * with their prefix. The one rule behind schoolInScope and the indicators' unitInScope.
 */
export function placeInScope(scope: DataScope, school: string | null, regionCode: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'school':
      return school !== null && school === scope.schoolCode;
    case 'region':
      return regionCode.startsWith(scope.prefix);
  }
}

/**
 * A school in the scope: a county user (a prefix of six digits or fewer) by the school's county,
 * a township user by the school's region code.
 */
export function schoolInScope(scope: DataScope, s: { code: string; county_code: string; region_code?: string }): boolean {
  const region = scope.kind === 'region' && scope.prefix.length <= 6 ? s.county_code : (s.region_code ?? '');
  return placeInScope(scope, s.code, region);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- these clauses serve queries with any set of table aliases */

/**
 * The codes that start with a prefix of digits, as a range an index answers on both dialects (LIKE
 * 'p%' is a scan on SQLite and on a PostgreSQL column without text_pattern_ops): p ≤ code < p+1,
 * where p+1 increments the prefix as a number (513439 → 513440); digits sort alike in every collation.
 */
export function codeRange(eb: ExpressionBuilder<any, any>, ref: Expression<any>, prefix: string): Expression<SqlBool> {
  const digits = prefix.split('');
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') digits[i--] = '0';
  if (i < 0) return eb(ref, '>=', prefix);
  digits[i] = String(Number(digits[i]) + 1);
  const upper = digits.slice(0, i + 1).join('');
  return eb.and([eb(ref, '>=', prefix), eb(ref, '<', upper)]);
}

/** A where-clause for rows of `students` (alias may be given) visible in the scope. */
export function studentScope(scope: DataScope, alias = 'students') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const col = (c: string) => eb.ref(`${alias}.${c}` as any);
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'school':
        return eb(col('school_code'), '=', scope.schoolCode);
      case 'region':
        // a county is its code (the index on county_code answers it); a province or city a range of codes
        if (scope.prefix.length === 6) return eb(col('county_code'), '=', scope.prefix);
        return scope.prefix.length < 6
          ? codeRange(eb, col('county_code'), scope.prefix)
          : eb(col('school_code'), 'in', eb.selectFrom('schools').select('code').where((e) => codeRange(e, e.ref('region_code'), scope.prefix)));
    }
  };
}

/** A where-clause for rows of `members` visible in the scope (schools see none of the registry). */
export function memberScope(scope: DataScope, alias = 'members') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'region':
        return codeRange(eb, eb.ref(`${alias}.village_code` as any), scope.prefix);
      default:
        return eb.lit(false);
    }
  };
}

/**
 * A where-clause for rows of `matches` joined with `students` and `members`: a region user
 * sees a pair when either side lies in the region; a school user the pairs of its students.
 */
export function matchScope(scope: DataScope, studentAlias = 'students', memberAlias = 'members') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (scope.kind === 'region') {
      return eb.or([memberScope(scope, memberAlias)(eb), studentScope(scope, studentAlias)(eb)]);
    }
    return studentScope(scope, studentAlias)(eb);
  };
}
