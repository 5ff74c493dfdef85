// Checks a name and password with CouchDB itself (POST /_session,
// https://docs.couchdb.org/en/stable/api/server/authn.html#cookie-authentication), so the console
// has no password store of its own. The AuthSession cookie CouchDB answers with is dropped: the
// console gets our own session instead. Neither the password nor the request goes into errors.
import { ProntoError } from '../../../validators/index.js';

export interface CouchUser { name: string; roles: string[] }

/** The account's name and roles, or undefined when CouchDB refuses the credentials. */
/** `clientIp` goes to CouchDB as X-Forwarded-For, so its own lockout counts this client, not central. */
export async function couchLogin(couchUrl: string, name: string, password: string, clientIp?: string): Promise<CouchUser | undefined> {
  let res: Response;
  try {
    res = await fetch(`${couchUrl}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(clientIp ? { 'X-Forwarded-For': clientIp } : {}) },
      body: JSON.stringify({ name, password }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new ProntoError('COUCH_UNREACHABLE', 'CouchDB did not answer the login check', {}, (err as Error).name);
  }
  if (res.status === 401) return undefined;
  if (res.status === 403) throw new ProntoError('RATE_LIMITED', 'CouchDB has locked this account out for a while after repeated failed logins');
  if (!res.ok) throw new ProntoError('COUCH_ERROR', `CouchDB answered the login check with HTTP ${res.status}`, { status: res.status });
  const body = (await res.json()) as { name?: string | null; roles?: unknown };
  const roles = Array.isArray(body.roles) ? body.roles.filter((r): r is string => typeof r === 'string') : [];
  return { name: body.name ?? name, roles };
}
