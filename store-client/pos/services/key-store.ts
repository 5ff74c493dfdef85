// Keeps this browser's device key in IndexedDB. A non-extractable CryptoKey survives structured
// clone, so the private key is stored as the key object itself and can never be read out.
// https://w3c.github.io/webcrypto/#cryptokey-interface (CryptoKey is serializable)

import type { DeviceKey } from '../../browser.js';

export interface StoredDeviceKey extends DeviceKey {
  store: string;
  device: string;
  /** True once central accepted the public key (POST /api/devices). */
  enrolled: boolean;
}

const DB_NAME = 'pronto-pos-keys';
const STORE = 'keys';
const KEY = 'device';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, job: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = job(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export async function loadDeviceKey(): Promise<StoredDeviceKey | undefined> {
  return (await run('readonly', (s) => s.get(KEY))) as StoredDeviceKey | undefined;
}

export async function saveDeviceKey(key: StoredDeviceKey): Promise<void> {
  await run('readwrite', (s) => s.put(key, KEY));
}
