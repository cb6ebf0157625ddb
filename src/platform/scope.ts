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

/* eslint-disable @typescript-eslint/no-explicit-any -- these clauses serve queries with any set of table aliases */

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
        return scope.prefix.length <= 6
          ? eb(col('county_code'), 'like', `${scope.prefix}%`)
          : eb(col('school_code'), 'in', eb.selectFrom('schools').select('code').where('region_code', 'like', `${scope.prefix}%`));
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
        return eb(eb.ref(`${alias}.village_code` as any), 'like', `${scope.prefix}%`);
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
