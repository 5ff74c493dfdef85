// The `route` and `method` labels of central's HTTP metrics, pure. A label is a route pattern
// (`/api/conflicts/:id`), never the raw URL: ids, store names and document ids would make a new
// time series per value (https://prometheus.io/docs/practices/naming/#labels) and leak them.
// Express routes give their own pattern; the /db door (a proxy, no Express routes) is named by
// CouchDB's endpoint (`/db/:db/_changes`); anything else by its mount, or `unmatched`.

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'COPY']);

/** The request method, or OTHER for one a client made up. */
export const methodLabel = (method: string): string => (METHODS.has(method) ? method : 'OTHER');

/** CouchDB endpoints a till or an admin reaches through /db, kept by name; every other segment is a parameter. */
const DB_ENDPOINTS: ReadonlySet<string> = new Set([
  '_changes', '_bulk_docs', '_bulk_get', '_revs_diff', '_all_docs', '_local', '_design', '_find', '_index',
  '_explain', '_ensure_full_commit', '_security', '_purge', '_compact', '_view_cleanup', '_revs_limit',
]);
const SERVER_ENDPOINTS: ReadonlySet<string> = new Set(['_session', '_all_dbs', '_uuids', '_up', '_utils']);

/** `/db/store-s1/_changes` → `/db/:db/_changes`; `/db/catalog/product:X` → `/db/:db/:doc`. */
export function dbRouteLabel(path: string): string {
  const parts = path.split('/').slice(2).filter((p) => p !== '');
  if (parts.length === 0) return '/db';
  const [db, what, name] = parts as [string, string | undefined, string | undefined];
  if (db.startsWith('_')) return SERVER_ENDPOINTS.has(db) ? `/db/${db}` : '/db/:other';
  if (what === undefined) return '/db/:db';
  if (!DB_ENDPOINTS.has(what)) return parts.length > 2 ? '/db/:db/:doc/*' : '/db/:db/:doc';
  if (what === '_local' || what === '_design') return name === undefined ? `/db/:db/${what}` : parts.length > 3 ? `/db/:db/${what}/:id/*` : `/db/:db/${what}/:id`;
  return `/db/:db/${what}`;
}

export interface RouteFacts {
  /** `baseUrl + route.path` when an Express route took the request. */
  pattern?: string;
  /** The router mount the request reached (req.baseUrl), when no route did. */
  baseUrl: string;
  /** The request's path, without its query string. */
  path: string;
}

export function routeLabel(facts: RouteFacts): string {
  if (facts.pattern !== undefined) return facts.pattern;
  if (facts.path === '/db' || facts.path.startsWith('/db/')) return dbRouteLabel(facts.path);
  // A mount's own path is the pattern's text, but matched without regard to case: one label for all spellings.
  const base = facts.baseUrl.toLowerCase();
  return base !== '' && base !== '/api' ? `${base}/*` : 'unmatched';
}
