// What central's public /db lets through to CouchDB, pure: the endpoints tills replicate with,
// nothing else — an allowlist, decided on the path as CouchDB will route it. The path is
// rebuilt from its decoded segments (`canonical`, what is forwarded), and anything CouchDB could
// read two ways is refused: `.`/`..` or empty segments, an encoded `/`, control characters, a
// `_node/…` prefix. Admin tools (Fauxton, `_config`, `_all_dbs`, `_users`, database creation)
// are not served here: ops use CouchDB's own port. `_local` documents skip validate_doc_update
// and any member may write them, so they are writable only where a store account writes anyway
// (its store database, customers); elsewhere (the catalog) a till's replication falls back to
// its own checkpoint (pouchdb-checkpointer stops writing the source's on a 4xx).
// https://docs.couchdb.org/en/stable/api/index.html

export type DoorRoute =
  | { ok: true; canonical: string; path: string; db: string | null; endpoint: Endpoint; docId?: string }
  | { ok: false; status: number; error: string; reason: string };

export type Endpoint = 'root' | '_session' | 'db' | '_changes' | '_revs_diff' | '_bulk_docs' | '_bulk_get' | '_all_docs' | '_local' | 'doc' | 'view';

const STORE_DB = /^store-[a-z0-9][a-z0-9-]{0,30}$/;
const SHARED_DBS = new Set(['catalog', 'customers']);
/** Where a store account writes documents, so `_local` writes are no wider than its other rights. */
const writable = (db: string) => STORE_DB.test(db) || db === 'customers';
const READ = ['GET', 'HEAD'];

const refuse = (status: number, error: string, reason: string): DoorRoute => ({ ok: false, status, error, reason });
const notHere = (what: string) => refuse(404, 'not_found', `${what} is not served through central's /db`);

export function doorRoute(method: string, url: string): DoorRoute {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  const segments = decodeSegments(rawPath);
  if (segments === null) return refuse(400, 'bad_request', 'the path is not a plain CouchDB path');
  const canonical = (parts: string[]) => '/' + parts.map(encodeURIComponent).join('/') + query;
  const path = '/' + segments.join('/');
  const [db, first, second, ...rest] = segments;
  if (db === undefined) return READ.includes(method) ? { ok: true, canonical: canonical([]), path, db: null, endpoint: 'root' } : refuse(405, 'method_not_allowed', 'only GET / is served');
  if (db === '_session') {
    return segments.length === 1 && ['GET', 'POST', 'DELETE'].includes(method)
      ? { ok: true, canonical: canonical(segments), path, db: null, endpoint: '_session' } : notHere(`${method} ${path}`);
  }
  if (!STORE_DB.test(db) && !SHARED_DBS.has(db)) return notHere(`/${db}`);
  const allow = (endpoint: Endpoint, methods: string[], docId?: string): DoorRoute =>
    methods.includes(method) ? { ok: true, canonical: canonical(segments), path, db, endpoint, ...(docId !== undefined ? { docId } : {}) }
      : refuse(405, 'method_not_allowed', `${method} is not allowed on ${endpoint} here`);
  if (first === undefined) return allow('db', READ);
  if (first === '_local') {
    if (second === undefined || rest.length > 0) return notHere(path);
    return allow('_local', writable(db) ? [...READ, 'PUT', 'DELETE'] : READ, `_local/${second}`);
  }
  if (first === '_design') {
    if (second === undefined || rest[0] !== '_view' || rest.length !== 2) return notHere(path);
    return allow('view', [...READ, 'POST']);
  }
  if (second !== undefined) return notHere('attachments'); // `/{db}/{doc}/{attachment}`: we use none
  switch (first) {
    case '_changes': return allow('_changes', [...READ, 'POST']);
    case '_revs_diff': return allow('_revs_diff', ['POST']);
    case '_bulk_docs': return allow('_bulk_docs', ['POST']);
    case '_bulk_get': return allow('_bulk_get', ['POST']);
    case '_all_docs': return allow('_all_docs', [...READ, 'POST']);
    default:
      if (first.startsWith('_')) return notHere(`/${db}/${first}`);
      return allow('doc', [...READ, 'PUT', 'DELETE'], first);
  }
}

/** The path's segments, decoded, or null when it is not plain: CouchDB must read it one way only. */
function decodeSegments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/')) return null;
  const parts = rawPath.slice(1).split('/');
  // One trailing slash (`/catalog/`) is the database itself, as CouchDB reads it.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === '') return [];
  const out: string[] = [];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || decoded.includes('/') || /[\u0000-\u001f\u007f\\]/.test(decoded)) return null;
    out.push(decoded);
  }
  return out;
}
