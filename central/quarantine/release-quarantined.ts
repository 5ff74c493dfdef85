// An admin releases a quarantined sale, return or move with a note: central counts it from then on
// (the stock, sales and returns views skip only quarantined documents). The store design doc
// lets an admin change nothing but `quarantined` on these documents, so the release is the same
// document without the flag, written against the `_rev` read: a release racing another write
// gets CONFLICT. Central does not judge a released document again (verify-store-docs.ts: a
// revision past the first, without the flag, was cleared by central or an admin). Audited as
// `quarantine.released`, announced as `sale.quarantine-lifted` with who released it. The entry
// carries the release's idempotency key (quarantine-keys.ts), the one central looks for when it sees
// the released revision: a release whose entry is in the trail is not audited again by central.
import type Nano from 'nano';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EventBus } from '../events/event-bus.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { ProntoError } from '../../validators/index.js';
import { liftedKey } from './quarantine-keys.js';

export interface ReleaseDeps { nano: Nano.ServerScope; audit: AuditWriter; bus: EventBus }

type Quarantinable = { _id: string; _rev: string; type?: string; device?: string; quarantined?: { reason: string; at: string } };

export const RELEASABLE = /^(sale|return|move):/;

export async function releaseQuarantined(deps: ReleaseDeps, store: string, docId: string, actor: string, note: string): Promise<{ docId: string; rev: string; was: string }> {
  if (!RELEASABLE.test(docId)) throw new ProntoError('BAD_REQUEST', 'id must be a sale, return or move id (sale:…, return:…, move:…)', { param: 'id' });
  const db = deps.nano.use<Quarantinable>(`store-${store}`);
  let doc: Quarantinable;
  try {
    doc = await db.get(docId) as Quarantinable;
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `store ${store} has no document ${docId}`, { store, docId });
    throw couchError(err, `reading ${docId} in store-${store}`);
  }
  if (!doc.quarantined) throw new ProntoError('CONFLICT', `${docId} is not quarantined (central counts it already)`, { store, docId });
  const { quarantined, ...released } = doc;
  let rev: string;
  try {
    rev = (await exclusiveInsert(deps.nano, `store-${store}`, released as Quarantinable)).rev;
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `${docId} changed while releasing it; read it again`, { store, docId });
    throw couchError(err, `releasing ${docId} in store-${store}`);
  }
  await deps.audit.append({ actor, action: 'quarantine.released', target: `store-${store}`, details: { store, docId, rev, was: quarantined.reason, note, idempotencyKeys: [liftedKey(`store-${store}`, docId, rev)] } });
  deps.bus.publish('sale.quarantine-lifted', { db: `store-${store}`, docId, store, device: doc.device, was: quarantined.reason, by: actor });
  return { docId, rev, was: quarantined.reason };
}
