// Unsynced sales live in IndexedDB, which a browser may evict under storage pressure unless the
// site's storage is persistent (https://storage.spec.whatwg.org/#persistence). The till asks for
// it at enrolment and at every start until granted; a refusal is shown (pos-till-warnings) and
// reported to central with the usage and quota.

export interface StorageFacts {
  persisted: boolean;
  usage?: number;
  quota?: number;
}

/** Asks for persistent storage unless already granted; reads how full the storage is. */
export async function askPersistentStorage(): Promise<StorageFacts> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persisted) return { persisted: false };
  let persisted = await storage.persisted();
  if (!persisted && storage.persist) persisted = await storage.persist();
  return { persisted, ...(await estimate(storage)) };
}

/** The storage's usage and quota, bytes, when the browser tells. */
export async function storageFacts(persisted: boolean): Promise<StorageFacts> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  return { persisted, ...(storage ? await estimate(storage) : {}) };
}

async function estimate(storage: StorageManager): Promise<{ usage?: number; quota?: number }> {
  if (!storage.estimate) return {};
  const { usage, quota } = await storage.estimate();
  return { ...(usage !== undefined ? { usage } : {}), ...(quota !== undefined ? { quota } : {}) };
}
