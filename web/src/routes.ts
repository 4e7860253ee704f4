/**
 * The app's addresses, under the base the gateway serves it at. Real paths (not #fragments), so
 * every screen can be bookmarked and opened directly: the gateway answers index.html for them.
 */
import { useEffect, useState } from 'react';

export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export type Route =
  | { readonly screen: 'programs'; readonly search: URLSearchParams }
  | { readonly screen: 'program'; readonly id: string }
  | { readonly screen: 'fair'; readonly id: string }
  | { readonly screen: 'people'; readonly search: URLSearchParams }
  | { readonly screen: 'person'; readonly id: string }
  | { readonly screen: 'import' }
  | { readonly screen: 'register' }
  | { readonly screen: 'follow-up'; readonly search: URLSearchParams }
  | { readonly screen: 'not-found' };

export const paths = {
  programs: (search?: URLSearchParams) => `${BASE}/${search && search.size > 0 ? `?${search}` : ''}`,
  program: (id: string) => `${BASE}/programs/${encodeURIComponent(id)}`,
  fair: (id: string) => `${BASE}/fairs/${encodeURIComponent(id)}`,
  people: (search?: URLSearchParams) => `${BASE}/people${search && search.size > 0 ? `?${search}` : ''}`,
  person: (id: string) => `${BASE}/people/${encodeURIComponent(id)}`,
  import: () => `${BASE}/import`,
  register: () => `${BASE}/register`,
  followUp: (search?: URLSearchParams) => `${BASE}/follow-up${search && search.size > 0 ? `?${search}` : ''}`,
};

export function routeOf(location: Pick<Location, 'pathname' | 'search'>): Route {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  const search = new URLSearchParams(location.search);
  const [first, second, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (rest.length > 0) return { screen: 'not-found' };
  if (!first) return { screen: 'programs', search };
  if (first === 'programs' && second) return { screen: 'program', id: second };
  if (first === 'fairs' && second) return { screen: 'fair', id: second };
  if (first === 'import' && !second) return { screen: 'import' };
  if (first === 'register' && !second) return { screen: 'register' };
  if (first === 'follow-up' && !second) return { screen: 'follow-up', search };
  if (first === 'people' && !second) return { screen: 'people', search };
  if (first === 'people' && second) return { screen: 'person', id: second };
  return { screen: 'not-found' };
}

const NAVIGATED = 'app:navigated';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current route, following links, the back button and `navigate`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location));
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}
