// The calls the POS makes to central outside replication: CouchDB's own login
// (`POST /db/_session`, which sets the HttpOnly AuthSession cookie replication then uses), a
// credentials check that leaves that cookie alone (a manager approving at this till), device
// enrollment (`POST /api/devices`) and a manager's approval key (`POST /api/approvers/keys`), both
// with a manager's Basic credentials and no cookies (an Authorization header is exempt from the
// console's CSRF check, and without cookies central cannot mistake the cashier's session for the
// manager), a till's request that head office enrol it when no manager is at hand
// (`/api/device-requests`, as the cashier, Basic), and the customers' keys (`GET /api/keys/customers`, with the session cookie).
import type { CustomerKeyMaterial } from '../../browser.js';
import { PosError } from './pos-error.js';

export interface CouchUser {
  name: string;
  roles: string[];
}

/** How long a check may take before the till treats central as unreachable. */
const CHECK_TIMEOUT_MS = 8000;
/** How long an enrolment or key registration (a write and an audit entry at central) may take. */
const WRITE_TIMEOUT_MS = 30_000;

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

export interface Credentials {
  name: string;
  password: string;
}

/** Has central enroll this till's key; `credentials` are a manager's of `store` (or an admin's). */
export async function enrollDevice(credentials: Credentials, body: { store: string; device: string; publicJwk: JsonWebKey }): Promise<void> {
  const res = await postAs(credentials, '/api/devices', body);
  if (!res.ok) throw new PosError('login.errEnroll', { reason: await reasonOf(res) }, res.status);
}

/** Asks head office to enrol this till (no manager at hand), as the cashier logging in (Basic). */
export async function requestEnrolment(credentials: Credentials, body: { store: string; device: string; publicJwk: JsonWebKey }): Promise<void> {
  const res = await postAs(credentials, '/api/device-requests', body);
  if (!res.ok) throw new PosError('office.errRequest', { reason: await reasonOf(res) }, res.status);
}

/** Where this till's request stands at central: waiting, enrolled (with the keys that count), or neither (rejected). */
export type EnrolmentRequestState = { status: 'pending'; keyId: string } | { status: 'enrolled'; keyIds: string[] } | { status: 'none' };

export async function enrolmentRequestState(credentials: Credentials, store: string, device: string): Promise<EnrolmentRequestState> {
  let res: Response;
  try {
    res = await fetch(`/api/device-requests/${encodeURIComponent(store)}/${encodeURIComponent(device)}`, {
      headers: { Accept: 'application/json', Authorization: basicOf(credentials) }, credentials: 'omit', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch {
    throw new PosError('login.errOffline', {}, 0);
  }
  if (!res.ok) throw new PosError('office.errRequest', { reason: await reasonOf(res) }, res.status);
  return (await res.json()) as EnrolmentRequestState;
}

/** Registers a manager's approval key made on this till, under the manager's own name. */
export async function registerApproverKey(credentials: Credentials, body: { publicJwk: JsonWebKey; device: string }): Promise<void> {
  const res = await postAs(credentials, '/api/approvers/keys', body);
  if (!res.ok) throw new PosError('appr.errRegister', { reason: await reasonOf(res) }, res.status);
}

/** POST as `credentials` (Basic), never with this browser's cookies; unreachable → PosError login.errOffline. */
async function postAs(credentials: Credentials, path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basicOf(credentials) },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
    });
  } catch {
    throw new PosError('login.errOffline', {}, 0);
  }
}

function basicOf(credentials: Credentials): string {
  return `Basic ${btoa(unescape(encodeURIComponent(`${credentials.name}:${credentials.password}`)))}`;
}

async function reasonOf(res: Response): Promise<string> {
  const err = (await res.json().catch(() => ({}))) as { message?: string };
  return err.message ?? String(res.status);
}

/** The customers' key material, for a logged-in store account (the AuthSession cookie). */
export async function fetchCustomerKeys(): Promise<CustomerKeyMaterial> {
  const res = await fetch('/api/keys/customers', { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/keys/customers answered ${res.status}`);
  return (await res.json()) as CustomerKeyMaterial;
}
