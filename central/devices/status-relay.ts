// Relays tills' status documents (`store-status:<store>:<device>`) to the admin UI bus, but only
// the ones signed by the device they name (status-verdict.ts): an unsigned or forged status — a
// cashier's `denied` for every till, a stamp a day ahead — is not shown. A device that keeps
// sending bad ones is audited at most once an hour, so it cannot flood the audit trail.
import type { CentralDeps } from '../central-deps.js';
import { isStatus } from '../couch/errors.js';
import type { DeviceRegistry } from './device-registry.js';
import { withDevice } from './key-verdict.js';
import type { SignedDoc } from './signature-verdict.js';
import { statusVerdict } from './status-verdict.js';

export const AUDIT_EVERY_MS = 3_600_000;
/** Devices remembered for the hourly audit; beyond it the oldest are forgotten. */
const MAX_REMEMBERED = 10_000;

export type StatusRelay = (db: string, id: string) => Promise<void>;

export function createStatusRelay(deps: CentralDeps, devices: DeviceRegistry, now: () => number = Date.now): StatusRelay {
  const audited = new Map<string, number>();
  return async (db, id) => {
    let doc: SignedDoc & Record<string, unknown>;
    try {
      doc = (await deps.nano.use(db).get(id)) as unknown as SignedDoc & Record<string, unknown>;
    } catch (err) {
      if (isStatus(err, 404)) return; // deleted meanwhile: nothing to relay
      throw err;
    }
    const reason = await withDevice(devices, doc, (device) => statusVerdict(doc, db.slice('store-'.length), device));
    if (reason === null) {
      deps.bus.publish('store.status', { db, ...doc });
      return;
    }
    const key = `${db}/${id}`;
    if (!dueForAudit(audited, key, now())) return;
    await deps.audit.append({ actor: 'central', action: 'store-status.unverified', target: db, details: { id, device: doc.device, keyId: doc.keyId, reason } });
  };
}

/** Whether `key` was last audited an hour ago or more (or never); if so, remembers now. */
export function dueForAudit(audited: Map<string, number>, key: string, at: number): boolean {
  const last = audited.get(key);
  if (last !== undefined && at - last < AUDIT_EVERY_MS) return false;
  audited.delete(key);
  audited.set(key, at);
  for (const k of audited.keys()) if (audited.size > MAX_REMEMBERED) audited.delete(k); else break;
  return true;
}
