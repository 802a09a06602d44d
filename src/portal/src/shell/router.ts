/**
 * A small history router for the portal: paths are relative to /portal/ (so `/apps/x/overview` is
 * /portal/apps/x/overview in the address bar); the server answers index.html for every one of them.
 */
import { useSyncExternalStore } from 'react';

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The portal path now shown, e.g. `/entra/app-registrations`. */
export function currentRoute(): string {
  const path = window.location.pathname;
  const inside = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  return inside === '' ? '/' : inside;
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}

/** The address-bar URL of a portal path (for real links, so open-in-new-tab works). */
export function href(route: string): string {
  return `${BASE}${route}`;
}

export function navigate(route: string, options: { replace?: boolean } = {}): void {
  const url = route.startsWith(BASE + '/') ? route : href(route);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

/** Match `/apps/:id/:section` against a path; the parameters, or undefined. */
export function match(pattern: string, route: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const r = route.split('?')[0]!.split('/').filter(Boolean);
  if (p.length !== r.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(r[i]!);
    else if (p[i] !== r[i]) return undefined;
  }
  return params;
}
