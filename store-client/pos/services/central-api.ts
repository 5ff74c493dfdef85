// The calls the POS makes to central outside replication: CouchDB's own login
// (`POST /db/_session`, which sets the HttpOnly AuthSession cookie replication then uses), a
// credentials check that leaves that cookie alone (a manager approving at this till), device
// enrollment (`POST /api/devices`, with Basic credentials: an Authorization header is exempt
// from the console's CSRF check, and the password is at hand right after login) and the
// customers' keys (`GET /api/keys/customers`, with the session cookie).
import type { CustomerKeyMaterial } from '../../browser.js';
import { PosError } from './pos-error.js';

export interface CouchUser {
  name: string;
  roles: string[];
}

/** How long a check may take before the till treats central as unreachable. */
const CHECK_TIMEOUT_MS = 8000;

/** Logs in (sets the AuthSession cookie). Throws PosError; status 0 means central is unreachable. */
export function couchLogin(name: string, password: string): Promise<CouchUser> {
  return postSession(name, password, 'include');
}

/** Checks a name and password with CouchDB without touching this browser's session cookie. */
export function checkCredentials(name: string, password: string): Promise<CouchUser> {
  return postSession(name, password, 'omit');
}

async function postSession(name: string, password: string, credentials: RequestCredentials): Promise<CouchUser> {
  let res: Response;
  try {
    res = await fetch('/db/_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
      credentials,
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch {
    throw new PosError('login.errOffline', {}, 0);
  }
  // A proxy that cannot reach CouchDB answers 502: as unreachable as no network at all.
  if (res.status >= 502 && res.status <= 504) throw new PosError('login.errOffline', {}, 0);
  if (res.status === 401) throw new PosError('login.errCredentials', {}, 401);
  if (!res.ok) throw new PosError('login.errStatus', { status: res.status }, res.status);
  const body = (await res.json()) as { name?: string; roles?: string[] };
  return { name: body.name ?? name, roles: body.roles ?? [] };
}

/** The store an account belongs to, from its `store:<id>` role. */
export function storeOf(user: CouchUser): string | undefined {
  return user.roles.find((r) => r.startsWith('store:'))?.slice('store:'.length);
}

export async function enrollDevice(
  credentials: { name: string; password: string },
  body: { store: string; device: string; publicJwk: JsonWebKey },
): Promise<void> {
  const basic = btoa(unescape(encodeURIComponent(`${credentials.name}:${credentials.password}`)));
  const res = await fetch('/api/devices', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${basic}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string };
    throw new PosError('login.errEnroll', { reason: err.message ?? String(res.status) }, res.status);
  }
}

/** The customers' key material, for a logged-in store account (the AuthSession cookie). */
export async function fetchCustomerKeys(): Promise<CustomerKeyMaterial> {
  const res = await fetch('/api/keys/customers', { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/keys/customers answered ${res.status}`);
  return (await res.json()) as CustomerKeyMaterial;
}
