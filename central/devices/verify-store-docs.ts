// Verifies new sales, stock movements and returns arriving in a store database and quarantines
// the ones that do not verify: the document gets `quarantined: {reason, at}` (the one change a
// store database accepts on an immutable document, and only from an admin), so the stock, sales
// and returns views leave it out; an audit entry and a live notice are raised (`sale.quarantined`
// for all three: one action and one event for "money or stock central does not trust").
import type { Device } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import type { ResolverDeps } from '../resolver/resolver-deps.js';
import type { DeviceRegistry } from './device-registry.js';
import { signatureVerdict, type SignedDoc } from './signature-verdict.js';

type StoredDoc = SignedDoc & { _rev: string; type?: string; quarantined?: unknown };

/** The immutable types a till signs (see store-client/crypto/sign-doc). */
export const SIGNED_TYPES: ReadonlySet<string> = new Set(['sale', 'move', 'return']);

export async function verifyStoreDocs(deps: ResolverDeps, devices: DeviceRegistry, db: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  let rows: Array<{ doc?: StoredDoc | null }>;
  try {
    rows = ((await deps.nano.use(db).fetch({ keys: [...ids] })) as unknown as { rows: Array<{ doc?: StoredDoc | null }> }).rows;
  } catch (err) {
    throw couchError(err, `reading new documents of ${db}`);
  }
  const bad: Array<{ doc: StoredDoc; reason: string }> = [];
  for (const { doc } of rows) {
    if (!doc || doc.quarantined !== undefined || !SIGNED_TYPES.has(doc.type ?? '')) continue;
    const lookup = (fresh: boolean): Promise<Device | null> =>
      typeof doc.store === 'string' && typeof doc.device === 'string' ? devices.get(doc.store, doc.device, fresh) : Promise.resolve(null);
    let reason = await signatureVerdict(doc, await lookup(false));
    if (reason !== null && reason !== 'unsigned') reason = await signatureVerdict(doc, await lookup(true));
    if (reason !== null) bad.push({ doc, reason });
  }
  if (bad.length === 0) return 0;
  const at = deps.clock.next();
  const res = (await deps.nano.use(db).bulk({ docs: bad.map(({ doc, reason }) => ({ ...doc, quarantined: { reason, at } })) as never[] })) as Array<{ id: string; error?: string }>;
  const done = bad.filter(({ doc }) => res.some((r) => r.id === doc._id && !r.error));
  if (done.length > 0) {
    await deps.audit.append({ actor: 'central', action: 'sale.quarantined', target: db,
      details: { count: done.length, documents: done.map(({ doc, reason }) => ({ id: doc._id, device: doc.device, keyId: doc.keyId, reason })) } });
  }
  for (const { doc, reason } of done) deps.bus.publish('sale.quarantined', { db, docId: doc._id, store: doc.store, device: doc.device, reason });
  return done.length;
}
