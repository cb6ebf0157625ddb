// Paging, sorting and filtering of a list computed in memory (a county's schools with their figures,
// a user's tasks, a policy's items): the same { items, total } answer and whitelisted sort keys as a
// list read page by page from SQL (docs/decisions/0008), so DataTable and answerList treat it alike.
import { sortOf } from './list-sort.ts';

export type Compare<T> = (a: T, b: T) => number;

/** Ascending comparison of a text or number (null last; texts by code point). */
export function by<T>(value: (row: T) => string | number | null | undefined): Compare<T> {
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  };
}

/**
 * The page of rows after sorting by the asked key (`name` / `-name`, else `fallback`); `tie` breaks
 * ties, then the given order (a stable sort: pages never overlap). Rows keep their given order when
 * no sort applies.
 */
export function pageRows<T, K extends string>(
  rows: readonly T[],
  q: { page: number; pageSize: number; sort?: K | `-${K}` },
  compares: Record<K, Compare<T>>,
  opts: { fallback?: K; desc?: boolean; tie?: Compare<T> } = {},
): { items: T[]; total: number } {
  let sorted = [...rows];
  if (q.sort || opts.fallback) {
    const { key, desc } = sortOf(q.sort, (opts.fallback ?? '') as K, opts.desc ?? false);
    const cmp = compares[key];
    const tie = opts.tie ?? (() => 0);
    if (cmp) sorted = sorted.map((row, i) => ({ row, i })).sort((a, b) => (desc ? -cmp(a.row, b.row) : cmp(a.row, b.row)) || tie(a.row, b.row) || a.i - b.i).map((x) => x.row);
  }
  return { items: sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: sorted.length };
}
