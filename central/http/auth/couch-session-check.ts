// Identifies a script or POS call by its CouchDB credentials: the Basic header or the AuthSession
// cookie, forwarded to CouchDB's GET /_session, which says who they belong to. Only those two
// credentials are forwarded, never the console's own cookies.
import type { Request } from 'express';
import { ProntoError } from '../../../validators/index.js';
import type { CouchUser } from './couch-login.js';

/** The CouchDB account behind the request's credentials; undefined when it brings none. */
export async function couchSessionUser(couchUrl: string, req: Request): Promise<CouchUser | undefined> {
  // The client's address, so CouchDB 3.4+'s own lockout counts this client, not central.
  const headers: Record<string, string> = { Accept: 'application/json', ...(req.socket.remoteAddress ? { 'X-Forwarded-For': req.socket.remoteAddress } : {}) };
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  const authSession = req.cookies?.AuthSession as string | undefined;
  if (authSession) headers.cookie = `AuthSession=${authSession}`;
  if (headers.authorization === undefined && headers.cookie === undefined) return undefined;
  let res: Response;
  try {
    res = await fetch(`${couchUrl}/_session`, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ProntoError('COUCH_UNREACHABLE', 'CouchDB did not answer the session check', {}, (err as Error).name);
  }
  if (res.status === 401) throw new ProntoError('UNAUTHORIZED', 'wrong name or password');
  // GET /_session authorizes nothing: a 403 is CouchDB 3.4+'s lockout after repeated failures.
  if (res.status === 403) throw new ProntoError('RATE_LIMITED', 'CouchDB has locked this account out for a while after repeated failed logins');
  if (!res.ok) throw new ProntoError('COUCH_ERROR', `CouchDB answered the session check with HTTP ${res.status}`, { status: res.status });
  const body = (await res.json()) as { userCtx?: { name?: string | null; roles?: string[] } };
  const roles = body.userCtx?.roles ?? [];
  // An expired AuthSession cookie is not an error for CouchDB: it answers as anonymous.
  if (!body.userCtx?.name && !roles.includes('_admin')) throw new ProntoError('UNAUTHORIZED', 'wrong name or password, or the CouchDB session has expired');
  return { name: body.userCtx?.name ?? 'admin', roles };
}
