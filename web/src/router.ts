// A tiny history router: four pages do not need a routing library. The server answers every
// non-API path with index.html, so a reload keeps the page.
import { useEffect, useState } from 'react';

export const ROUTES = ['/', '/students', '/matches', '/imports', '/aid/batches', '/aid/coverage', '/audit', '/users', '/profile'] as const;
export type RoutePath = (typeof ROUTES)[number];

function current(): RoutePath {
  const p = window.location.pathname.replace(/\/+$/, '') || '/';
  return (ROUTES as readonly string[]).includes(p) ? (p as RoutePath) : '/';
}

export function navigate(path: RoutePath): void {
  if (window.location.pathname !== path) window.history.pushState(null, '', path);
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
