// The embedded server's front door: the only handler of its HTTP server. Every request is
// classified by the allowlist (couch-route.ts) before express-pouchdb sees it: a refusal is
// answered at once; an `admin` route goes on only for a server admin (asked of the server itself,
// GET /_session with the caller's Authorization and Cookie, so the answer is exactly the one the
// route would get); `public` and `member` routes go on, and CouchDB's own `_security` and
// validate_doc_update rules apply there. The door also keeps the server's `_db_updates`
// (db-updates-feed.ts), which express-pouchdb lacks: each database write it lets through is
// recorded once the server has answered it with success.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { classifyCouchRequest, refuseNonAdmin, type CouchRefusal, type CouchRoute } from './couch-route.js';
import type { DbUpdatesFeed, DbUpdateType } from './db-updates-feed.js';

export interface Caller { name: string | null; roles: string[] }
/** Who the request's credentials belong to; a refusal when they are wrong (CouchDB answers 401 then). */
export type WhoIs = (req: IncomingMessage) => Promise<Caller | CouchRefusal>;
export type Next = (req: IncomingMessage, res: ServerResponse) => void;

export function createCouchDoor(server: Next, whoIs: WhoIs, dbUpdates: DbUpdatesFeed) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const route = classifyCouchRequest(req.method ?? 'GET', req.url ?? '/');
    if (!route.ok) return refuse(req, res, route);
    if (route.endpoint === '_up') return send(req, res, 200, { status: 'ok' });
    // Bodies are JSON (or a login form); multipart bodies carry attachments, which we refuse.
    if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
      return send(req, res, 415, { error: 'bad_content_type', reason: 'Content-Type must be application/json' });
    }
    const next: Next = route.endpoint === '_db_updates' ? (rq, rs) => answerDbUpdates(dbUpdates, rq, rs) : recordingUpdates(server, req.method ?? 'GET', route, dbUpdates);
    if (route.access !== 'admin') return next(req, res);
    if (req.headers.authorization === undefined && req.headers.cookie === undefined) return refuse(req, res, refuseNonAdmin(route, null), route);
    whoIs(req).then(
      (caller) => {
        if ('ok' in caller) return refuse(req, res, caller, route);
        if (caller.roles.includes('_admin')) return next(req, res);
        refuse(req, res, refuseNonAdmin(route, caller.name), route);
      },
      () => send(req, res, 503, { error: 'service_unavailable', reason: 'Could not check the session; try again.' }),
    );
  };
}

/** What a request does to its database, for `_db_updates`: nothing when it reads, or writes a `_local` document, `_security` or a compaction. */
export function dbUpdateOf(method: string, route: CouchRoute): DbUpdateType | null {
  if (!route.write || route.db === undefined) return null;
  if (route.endpoint === 'db') return method === 'DELETE' ? 'deleted' : 'created';
  return route.endpoint === 'doc' || route.endpoint === '_bulk_docs' || route.endpoint === '_design' ? 'updated' : null;
}

/** Passes the request on; a write the server answers with success is recorded for `_db_updates`. */
function recordingUpdates(server: Next, method: string, route: CouchRoute, dbUpdates: DbUpdatesFeed): Next {
  const update = dbUpdateOf(method, route);
  if (update === null) return server;
  return (req, res) => {
    res.once('finish', () => { if (res.statusCode >= 200 && res.statusCode < 300) dbUpdates.record(route.db!, update); });
    server(req, res);
  };
}

function answerDbUpdates(dbUpdates: DbUpdatesFeed, req: IncomingMessage, res: ServerResponse): void {
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const query = new URL(req.url ?? '/', 'http://door').searchParams;
  void dbUpdates.answer(query, gone.signal).then(({ status, body }) => { if (!res.destroyed) send(req, res, status, body); });
}

/** Asks the server itself who the credentials belong to. */
export function whoIsVia(base: string): WhoIs {
  return async (req) => {
    const headers: Record<string, string> = {};
    if (req.headers.authorization !== undefined) headers.authorization = req.headers.authorization;
    if (req.headers.cookie !== undefined) headers.cookie = req.headers.cookie;
    const res = await fetch(`${base}/_session`, { headers, signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { userCtx?: Caller; error?: string; reason?: string };
    if (!res.ok) return { ok: false, status: res.status, error: body.error ?? 'unauthorized', reason: body.reason ?? 'Name or password is incorrect.' };
    return { name: body.userCtx?.name ?? null, roles: body.userCtx?.roles ?? [] };
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: CouchRefusal, route?: CouchRoute): void {
  const headers: Record<string, string> = {};
  if (refusal.allow !== undefined) headers.Allow = refusal.allow.join(', ');
  // Fauxton is a page: let a browser ask for the admin's name and password.
  if (refusal.status === 401 && route?.endpoint === '_utils') headers['WWW-Authenticate'] = 'Basic realm="server"';
  send(req, res, refusal.status, { error: refusal.error, reason: refusal.reason }, headers);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}
