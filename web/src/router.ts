// A tiny history router: four pages do not need a routing library. The server answers every
// non-API path with index.html, so a reload keeps the page.
import { useEffect, useState } from 'react';

export const ROUTES = ['/', '/tasks', '/students', '/matches', '/imports', '/aid/signoff', '/aid/policy', '/aid/entitlements', '/aid/recognitions', '/aid/batches', '/aid/coverage', '/aid/ledger', '/dropout', '/care', '/care/pairings', '/audit', '/users', '/profile', '/projects', '/supervision', '/teachers', '/indicators', '/schools/activities'] as const;
export type RoutePath = (typeof ROUTES)[number];

function current(): RoutePath {
  const p = window.location.pathname.replace(/\/+$/, '') || '/';
  return (ROUTES as readonly string[]).includes(p) ? (p as RoutePath) : '/';
}

export function navigate(path: RoutePath, query = ''): void {
  if (window.location.pathname !== path || window.location.search !== query) window.history.pushState(null, '', `${path}${query}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}

/** A page's own state kept in the URL query (filters, page), so that a reload or a link keeps it. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

export function setQueryParams(values: Record<string, string | number | null | undefined>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, String(v));
  }
  const s = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${s ? `?${s}` : ''}`);
}
