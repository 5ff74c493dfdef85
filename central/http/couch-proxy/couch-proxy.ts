// Central's public /db: the CouchDB API for tills, same-origin, through a narrow door. In order:
// the allowlist (door-rules: only replication endpoints, the path forwarded exactly as checked),
// a body cap, the login lockout shared with /api (a Basic password or a POST /_session name
// that failed too often gets 429 before CouchDB is asked), then the proxy itself, which streams
// (long-poll and continuous `_changes` included) and passes cookies and Authorization through:
// CouchDB decides who may do what. On the way back: refusals audited (bounded), login outcomes
// counted, who sent each replicated sale, move or return revision remembered (write-ledger), and
// the documents CouchDB refused one by one inside a till's `_bulk_docs` (a 201 answer) handed to
// `uploadRefused` (central/refusals records and announces them): read from a bounded copy of
// the answer, only for the databases tills write (store-*, customers).
import express, { type NextFunction, type Request, type Response } from 'express';
import type http from 'node:http';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from 'pino';
import { clientKey, type LoginThrottle } from '../auth/login-throttle.js';
import { callerClaim, type CallerClaim } from './caller.js';
import { doorRoute, type DoorRoute } from './door-rules.js';
import type { Refusal } from './refusal-audit.js';
import { replicatedImmutables, type WriteLedger } from './write-ledger.js';
import { readAnswer } from './read-answer.js';
import { isLongPoll, type ProxyPools } from '../../couch/couch-pool.js';
import { refusedEntries, type RefusedUpload } from '../../refusals/index.js';

export interface CouchProxyDeps {
  couchUrl: string;
  log: Logger;
  throttle: LoginThrottle;
  ledger: WriteLedger;
  refused(refusal: Refusal): void;
  /** Documents CouchDB refused inside a 201 `_bulk_docs` answer (fire and forget; it reports its own failures). */
  uploadRefused?(upload: RefusedUpload): void;
  /** Largest `_bulk_docs` answer read for refusals, bytes. Default 8 MiB. */
  maxAnswerBytes?: number;
  /** Largest request body accepted, bytes. */
  maxBodyBytes: number;
  /** The pools to CouchDB (couch-pool.ts createProxyPools; central's metrics read their load). */
  pools: ProxyPools;
}

interface Door { route: Extract<DoorRoute, { ok: true }>; claim: CallerClaim; ip: string; name: string | undefined }
type DoorRequest = Request & { door?: Door };

/** The databases a till writes, whose `_bulk_docs` answers are read for refused documents. */
const tillWritten = (db: string | null | undefined): boolean => db === 'customers' || (db?.startsWith('store-') ?? false);

const couchError = (res: Response, status: number, error: string, reason: string) => void res.status(status).json({ error, reason });

export function couchProxy(deps: CouchProxyDeps): express.Router {
  const router = express.Router();
  router.use((req: DoorRequest, res, next) => {
    const route = doorRoute(req.method, req.url);
    if (!route.ok) return couchError(res, route.status, route.error, route.reason);
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > deps.maxBodyBytes) return couchError(res, 413, 'too_large', `the request body is over ${deps.maxBodyBytes} bytes`);
    if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined && !['GET', 'HEAD'].includes(req.method)) {
      return couchError(res, 411, 'length_required', 'send a Content-Length with the body');
    }
    req.url = route.canonical;
    req.door = { route, claim: callerClaim(req.headers), ip: clientKey(req.ip), name: undefined };
    next();
  });
  // Bodies that central reads itself are parsed, and the parsed form is what CouchDB gets
  // (forwardParsedBody), so both read the same document.
  const parsed = [express.json({ limit: deps.maxBodyBytes }), express.urlencoded({ extended: false, limit: '16kb' })];
  router.use((req: DoorRequest, res, next) => {
    const { endpoint, db } = req.door!.route;
    const inspect = (endpoint === '_session' && req.method === 'POST') || (endpoint === '_bulk_docs' && tillWritten(db));
    if (!inspect) return next();
    runAll(parsed, req, res, (err?: unknown) => {
      if (err === undefined) forwardParsedBody(req);
      next(err);
    });
  });
  router.use((req: DoorRequest, res, next) => {
    const door = req.door!;
    door.name = door.route.endpoint === '_session' && req.method === 'POST' ? bodyName(req.body) : door.claim.via === 'basic' ? door.claim.name : undefined;
    const wait = door.name === undefined ? 0 : deps.throttle.blockedFor(door.ip, door.name);
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return couchError(res, 429, 'too_many_requests', `too many failed logins; try again in ${Math.ceil(wait / 60_000)} minute(s)`);
    }
    next();
  });
  // Two pools to the database (central/couch/couch-pool.ts): live `_changes` on their own, every
  // other request on at most COUCH_SOCKETS kept-alive sockets, queued in central past that.
  const forward = (agent: http.Agent) => createProxyMiddleware({
    target: deps.couchUrl,
    changeOrigin: true,
    proxyTimeout: 0,
    // Kept-alive connections to CouchDB: without an agent of its own the proxy asks CouchDB to
    // close each one, and passes CouchDB's `Connection: close` on to the till, which then opens
    // a new TCP connection for every request (a reconnect's backlog: hundreds, each left in
    // TIME_WAIT at central; test/integration/store-client/till-connections.test.ts).
    agent,
    // CouchDB 3.4+ locks (client, user) out after failed passwords ([chttpd_auth_lockout]); its
    // HTTP layer (mochiweb) takes the client from the last X-Forwarded-For when the request comes
    // from a private or loopback address, so with it a till locks out itself, not every till
    // behind central.
    xfwd: true,
    on: {
      proxyReq: (proxyReq: ClientRequest, _req: IncomingMessage, res: ServerResponse) => releaseWhenTillLeaves(proxyReq, res),
      proxyRes: (proxyRes: IncomingMessage, req: IncomingMessage) => {
        afterCouch(deps, proxyRes.statusCode ?? 0, req as DoorRequest);
        watchRefusals(deps, proxyRes, req as DoorRequest);
      },
      error: (err, _req, res) => {
        deps.log.warn({ err: err.message }, 'CouchDB proxy error');
        const r = res as Response;
        if ('headersSent' in r && !r.headersSent) couchError(r, 502, 'bad_gateway', 'CouchDB is unreachable');
      },
    },
  });
  const shortRequests = forward(deps.pools.short);
  const longPolls = forward(deps.pools.longPoll);
  router.use((req, res, next) => (isLongPoll(req.method, req.url) ? longPolls : shortRequests)(req, res, next));
  router.use((err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') return couchError(res, 413, 'too_large', `the request body is over ${deps.maxBodyBytes} bytes`);
    if (err.status !== undefined && err.status < 500) return couchError(res, 400, 'bad_request', 'the request body is not valid JSON');
    next(err);
  });
  return router;
}

function afterCouch(deps: CouchProxyDeps, status: number, req: DoorRequest): void {
  const door = req.door;
  if (door === undefined) return;
  if (door.name !== undefined) {
    // A 403 to a login is CouchDB's own lockout ("Account is temporarily locked"): a failure too.
    const login = door.route.endpoint === '_session' && req.method === 'POST';
    if (status === 401 || (status === 403 && login)) deps.throttle.failed(door.ip, door.name);
    else if (status < 400) deps.throttle.succeeded(door.ip, door.name);
  }
  if (status === 401 || status === 403) {
    deps.refused({ status, method: req.method, path: door.route.path, ip: door.ip, claim: door.claim });
  }
  if (status === 201 && door.route.endpoint === '_bulk_docs' && door.claim.name !== undefined) {
    for (const { id, rev } of replicatedImmutables(req.body)) deps.ledger.record(door.route.db!, id, rev, door.claim.name);
  }
}

/** Reads a 201 `_bulk_docs` answer for documents refused one by one, and hands them on. */
function watchRefusals(deps: CouchProxyDeps, proxyRes: IncomingMessage, req: DoorRequest): void {
  const door = req.door;
  if (deps.uploadRefused === undefined || door === undefined || proxyRes.statusCode !== 201) return;
  if (door.route.endpoint !== '_bulk_docs' || !tillWritten(door.route.db) || door.claim.name === undefined) return;
  const db = door.route.db!;
  // CouchDB answered 201, so it authenticated the caller: the claimed name is the account.
  const account = door.claim.name;
  const limit = deps.maxAnswerBytes ?? 8 * 1024 * 1024;
  void readAnswer(proxyRes, limit).then((answer) => {
    if (answer === undefined) {
      deps.log.warn({ db, account, limit }, 'a _bulk_docs answer could not be read for refused documents (too large, cut short or not JSON)');
      return;
    }
    const entries = refusedEntries(answer, req.body);
    if (entries.length > 0) deps.uploadRefused!({ db, account, entries });
  });
}

/**
 * A till that goes away before its answer is complete (an offline window cutting the connection,
 * an aborted long-poll) left the request to CouchDB open: http-proxy stops reading an answer when
 * the pipe to the till closes, so the answer never ended and its socket never went back to the
 * pool, and a long-poll waited for the database's next change. With a capped pool, those sockets
 * filled it and every till's request waited behind them (500 stores: sales piling up pending
 * after two minutes of selling, the database idle). The request is destroyed, and its socket
 * with it, when the till's answer closes unfinished.
 */
function releaseWhenTillLeaves(proxyReq: ClientRequest, res: ServerResponse): void {
  const release = (): void => { if (!res.writableFinished) proxyReq.destroy(); };
  if (res.destroyed) return release();
  res.once('close', release);
}

/**
 * A body central parsed has been read from the request, so the proxy, which sends a body by
 * `req.pipe(proxyReq)`, would send nothing: the request's pipe sends the parsed form instead,
 * with its length. It is written when the proxy pipes, before or after the request to CouchDB
 * gets its socket (a request queued for one of the capped pool's sockets gets it later; writing
 * in the proxy's `proxyReq` event, on the socket, came after the pipe had ended the request).
 */
function forwardParsedBody(req: DoorRequest): void {
  if (req.body === undefined || !req.readableEnded) return;
  const type = String(req.headers['content-type'] ?? '');
  const data = type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(req.body as Record<string, string>).toString() : JSON.stringify(req.body);
  req.headers['content-length'] = String(Buffer.byteLength(data));
  delete req.headers['transfer-encoding'];
  req.pipe = <T extends NodeJS.WritableStream>(destination: T): T => {
    destination.end(data);
    return destination;
  };
}

function bodyName(body: unknown): string | undefined {
  const name = (body as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name.slice(0, 100) : undefined;
}

function runAll(handlers: express.RequestHandler[], req: Request, res: Response, next: NextFunction): void {
  const [first, ...rest] = handlers;
  if (first === undefined) return next();
  first(req, res, (err?: unknown) => (err ? next(err) : runAll(rest, req, res, next)));
}
