// Whether one stored sale, move or return is signed by a key of the device it names: the device
// in `doc.device`, of the store in `doc.store`, and — but for a void, whose id comes from the sale
// it cancels — the device whose stamp ends the `_id` (`sale:<store>:<iso>-<counter>-<device>`),
// so a key enrolled for one till cannot sign for another. A key not found is asked for again
// fresh (an enrolment a moment ago, seen by the catalog's follower later than the sale).
import type { Device } from '../../validators/index.js';
import type { DeviceRegistry } from './device-registry.js';
import { signatureVerdict, type SignedDoc } from './signature-verdict.js';

export async function docVerdict(devices: DeviceRegistry, doc: SignedDoc): Promise<string | null> {
  const named = deviceInId(doc._id);
  if (named !== null && named !== doc.device) return `the id names device ${named} but the document device ${String(doc.device)}`;
  const lookup = (fresh: boolean): Promise<Device | null> =>
    typeof doc.store === 'string' && typeof doc.device === 'string' ? devices.get(doc.store, doc.device, fresh) : Promise.resolve(null);
  const first = await signatureVerdict(doc, await lookup(false));
  if (first === null || first === 'unsigned') return first;
  return signatureVerdict(doc, await lookup(true));
}

/** The node id at the end of the stamp in a sale's, move's or return's id; null for a void. */
export function deviceInId(id: string): string | null {
  if (/^return:[^:]+:void:/.test(id)) return null;
  const m = /^(?:sale|move|return):[^:]+:.*Z-[0-9a-f]{4}-([a-z0-9][a-z0-9._-]{0,63})$/.exec(id);
  return m ? m[1]! : null;
}
