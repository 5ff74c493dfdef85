// Writes a synthetic chain (synthetic-chain.ts) into CouchDB, idempotent: only the stores,
// products and central device entries not there yet are written, a store's database is set up as
// setup does, and opening stock goes only to a store with no stock movement yet. The moves are
// signed by central's key (DATA_DIR/central-signing-key.json), registered as device `central` of
// each store, so central's change follower accepts them like the demo chain's.
import type Nano from 'nano';
import { ProntoError, type ProntoDoc } from '../../validators/index.js';
import { deviceSigner, type DeviceKey } from '../../store-client/crypto/index.js';
import { couchError } from '../couch/errors.js';
import { bulk, centralDevice, centralStamps } from '../demo/seed-demo.js';
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import { setupStoreDatabase } from '../setup/run-setup.js';
import { syntheticOpeningStock, syntheticProducts, syntheticStoreId, syntheticStores } from './synthetic-chain.js';

export interface SyntheticReport { stores: number; newStores: number; skus: number; newSkus: number; stocked: number }

export async function seedSynthetic(
  nano: Nano.ServerScope, plan: { stores: number; skus: number }, signer: DeviceKey, progress: (line: string) => void, nowMs = Date.now(),
): Promise<SyntheticReport> {
  const stamps = centralStamps(nowMs);
  const newStores = await missing(nano, 'catalog', syntheticStores(plan.stores, stamps.next(), 'central'));
  await bulk(nano, 'catalog', newStores);
  const newProducts = await missing(nano, 'catalog', syntheticProducts(plan.skus, stamps.next(), 'central'));
  await bulk(nano, 'catalog', newProducts);
  progress(`catalog: ${newStores.length} new stores, ${newProducts.length} new products`);
  let stocked = 0;
  for (let i = 0; i < plan.stores; i++) {
    const store = syntheticStoreId(i);
    await setupStoreDatabase(nano, store);
    await registerCentral(nano, store, signer, stamps.next());
    if (await hasMoves(nano, store)) continue;
    const sign = deviceSigner(signer);
    await bulk(nano, `store-${store}`, await Promise.all(syntheticOpeningStock(i, plan.skus, CENTRAL_DEVICE, () => stamps.next()).map((m) => sign.sign(m))));
    stocked += 1;
    if (stocked % 10 === 0 || i === plan.stores - 1) progress(`opening stock: ${i + 1} of ${plan.stores} stores looked at, ${stocked} stocked`);
  }
  return { stores: plan.stores, newStores: newStores.length, skus: plan.skus, newSkus: newProducts.length, stocked };
}

/** The documents of `docs` whose id `db` does not hold (a deleted one counts as held: never resurrected). */
async function missing<T extends ProntoDoc>(nano: Nano.ServerScope, db: string, docs: readonly T[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < docs.length; i += 1_000) {
    const chunk = docs.slice(i, i + 1_000);
    let rows: Array<{ key: string; error?: string }>;
    try {
      rows = (await nano.use(db).fetchRevs({ keys: chunk.map((d) => d._id) })).rows as Array<{ key: string; error?: string }>;
    } catch (err) {
      throw couchError(err, `reading ${db}`);
    }
    const absent = new Set(rows.filter((r) => r.error === 'not_found').map((r) => r.key));
    out.push(...chunk.filter((d) => absent.has(d._id)));
  }
  return out;
}

/** Registers central's key as device `central` of the store, or checks the one there is ours. */
async function registerCentral(nano: Nano.ServerScope, store: string, signer: DeviceKey, stamp: string): Promise<void> {
  const doc = centralDevice(store, signer, stamp);
  const [absent] = await missing(nano, 'catalog', [doc]);
  if (absent !== undefined) return bulk(nano, 'catalog', [absent]);
  const held = (await nano.use('catalog').get(doc._id)) as unknown as { keys?: Array<{ keyId?: string; status?: string }> };
  if (!held.keys?.some((k) => k.keyId === signer.keyId && k.status === 'active')) {
    throw new ProntoError('CONFIG_INVALID', `store ${store} knows another central signing key than DATA_DIR's: run seed with central's DATA_DIR`, { store });
  }
}

async function hasMoves(nano: Nano.ServerScope, store: string): Promise<boolean> {
  try {
    const res = await nano.use(`store-${store}`).list({ startkey: `move:${store}:`, endkey: `move:${store}:\ufff0`, limit: 1 });
    return res.rows.length > 0;
  } catch (err) {
    throw couchError(err, `reading the moves of store ${store}`);
  }
}
