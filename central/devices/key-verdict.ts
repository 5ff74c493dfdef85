// Whether a signed document (a sale, move, return or till status) comes from the device it names:
// its signature verifies under a key registered for that device (signature-verdict.ts) and it
// claims nothing beyond that device and its store (binding-verdict.ts). `withDevice` finds the
// device in the registry and, when the answer is no, asks once more with a fresh read: the
// catalog and a store database are followed apart, so a key enrolled a moment ago may not be
// cached yet.
import type { Device } from '../../validators/index.js';
import { bindingVerdict } from './binding-verdict.js';
import type { DeviceRegistry } from './device-registry.js';
import { signatureVerdict, type SignedDoc } from './signature-verdict.js';

/** Null when `doc` verifies as `device`'s, stored in store `dbStore`'s database; else why not. */
export async function keyVerdict(doc: SignedDoc, dbStore: string, device: Device | null): Promise<string | null> {
  const reason = await signatureVerdict(doc, device);
  if (reason !== null || device === null) return reason ?? 'unknown device';
  return bindingVerdict(doc, dbStore, device);
}

export async function withDevice(devices: DeviceRegistry, doc: SignedDoc, decide: (device: Device | null) => Promise<string | null>): Promise<string | null> {
  const lookup = (fresh: boolean): Promise<Device | null> =>
    typeof doc.store === 'string' && typeof doc.device === 'string' ? devices.get(doc.store, doc.device, fresh) : Promise.resolve(null);
  const reason = await decide(await lookup(false));
  return reason === null || reason === 'unsigned' ? reason : decide(await lookup(true));
}
