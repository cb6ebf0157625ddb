// SQL fragments shared by the platform's read repositories: text search and the effective
// status of a match pair (a human decision overrides the computed status).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** `ref LIKE pattern ESCAPE '\'` with the user's text escaped, on SQLite and PostgreSQL alike. */
export function like(ref: string, text: string, mode: 'contains' | 'prefix'): RawBuilder<SqlBool> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = mode === 'contains' ? `%${escaped}%` : `${escaped}%`;
  return sql<SqlBool>`${sql.ref(ref)} like ${pattern} escape '\\'`;
}

/** coalesce(decision, computed status) for `matches` aliased m joined to `match_decisions` aliased d. */
export function effectiveStatus(m = 'm', d = 'd'): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(`${d}.decision`)}, ${sql.ref(`${m}.status`)})`;
}

/** 3 confirmed, 2 auto, 1 review, 0 rejected — matches STUDENT_MATCH_RANK. */
export function statusRank(status: Expression<string>): RawBuilder<number> {
  return sql<number>`case ${status} when 'confirmed' then 3 when 'auto' then 2 when 'review' then 1 else 0 end`;
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
