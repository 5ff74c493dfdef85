// Who may read GET /api/metrics: the metrics carry store names and the chain's activity, so never
// an anonymous caller. A scraper presents `Authorization: Bearer <METRICS_TOKEN>` (when central is
// given one); anyone else goes on to the admin check (an admin's session, script token or
// CouchDB credentials). No loopback exemption: behind a reverse proxy on the same host every
// caller would come from loopback. The token is compared in constant time (through SHA-256, so
// lengths differ harmlessly).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

/** Whether an Authorization header carries exactly `token` as a bearer token; pure. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

/** Lets a request with the metrics token through; any other goes on to the next route (the admin check). */
export function metricsToken(token: string | undefined): RequestHandler {
  return (req, _res, next) => next(token !== undefined && bearerMatches(req.headers.authorization, token) ? undefined : 'route');
}
