// What central's public /db lets through to CouchDB, pure: the endpoints tills replicate with,
// nothing else. It is the CouchDB allowlist of the embedded server's own door
// (central/couch/couch-route.ts: the path normalized the way the server will route it, anything
// CouchDB could read two ways refused) narrowed to a till's needs, and the path forwarded is the
// one checked (`canonical`, rebuilt from the decoded segments). Not here: anything for server
// admins (Fauxton, `_config`, `_all_dbs`, `_users`, creating databases, `_security`, design
// docs: ops use CouchDB's own port), databases a till never opens (`audit`, central's own), and
// `_local` writes where a store account may not otherwise write: `_local` documents skip
// validate_doc_update and any member may write them, so they are writable only in a store's own
// database and in customers. In the catalog a till's replication then keeps its checkpoint on its
// side alone (pouchdb-checkpointer stops writing the source's after a 4xx).
// https://docs.couchdb.org/en/stable/api/index.html
import { classifyCouchRequest, type Endpoint } from '../../couch/couch-route.js';

export type DoorRoute =
  | { ok: true; canonical: string; path: string; db: string | null; endpoint: Endpoint; docId?: string }
  | { ok: false; status: number; error: string; reason: string };

const TILL_DATABASE = /^(?:catalog|customers|store-[a-z0-9][a-z0-9-]{0,30})$/;
/** Where a store account writes documents, so `_local` writes are no wider than its other rights. */
const writable = (db: string) => db === 'customers' || db.startsWith('store-');
const DOOR_ENDPOINTS = new Set<Endpoint>(['root', '_up', '_session', 'db', 'doc', '_all_docs', '_changes', '_revs_diff', '_bulk_docs', '_bulk_get', '_local', '_view']);

const notHere = (path: string): DoorRoute => ({ ok: false, status: 404, error: 'not_found', reason: `${path} is not served through central's /db` });

export function doorRoute(method: string, url: string): DoorRoute {
  const route = classifyCouchRequest(method, url);
  if (!route.ok) return { ok: false, status: route.status, error: route.error, reason: route.reason };
  const path = '/' + route.segments.join('/');
  const db = route.db ?? null;
  if (route.access === 'admin' || !DOOR_ENDPOINTS.has(route.endpoint)) return notHere(path);
  if (db !== null && !TILL_DATABASE.test(db)) return notHere(path);
  // `POST /{db}` makes a document with an id CouchDB picks: tills never do; replication uses _bulk_docs.
  if (route.endpoint === 'doc' && route.segments.length === 1) return { ok: false, status: 405, error: 'method_not_allowed', reason: 'POST a document to _bulk_docs' };
  if (route.endpoint === '_local' && route.write && !writable(db!)) {
    return { ok: false, status: 405, error: 'method_not_allowed', reason: `_local documents are read-only in ${db} through central` };
  }
  const q = url.indexOf('?');
  const canonical = '/' + route.segments.map(encodeURIComponent).join('/') + (q < 0 ? '' : url.slice(q));
  return { ok: true, canonical, path, db, endpoint: route.endpoint, ...(route.docId !== undefined ? { docId: route.docId } : {}) };
}
