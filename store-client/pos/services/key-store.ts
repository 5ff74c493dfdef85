// Keeps this browser's keys in IndexedDB: the device's signing key, and the customers' data and
// index keys central hands out after login. All are non-extractable CryptoKeys, which survive
// structured clone, so they are stored as key objects and can never be read out as bytes.
// https://w3c.github.io/webcrypto/#cryptokey-interface (CryptoKey is serializable)

import type { CustomerKeys, DeviceKey } from '../../browser.js';
import { idbStore } from './idb-store.js';

export interface StoredDeviceKey extends DeviceKey {
  store: string;
  device: string;
  /** True once central accepted the public key (POST /api/devices). */
  enrolled: boolean;
}

const keys = idbStore<StoredDeviceKey | CustomerKeys>('pronto-pos-keys', 'keys');

export async function loadDeviceKey(): Promise<StoredDeviceKey | undefined> {
  return (await keys.get('device')) as StoredDeviceKey | undefined;
}

export async function saveDeviceKey(key: StoredDeviceKey): Promise<void> {
  await keys.put('device', key);
}

export async function loadCustomerKeys(): Promise<CustomerKeys | undefined> {
  return (await keys.get('customers')) as CustomerKeys | undefined;
}

export async function saveCustomerKeys(value: CustomerKeys): Promise<void> {
  await keys.put('customers', value);
}
