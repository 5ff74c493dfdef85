// One JSON line per HTTP request (pino-http, into central's logger), with a request id: the
// caller's `X-Request-Id` when it is sane (1–128 of A-Z a-z 0-9 . _ : -, so a log line cannot be
// forged or swollen through it), else a new UUID; echoed in the response's `X-Request-Id`.
// Never a secret: the line is built from an allowlist — method, path, the query string with the
// values of parameters not known to be harmless replaced, status, time, the account name — and
// never headers (Authorization, Cookie, Set-Cookie) nor bodies (passwords).
// https://github.com/pinojs/pino-http#api
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { RequestHandler } from 'express';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is sane, else a new one; pure but for the UUID. */
export function requestIdOf(header: string | string[] | undefined, generate: () => string = randomUUID): string {
  return typeof header === 'string' && SANE_ID.test(header) ? header : generate();
}

/** Query parameters whose values are logged as sent: CouchDB's and central's paging and feed options. */
const HARMLESS = new Set([
  'limit', 'skip', 'since', 'feed', 'style', 'timeout', 'heartbeat', 'include_docs', 'conflicts', 'descending', 'reduce',
  'group', 'group_level', 'stale', 'update', 'update_seq', 'revs', 'revs_info', 'open_revs', 'latest', 'attachments',
  'seq_interval', 'filter', 'view', 'new_edits', 'local_seq', 'batch_size', 'status', 'store', 'db', 'type', 'lastEventId',
]);
const MAX_URL = 1_000;

/** The URL as logged: the path, and each query value whose parameter is not known harmless as `[redacted]`; pure. */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url.slice(0, MAX_URL);
  const params = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return eq < 0 || HARMLESS.has(safeDecode(name)) ? pair : `${name}=[redacted]`;
  });
  return `${url.slice(0, q)}?${params.join('&')}`.slice(0, MAX_URL);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a malformed name is simply not on the list: its value is redacted
  }
}

type Req = IncomingMessage & { originalUrl?: string; id?: unknown };

export function requestLog(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    serializers: {
      req: (req: { raw: Req }) => ({ method: req.raw.method, url: loggedUrl(req.raw.originalUrl ?? req.raw.url ?? ''), remoteAddress: req.raw.socket?.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: true,
    customProps: (_req, res) => {
      const actor = (res as ServerResponse & { locals?: { actor?: unknown } }).locals?.actor;
      return typeof actor === 'string' ? { actor } : {};
    },
    customLogLevel: (req, res, err) => {
      if (err !== undefined || res.statusCode >= 500) return 'error';
      // Probes and scrapes come every few seconds: debug, unless they fail.
      const path = ((req as Req).originalUrl ?? req.url ?? '').split('?')[0];
      return (path === '/api/health' || path === '/api/metrics') && res.statusCode < 400 ? 'debug' : 'info';
    },
  }) as unknown as RequestHandler;
}
