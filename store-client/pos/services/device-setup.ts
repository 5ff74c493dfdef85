// What a first login sets up on this browser: the device's signing key, made here
// (non-extractable) and enrolled at central, and the customers' keys, fetched and kept in
// IndexedDB so customer look-ups keep working offline.
import { generateDeviceKey, importCustomerKeys, type CustomerKeys } from '../../browser.js';
import { enrollDevice, fetchCustomerKeys } from './central-api.js';
import { newDeviceId } from './identity.js';
import { saveCustomerKeys, saveDeviceKey, type StoredDeviceKey } from './key-store.js';

/** Makes (or reuses a not yet enrolled) key for `store`, has central enroll it, and keeps it. */
export async function enrollThisDevice(
  credentials: { name: string; password: string }, store: string, existing?: StoredDeviceKey,
): Promise<StoredDeviceKey> {
  const key: StoredDeviceKey = existing ?? { ...(await generateDeviceKey()), store, device: newDeviceId(store), enrolled: false };
  // Saved before enrolling: a key central accepted must never be lost to a crash in between.
  await saveDeviceKey(key);
  await enrollDevice(credentials, { store, device: key.device, publicJwk: key.publicJwk });
  const enrolled = { ...key, enrolled: true };
  await saveDeviceKey(enrolled);
  return enrolled;
}

/** The customers' keys from central (needs the session cookie), imported and kept. */
export async function fetchCustomerKeysToKeep(): Promise<CustomerKeys> {
  const keys = await importCustomerKeys(await fetchCustomerKeys());
  await saveCustomerKeys(keys);
  return keys;
}
