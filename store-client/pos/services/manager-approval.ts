// A manager approves a discount above the cashier's limit, a return or a void at this till by
// typing a name and password, and what they approve is signed with their own approval key, which
// this till keeps wrapped under their password (approver-key-store). Central checks the password
// whenever it can be reached (CouchDB's /_session, without cookies, so the cashier's session is
// untouched); the first time a manager is confirmed online here (or after their password changed)
// the till makes their key and registers it at central with their credentials. Offline, the key
// opening with the typed password is the password check. The opened key is handed out only as a
// signer, held by the caller until the approved document is recorded. Wrong passwords are
// counted per name (in localStorage, so a reload does not reset them).

import { approvalSigner, createApproverKey, unwrapApproverKey, type ApprovalSigner, type ApproverKey } from '../../browser.js';
import { canApprove, confirmationFresh, lockedFor, recentFailures } from '../approval-rules.js';
import { forgetApprover, loadApprover, saveApprover } from './approver-key-store.js';
import { checkCredentials, registerApproverKey, type CouchUser } from './central-api.js';
import { PosError } from './pos-error.js';

const FAILURES_KEY = 'pronto.pos.approval-failures';

/** Where the approval happens: the till's store and device. */
export interface ApprovalPlace {
  store: string;
  device: string;
}

/** The approving manager's signer; throws PosError with what to tell the cashier. */
export async function approve(name: string, password: string, at: ApprovalPlace, now = Date.now()): Promise<ApprovalSigner> {
  const locked = lockedFor(failuresOf(name), now);
  if (locked > 0) throw new PosError('appr.errLocked', { minutes: Math.ceil(locked / 60_000) });
  let user: CouchUser | undefined;
  try {
    user = await checkCredentials(name, password);
  } catch (err) {
    if (!(err instanceof PosError)) throw err;
    if (err.status === 401) {
      fail(name, now);
      // A password central refuses is not trusted here offline either.
      await forgetApprover(name).catch((e: unknown) => console.warn('could not forget the refused manager key', e));
      throw new PosError('appr.errCredentials');
    }
    // Status 0: central is unreachable, so the key kept here decides.
    if (err.status !== 0) throw new PosError('appr.errStatus', { status: err.status });
  }
  let key: ApproverKey;
  if (user === undefined) {
    key = await openOffline(name, password, at.store, now);
  } else {
    if (!canApprove(user.roles, at.store)) throw new PosError('appr.errRole', { name: user.name });
    key = await remember(user, password, at.device, now);
  }
  clearFailures(name);
  return approvalSigner(key.name, key);
}

/**
 * The approval key of a manager central has just confirmed (an approval here, their own login,
 * or their authorizing this till's enrolment): opened with their password, or made, registered
 * at central and kept the first time — and again when the kept one no longer opens (the
 * password changed), which retires the old one at central.
 */
export function remember(user: CouchUser, password: string, device: string, now = Date.now()): Promise<ApproverKey> {
  // One at a time: a login's background remember and an approval right after it must not both
  // make and register a key.
  const run = remembering.then(() => rememberNow(user, password, device, now));
  // The queue only orders the runs; each caller gets its own run's error.
  remembering = run.then(() => undefined, () => undefined);
  return run;
}

let remembering: Promise<unknown> = Promise.resolve();

async function rememberNow(user: CouchUser, password: string, device: string, now: number): Promise<ApproverKey> {
  const known = await loadApprover(user.name);
  // A kept key that no longer opens (the password changed since) is replaced below.
  const opened = known?.device === device ? await unwrapApproverKey(known.key, user.name, password).then((k) => k, () => undefined) : undefined;
  if (known && opened) {
    await saveApprover({ ...known, roles: user.roles, confirmedAt: now });
    return opened;
  }
  const made = await createApproverKey(user.name, password);
  await registerApproverKey({ name: user.name, password }, { publicJwk: made.key.publicJwk, device });
  await saveApprover({ name: user.name, roles: user.roles, key: made.wrapped, confirmedAt: now, device });
  return made.key;
}

async function openOffline(name: string, password: string, store: string, now: number): Promise<ApproverKey> {
  const known = await loadApprover(name).catch((e: unknown) => {
    console.warn('could not read the kept manager keys', e);
    return undefined;
  });
  if (!known || !confirmationFresh(known.confirmedAt, now)) throw new PosError('appr.errUnknownOffline', { name });
  let key: ApproverKey;
  try {
    key = await unwrapApproverKey(known.key, known.name, password);
  } catch {
    fail(name, now);
    throw new PosError('appr.errCredentials');
  }
  if (!canApprove(known.roles, store)) throw new PosError('appr.errRole', { name });
  return key;
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
