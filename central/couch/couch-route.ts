// The allowlist of the CouchDB API: which requests reach the server at all, and who may make
// them. The embedded server's front door uses it (central/couch/couch-door.ts); central's public
// /db proxy can apply it with a stricter profile, since the result names the database and the
// endpoint. Everything not in this table is refused before any third-party code sees it: the
// CouchDB endpoints stores (PouchDB replication), central (nano) and Fauxton use, nothing else.
// Pure: method and raw URL in, a decision out (paths normalized by couch-path.ts).
//
//   path                                  method                 access   endpoint
//   /                                     GET HEAD               public   root
//   /_up                                  GET HEAD               public   _up
//   /_session                             GET HEAD POST DELETE   public   _session
//   /_all_dbs  /_active_tasks  /_uuids    GET HEAD               admin    (same name)
//   /_db_updates                          GET HEAD               admin    _db_updates (the door answers it: db-updates-feed.ts)
//   /_config[/{section}[/{key}]]          GET HEAD               admin    _config
//   /_config/admins/{name}                PUT DELETE             admin    _config
//   /_utils  /_utils/…                    GET HEAD               admin    _utils  (Fauxton)
//   /{db}                                 GET HEAD               member   db
//   /{db}                                 PUT DELETE             admin    db
//   /{db}                                 POST                   member   doc     (new id)
//   /{db}/_all_docs  /{db}/_changes       GET HEAD POST          member   (same name)
//   /{db}/_revs_diff  _bulk_docs  _bulk_get   POST               member   (same name)
//   /{db}/_security                       GET HEAD PUT           admin    _security
//   /{db}/_compact  /{db}/_view_cleanup   POST                   admin    (same name)
//   /{db}/{doc}                           GET HEAD PUT DELETE    member   doc
//   /{db}/_local/{id}                     GET HEAD PUT DELETE    member   _local
//   /{db}/_design/{name}                  GET HEAD               member   _design
//   /{db}/_design/{name}                  PUT DELETE             admin    _design
//   /{db}/_design/{name}/_view/{view}     GET HEAD POST          member   _view
//   /_users/…                             as above               admin    (CouchDB 3: admin-only)
//
// `member`: CouchDB itself enforces the database's `_security` (and validate_doc_update).
// `admin`: server admins only — CouchDB would let database admins write `_security` and design
// docs; here nobody but central does. Databases: `_users`, `catalog`, `customers`, `audit`,
// `store-<id>`, `pronto-<name>`. Refused: other databases (404), other `_` endpoints such as
// `_replicate`, `_node/…`, `_find`, `_show`/`_list`/`_update`/`_rewrite` (404), attachments
// `/{db}/{doc}/{name}` (403: this project stores none), a wrong method (405 with Allow), an
// ambiguous path (400).

import { splitCouchPath } from './couch-path.js';

export type Access = 'public' | 'member' | 'admin';
export type Endpoint =
  | 'root' | '_up' | '_session' | '_all_dbs' | '_active_tasks' | '_uuids' | '_db_updates' | '_config' | '_utils'
  | 'db' | 'doc' | '_all_docs' | '_changes' | '_revs_diff' | '_bulk_docs' | '_bulk_get'
  | '_security' | '_compact' | '_view_cleanup' | '_local' | '_design' | '_view';

export interface CouchRoute {
  readonly ok: true;
  readonly access: Access;
  readonly endpoint: Endpoint;
  /** The database, for database-level endpoints. */
  readonly db?: string;
  /** The document id, decoded and with its `_local/` or `_design/` prefix (doc, _local, _design, _view). */
  readonly docId?: string;
  /** The request changes stored data (POSTs that only read, such as _all_docs or _bulk_get, do not). */
  readonly write: boolean;
  /** The decoded path segments. */
  readonly segments: readonly string[];
}

export interface CouchRefusal {
  readonly ok: false;
  readonly status: number;
  /** CouchDB's `{error, reason}` body. */
  readonly error: string;
  readonly reason: string;
  /** For 405: the methods the endpoint accepts. */
  readonly allow?: readonly string[];
}

export type CouchDecision = CouchRoute | CouchRefusal;

/** The databases of this project (DESIGN.md, "Databases"). */
export const ROUTABLE_DATABASE = /^(?:_users|catalog|customers|audit|store-[a-z0-9][a-z0-9-]{0,30}|pronto-[a-z0-9][a-z0-9-]{0,30})$/;

type Methods = Partial<Record<string, Access>>;
const GET = (access: Access): Methods => ({ GET: access, HEAD: access });
const READ_POST = (access: Access): Methods => ({ GET: access, HEAD: access, POST: access });
const WRITES = new Set<Endpoint>(['_bulk_docs', '_compact', '_view_cleanup']);

const notFound = (reason: string): CouchRefusal => ({ ok: false, status: 404, error: 'not_found', reason });

export function classifyCouchRequest(method: string, rawUrl: string): CouchDecision {
  const path = splitCouchPath(rawUrl);
  if ('ok' in path) return path;
  const s = path.segments;
  const slashOk = s.length === 0 || (s.length === 1 && !s[0]!.startsWith('_')) || s[0] === '_utils';
  if (path.trailingSlash && !slashOk) return { ok: false, status: 400, error: 'bad_request', reason: 'A trailing slash is not accepted here.' };
  if (s.length === 0) return decide(method, s, 'root', GET('public'));
  const first = s[0]!;
  if (first === '_utils') return decide(method, s, '_utils', GET('admin'));
  if (first.startsWith('_') && first !== '_users') return serverEndpoint(method, s);
  if (!ROUTABLE_DATABASE.test(first)) return notFound('Database does not exist.');
  const route = databaseEndpoint(method, s, first);
  // CouchDB 3 keeps `_users` to server admins (our tills never read it).
  if (route.ok && first === '_users') return { ...route, access: 'admin' };
  return route;
}

function serverEndpoint(method: string, s: readonly string[]): CouchDecision {
  const [first, section, key, ...rest] = s;
  if (first === '_config') {
    if (rest.length > 0) return notFound('Unknown endpoint.');
    if (key !== undefined && section === 'admins') return decide(method, s, '_config', { ...GET('admin'), PUT: 'admin', DELETE: 'admin' });
    return decide(method, s, '_config', GET('admin'));
  }
  if (s.length !== 1) return notFound('Unknown endpoint.');
  if (first === '_up') return decide(method, s, '_up', GET('public'));
  if (first === '_session') return decide(method, s, '_session', { ...GET('public'), POST: 'public', DELETE: 'public' });
  if (first === '_all_dbs' || first === '_active_tasks' || first === '_uuids' || first === '_db_updates') return decide(method, s, first, GET('admin'));
  return notFound('Unknown endpoint.');
}

function databaseEndpoint(method: string, s: readonly string[], db: string): CouchDecision {
  const [, second, third, fourth, fifth, ...rest] = s;
  const at = (endpoint: Endpoint, methods: Methods, docId?: string) => decide(method, s, endpoint, methods, db, docId);
  if (second === undefined) return at(method === 'POST' ? 'doc' : 'db', { ...GET('member'), PUT: 'admin', DELETE: 'admin', POST: 'member' });
  if (second === '_local' || second === '_design') {
    if (third === undefined) return notFound('Unknown endpoint.');
    const docId = `${second}/${third}`;
    if (second === '_local' && fourth === undefined) return at('_local', { ...GET('member'), PUT: 'member', DELETE: 'member' }, docId);
    if (second === '_design' && fourth === undefined) return at('_design', { ...GET('member'), PUT: 'admin', DELETE: 'admin' }, docId);
    if (second === '_design' && fourth === '_view' && fifth !== undefined && rest.length === 0) return at('_view', READ_POST('member'), docId);
    return notFound('Unknown endpoint.');
  }
  if (second.startsWith('_')) {
    if (third !== undefined) return notFound('Unknown endpoint.');
    if (second === '_all_docs' || second === '_changes') return at(second, READ_POST('member'));
    if (second === '_revs_diff' || second === '_bulk_docs' || second === '_bulk_get') return at(second, { POST: 'member' });
    if (second === '_security') return at('_security', { ...GET('admin'), PUT: 'admin' });
    if (second === '_compact' || second === '_view_cleanup') return at(second, { POST: 'admin' });
    return notFound('Unknown endpoint.');
  }
  if (third !== undefined) return { ok: false, status: 403, error: 'forbidden', reason: 'Attachments are not accepted by this server.' };
  return at('doc', { ...GET('member'), PUT: 'member', DELETE: 'member' }, second);
}

function decide(method: string, segments: readonly string[], endpoint: Endpoint, methods: Methods, db?: string, docId?: string): CouchDecision {
  const access = methods[method];
  if (access === undefined) {
    const allow = Object.keys(methods);
    return { ok: false, status: 405, error: 'method_not_allowed', reason: `Only ${allow.join(',')} allowed`, allow };
  }
  const write = method === 'PUT' || method === 'DELETE' || (method === 'POST' && (endpoint === 'doc' || WRITES.has(endpoint)));
  return { ok: true, access, endpoint, write, segments, ...(db === undefined ? {} : { db }), ...(docId === undefined ? {} : { docId }) };
}

/**
 * CouchDB's answer to a caller who is not a server admin on an `admin` route: 401 "You are not a
 * server admin." for server-level endpoints and database creation or deletion
 * (couch_httpd:verify_is_server_admin); on a database, 401 for anonymous callers and 403 for named
 * ones (couch_db:throw_security_error).
 */
export function refuseNonAdmin(route: CouchRoute, callerName: string | null): CouchRefusal {
  if (route.db === undefined || (route.endpoint === 'db' && route.write)) return { ok: false, status: 401, error: 'unauthorized', reason: 'You are not a server admin.' };
  const dbAdminOnly = route.endpoint === '_security' || route.endpoint === '_design' || route.endpoint === '_compact' || route.endpoint === '_view_cleanup';
  if (callerName === null) {
    return { ok: false, status: 401, error: 'unauthorized', reason: dbAdminOnly ? 'You are not a db or server admin.' : 'You are not authorized to access this db.' };
  }
  return { ok: false, status: 403, error: 'forbidden', reason: dbAdminOnly ? 'You are not a db or server admin.' : 'You are not allowed to access this db.' };
}
