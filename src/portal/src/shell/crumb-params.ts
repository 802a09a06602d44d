/** Breadcrumbs that name a parameter of the route (`:workspace`) in their label or route, filled in. */
export function fillCrumbs<T extends { label: string; route: string }>(crumbs: T[], params: Record<string, string>): T[] {
  const fill = (text: string) => text.replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole);
  return crumbs.map((c) => ({ ...c, label: fill(c.label), route: c.route.split('/').map((s) => s.startsWith(':') && params[s.slice(1)] ? encodeURIComponent(params[s.slice(1)]!) : s).join('/') }));
}
