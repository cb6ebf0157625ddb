// usePagedList: the one paging hook of every table in the console (issue 9 item 6). Page, page
// size, search text, sort and filters live in the URL query, so a reload or a shared link opens
// the same view; the server pages, sorts and filters (the browser never holds more than a page).
//
//   const list = usePagedList<StudentItem>('students', (q) => api.students(q), {
//     filters: ['schoolCode', 'status'],      // names read from / written to the URL
//     defaults: { status: '在读' },           // a filter's value when the URL has none
//     pageSize: 20,                            // default page size (≤ 100, the server's limit)
//   });
//   list.items, list.total, list.loading, list.error, list.reload(), list.data (the whole answer:
//   usePagedList<MatchItem, MatchList>(...) when the answer carries more, e.g. counts)
//   list.page, list.pageSize, list.q, list.sort ('name' ascending, '-name' descending), list.filters
//   list.setPage(p, size?), list.setQ(text), list.setSort(sort), list.setFilter(name, value),
//   list.setFilters({...}) — every setter except setPage goes back to page 1.
//   opts.params: values the page keeps elsewhere (e.g. the year above two tables), in every load and export.
//   list.query: the query the list was loaded with (page, pageSize, q, sort, filters, params), which
//   DataTable sends again with format=xlsx to export exactly what the table shows.
//
// URL names: page, pageSize, q, sort and each filter's name; with opts.prefix 'x' they become
// x.page, x.q, ... so two lists on one page do not collide. Values equal to a default are left
// out of the URL. Back/forward (popstate) re-reads the URL.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { setQueryParams } from './router.ts';
import { useLoader } from './hooks.ts';

export const MAX_PAGE_SIZE = 100;

/** The query a list endpoint receives: page, pageSize, q, sort and the list's own filters. */
export type ListQueryParams = Record<string, string | number | undefined> & { page: number; pageSize: number; q?: string; sort?: string };

export interface PagedListOptions {
  /** filter names kept in the URL (besides page, pageSize, q and sort). */
  filters?: readonly string[];
  /** default values of filters (and of 'q' or 'sort'), used when the URL has none. */
  defaults?: Readonly<Record<string, string | undefined>>;
  pageSize?: number;
  /** prefix of the URL names, for a second list on the same page. */
  prefix?: string;
  /** further values the loader depends on that are not in the URL (e.g. a term chosen above). */
  deps?: readonly unknown[];
  /** values the page keeps (e.g. the school year above the table) sent with every load and export. */
  params?: Readonly<Record<string, string | number | undefined>>;
  /** asks again every second, without a spinner, while this says so (e.g. a job still running). */
  pollWhile?: (data: { items: unknown[] }) => boolean;
}

export interface ListState {
  page: number;
  pageSize: number;
  q: string;
  sort: string | undefined;
  filters: Record<string, string | undefined>;
}

export interface PagedList<T, R extends { items: T[]; total: number } = { items: T[]; total: number }> extends ListState {
  key: string;
  /** the whole answer of the last load (e.g. counts beside the items); null before the first */
  data: R | null;
  items: T[];
  total: number;
  loading: boolean;
  error: string | null;
  reload: () => void;
  query: ListQueryParams;
  setPage: (page: number, pageSize?: number) => void;
  setQ: (q: string) => void;
  setSort: (sort: string | undefined) => void;
  setFilter: (name: string, value: string | number | null | undefined) => void;
  setFilters: (values: Record<string, string | number | null | undefined>) => void;
}

function positiveInt(s: string | null, fallback: number, max = 1_000_000): number {
  const n = s === null ? NaN : Number(s);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function readState(opts: PagedListOptions): ListState {
  const params = new URLSearchParams(window.location.search);
  const p = (name: string) => params.get(`${opts.prefix ? `${opts.prefix}.` : ''}${name}`);
  const d = opts.defaults ?? {};
  const filters: Record<string, string | undefined> = {};
  for (const f of opts.filters ?? []) filters[f] = p(f) ?? d[f];
  return {
    page: positiveInt(p('page'), 1),
    pageSize: positiveInt(p('pageSize'), opts.pageSize ?? 20, MAX_PAGE_SIZE),
    q: p('q') ?? d.q ?? '',
    sort: p('sort') ?? d.sort ?? undefined,
    filters,
  };
}

function writeState(s: ListState, opts: PagedListOptions): void {
  const d = opts.defaults ?? {};
  const name = (n: string) => `${opts.prefix ? `${opts.prefix}.` : ''}${n}`;
  const values: Record<string, string | number | null> = {
    [name('page')]: s.page === 1 ? null : s.page,
    [name('pageSize')]: s.pageSize === (opts.pageSize ?? 20) ? null : s.pageSize,
    [name('q')]: s.q === (d.q ?? '') ? null : s.q,
    [name('sort')]: s.sort === d.sort ? null : (s.sort ?? ''),
  };
  // a filter cleared on purpose while it has a default is written as empty ('-') so a reload keeps it cleared
  for (const f of opts.filters ?? []) values[name(f)] = s.filters[f] === d[f] ? null : (s.filters[f] ?? (d[f] === undefined ? null : '-'));
  setQueryParams(values);
}

function cleanFilters(filters: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(filters)) out[k] = v === '-' || v === '' ? undefined : v;
  return out;
}

export function usePagedList<T, R extends { items: T[]; total: number } = { items: T[]; total: number }>(
  key: string,
  load: (query: ListQueryParams) => Promise<R>,
  opts: PagedListOptions = {},
): PagedList<T, R> {
  const [state, setState] = useState<ListState>(() => readState(opts));
  useEffect(() => {
    const on = () => setState(readState(opts));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
    // options are fixed for the life of a page
  }, []);

  const filters = useMemo(() => cleanFilters(state.filters), [state.filters]);
  const params = JSON.stringify(opts.params ?? {});
  const query = useMemo<ListQueryParams>(
    () => ({ ...(JSON.parse(params) as Record<string, string | number | undefined>), ...filters, page: state.page, pageSize: state.pageSize, q: state.q || undefined, sort: state.sort }),
    [params, filters, state.page, state.pageSize, state.q, state.sort],
  );
  const { data, loading, error, reload } = useLoader(() => load(query), [query, ...(opts.deps ?? [])]);
  const [polling, setPolling] = useState(false);
  const poll = data !== null && !error && (opts.pollWhile?.(data) ?? false);
  useEffect(() => {
    if (!poll) {
      setPolling(false);
      return;
    }
    if (loading) return;
    const timer = setTimeout(() => {
      setPolling(true);
      reload();
    }, 1000);
    return () => clearTimeout(timer);
  }, [poll, loading, data]);

  const update = useCallback((change: (s: ListState) => ListState) => {
    setPolling(false);
    setState((s) => {
      const next = change(s);
      writeState(next, opts);
      return next;
    });
  }, []);

  return {
    key,
    data,
    ...state,
    filters,
    items: data?.items ?? [],
    total: data?.total ?? 0,
    loading: loading && !polling,
    error,
    reload,
    query,
    setPage: useCallback((page: number, pageSize?: number) => update((s) => ({ ...s, page: pageSize && pageSize !== s.pageSize ? 1 : page, pageSize: pageSize ?? s.pageSize })), [update]),
    setQ: useCallback((q: string) => update((s) => ({ ...s, q: q.trim(), page: 1 })), [update]),
    setSort: useCallback((sort: string | undefined) => update((s) => ({ ...s, sort, page: 1 })), [update]),
    setFilter: useCallback(
      (name: string, value: string | number | null | undefined) =>
        update((s) => ({ ...s, page: 1, filters: { ...s.filters, [name]: value === null || value === undefined || value === '' ? undefined : String(value) } })),
      [update],
    ),
    setFilters: useCallback(
      (values: Record<string, string | number | null | undefined>) =>
        update((s) => {
          const f = { ...s.filters };
          for (const [k, v] of Object.entries(values)) f[k] = v === null || v === undefined || v === '' ? undefined : String(v);
          return { ...s, page: 1, filters: f };
        }),
      [update],
    ),
  };
}
