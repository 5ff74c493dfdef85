// Counts and times every HTTP request by method, route pattern (route-label.ts) and status.
// Express sets `req.route` when a route takes the request, with `req.baseUrl` its router's mount
// at that moment; by the time the response ends an error may have left the router and restored
// `baseUrl`, so the pattern is taken when `req.route` is set (a setter on this request only).
// Server-sent event streams are counted, not timed: a stream lasts as long as the console is open.
import type { Request, RequestHandler, Response } from 'express';
import type { Counter, Histogram } from 'prom-client';
import { methodLabel, routeLabel } from './route-label.js';

export interface HttpInstruments {
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

export function httpMetrics(m: HttpInstruments): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const pattern = capturePattern(req);
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      const labels = {
        method: methodLabel(req.method),
        route: routeLabel({ pattern: pattern(), baseUrl: req.baseUrl, path: pathOf(req) }),
        // A request whose client left before an answer: 499, as nginx logs it.
        status: String(res.headersSent ? res.statusCode : 499),
      };
      m.requests.inc(labels);
      if (!isEventStream(res)) m.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}

function capturePattern(req: Request): () => string | undefined {
  let route: unknown;
  let pattern: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (typeof value?.path === 'string') pattern = `${req.baseUrl.toLowerCase()}${value.path}`;
    },
  });
  return () => pattern;
}

const pathOf = (req: Request) => (req.originalUrl || req.url).split('?')[0]!;
const isEventStream = (res: Response) => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
