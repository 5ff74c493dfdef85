// A manager approves a discount above the cashier's limit, a return or a void at this till by
// typing a name and password. Central checks them whenever it can be reached (CouchDB's
// /_session, without cookies, so the cashier's session is untouched); each success keeps a
// PBKDF2 verifier here, so the same manager can approve while the store is offline for days.
// Wrong passwords are counted per name (in localStorage, so a reload does not reset them).

import { checkPassword, createVerifier, type PasswordVerifier } from '../../browser.js';
import { canApprove, lockedFor, recentFailures, verifierFresh } from '../approval-rules.js';
import { checkCredentials, type CouchUser } from './central-api.js';
import { idbStore } from './idb-store.js';
import { PosError } from './pos-error.js';

interface KnownApprover {
  name: string;
  roles: string[];
  verifier: PasswordVerifier;
  /** When central last confirmed this password (ms). */
  confirmedAt: number;
}

const approvers = idbStore<KnownApprover>('pronto-pos-approvers', 'approvers');
const FAILURES_KEY = 'pronto.pos.approval-failures';

/** The approving manager's name; throws PosError with what to tell the cashier. */
export async function approve(name: string, password: string, store: string, now = Date.now()): Promise<string> {
  const locked = lockedFor(failuresOf(name), now);
  if (locked > 0) throw new PosError('appr.errLocked', { minutes: Math.ceil(locked / 60_000) });
  let user: CouchUser | undefined;
  try {
    user = await checkCredentials(name, password);
  } catch (err) {
    if (!(err instanceof PosError)) throw err;
    if (err.status === 401) {
      fail(name, now);
      await approvers.delete(name).catch(() => undefined);
      throw new PosError('appr.errCredentials');
    }
    // Status 0: central is unreachable, so the verifier kept here decides.
    if (err.status !== 0) throw new PosError('appr.errStatus', { status: err.status });
  }
  if (user === undefined) return approveOffline(name, password, store, now);
  if (!canApprove(user.roles, store)) throw new PosError('appr.errRole', { name: user.name });
  clearFailures(name);
  await remember(user, password, now);
  return user.name;
}

/** Keeps a verifier for a manager central has just accepted (also called on a manager's own login). */
export async function remember(user: CouchUser, password: string, now = Date.now()): Promise<void> {
  const verifier = await createVerifier(password);
  await approvers.put(user.name, { name: user.name, roles: user.roles, verifier, confirmedAt: now });
}

async function approveOffline(name: string, password: string, store: string, now: number): Promise<string> {
  const known = await approvers.get(name).catch(() => undefined);
  if (!known || !verifierFresh(known.confirmedAt, now)) throw new PosError('appr.errUnknownOffline', { name });
  if (!(await checkPassword(known.verifier, password))) {
    fail(name, now);
    throw new PosError('appr.errCredentials');
  }
  if (!canApprove(known.roles, store)) throw new PosError('appr.errRole', { name });
  clearFailures(name);
  return known.name;
}

function allFailures(): Record<string, number[]> {
  try {
    const raw = JSON.parse(localStorage.getItem(FAILURES_KEY) ?? '{}') as unknown;
    return raw && typeof raw === 'object' ? (raw as Record<string, number[]>) : {};
  } catch {
    return {};
  }
}

function failuresOf(name: string): number[] {
  const list = allFailures()[name];
  return Array.isArray(list) ? list.filter((n) => typeof n === 'number') : [];
}

function fail(name: string, now: number): void {
  const all = allFailures();
  all[name] = [...recentFailures(failuresOf(name), now), now];
  localStorage.setItem(FAILURES_KEY, JSON.stringify(all));
}

function clearFailures(name: string): void {
  const all = allFailures();
  delete all[name];
  localStorage.setItem(FAILURES_KEY, JSON.stringify(all));
}
