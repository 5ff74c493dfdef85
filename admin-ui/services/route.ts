// The console's pages and the address (#/<page>[/<id>][?query]) that names each. Pure.
export const PAGES = ['panel', 'feed', 'conflicts', 'tills', 'audit', 'settings', 'accounts', 'stats'] as const;
export type Page = typeof PAGES[number];
export type Route = { page: Page } | { page: 'conflict'; id: string };
/** Pages a store manager may open; the rest are the chain admin's (the API refuses managers there too). */
export const MANAGER_PAGES: ReadonlySet<Page> = new Set(['panel', 'feed', 'conflicts', 'tills']);

/** The page an address names. A `?key=value` part after it is the page's own (filters, links from alerts). */
export function routeOf(hash: string): Route {
  const [, page = '', ...rest] = hash.replace(/^#/, '').split('?')[0]!.split('/');
  if (page === 'conflicts' && rest.length > 0) return { page: 'conflict', id: decodeURIComponent(rest.join('/')) };
  return { page: PAGES.find((p) => p === page) ?? 'panel' };
}

/** The query after the page in an address: `#/conflicts?store=s1` → store=s1. Pages read their filters from it. */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}
