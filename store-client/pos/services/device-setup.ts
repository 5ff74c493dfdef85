// What a first login sets up on this browser: the device's signing key, made here
// (non-extractable) and enrolled at central with a store manager's (or an admin's) credentials —
// the manager logging in, or one who authorizes a cashier's first login — and the customers'
// keys, fetched and kept in IndexedDB so customer look-ups keep working offline. With no manager
// at hand, the cashier asks head office instead, and an admin approves from the console.
import { generateDeviceKey, importCustomerKeys, type CustomerKeys } from '../../browser.js';
import { canApprove } from '../approval-rules.js';
import { checkCredentials, enrollDevice, enrolmentRequestState, fetchCustomerKeys, requestEnrolment, type CouchUser, type Credentials } from './central-api.js';
import { newDeviceId } from './identity.js';
import { saveCustomerKeys, saveDeviceKey, type StoredDeviceKey } from './key-store.js';
import { PosError } from './pos-error.js';

/** Makes (or reuses a not yet enrolled) key for `store`, has central enroll it with a manager's `credentials`, and keeps it. */
export async function enrollThisDevice(credentials: Credentials, store: string, existing?: StoredDeviceKey): Promise<StoredDeviceKey> {
  const key = await keyToEnrol(store, existing);
  await enrollDevice(credentials, { store, device: key.device, publicJwk: key.publicJwk });
  const enrolled = { ...key, enrolled: true };
  await saveDeviceKey(enrolled);
  return enrolled;
}

/** With no manager at hand: asks head office to enrol this till's key, as the cashier (`credentials`). */
export async function requestOfficeEnrolment(credentials: Credentials, store: string, existing?: StoredDeviceKey): Promise<StoredDeviceKey> {
  const key = await keyToEnrol(store, existing);
  // Asked before and approved while this page was closed: nothing to ask, the next check logs in.
  const state = existing ? await enrolmentRequestState(credentials, store, key.device) : undefined;
  if (state?.status !== 'enrolled' || !state.keyIds.includes(key.keyId)) {
    await requestEnrolment(credentials, { store, device: key.device, publicJwk: key.publicJwk });
  }
  return key;
}

/** Whether head office has settled this till's request: the key is kept as enrolled once central counts it. */
export async function officeEnrolment(credentials: Credentials, key: StoredDeviceKey): Promise<'pending' | 'enrolled' | 'rejected'> {
  const state = await enrolmentRequestState(credentials, key.store, key.device);
  if (state.status === 'pending') return 'pending';
  if (state.status === 'none' || !state.keyIds.includes(key.keyId)) return 'rejected';
  await saveDeviceKey({ ...key, enrolled: true });
  return 'enrolled';
}

/** The key this browser enrols for `store`: the one made earlier and not enrolled yet, or a new one. */
async function keyToEnrol(store: string, existing?: StoredDeviceKey): Promise<StoredDeviceKey> {
  const key: StoredDeviceKey = existing ?? { ...(await generateDeviceKey()), store, device: newDeviceId(store), enrolled: false };
  // Saved before enrolling: a key central accepted must never be lost to a crash in between.
  await saveDeviceKey(key);
  return key;
}

/** The manager who authorizes a cashier's first login here, checked by CouchDB (no cookies); throws PosError. */
export async function confirmManager(credentials: Credentials, store: string): Promise<CouchUser> {
  let user: CouchUser;
  try {
    user = await checkCredentials(credentials.name, credentials.password);
  } catch (err) {
    if (err instanceof PosError && err.status === 401) throw new PosError('appr.errCredentials', {}, 401);
    throw err;
  }
  if (!canApprove(user.roles, store)) throw new PosError('appr.errRole', { name: user.name }, 403);
  return user;
}

/** The customers' keys from central (needs the session cookie), imported and kept. */
export async function fetchCustomerKeysToKeep(): Promise<CustomerKeys> {
  const keys = await importCustomerKeys(await fetchCustomerKeys());
  await saveCustomerKeys(keys);
  return keys;
}
