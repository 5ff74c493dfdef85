// The console bench's chain, grown through central's own paths: 47 more stores beside the demo's
// three (catalog entries, then setup's database, design doc and _security for each), one till per
// store enrolled by the chain admin (POST /api/devices) whose signed status report lands in its
// store's database, and a queue of real CouchDB revision conflicts — siblings written with
// `new_edits: false` — that central's change feed records under a `manual` policy.
import { randomUUID } from 'node:crypto';
import type Nano from 'nano';
import { setupStoreDatabase } from '../../central/setup/run-setup.js';
import { generateDeviceKey, signDoc } from '../../store-client/crypto/index.js';
import { makeConflicts } from '../../test/helpers/conflicts.js';
import type { AdminRig } from '../../test/helpers/admin-e2e.js';

export type Progress = (line: string) => void;

const stamp = (node: string, at = new Date()) => `${at.toISOString()}-0000-${node}`;

async function bulkOk(nano: Nano.ServerScope, db: string, docs: object[], what: string): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    const res = (await nano.use(db).bulk({ docs: docs.slice(i, i + 1000) as never[] })) as Array<{ id?: string; error?: string; reason?: string }>;
    const bad = res.find((r) => r.error);
    if (bad) throw new Error(`${what}: ${bad.id} refused (${bad.error}: ${bad.reason})`);
  }
}

/** Brings the chain to `count` stores (s1…s<count>), each with a till that has reported; returns the store ids. */
export async function growStores(rig: AdminRig, count: number, progress: Progress): Promise<string[]> {
  const nano = rig.central.state.couch.nano;
  const { _rev, _id, ...s1 } = (await nano.use('catalog').get('store:s1')) as unknown as Record<string, unknown>;
  const known = (await nano.use('catalog').list({ startkey: 'store:', endkey: 'store:\ufff0' })).rows.map((r) => r.id.slice('store:'.length));
  const ids = Array.from({ length: count }, (_, i) => `s${i + 1}`);
  const added = ids.filter((s) => !known.includes(s));
  await bulkOk(nano, 'catalog', added.map((store) => ({ ...s1, _id: `store:${store}`, store, name: `Pronto Sucursal ${store.slice(1)}`, updatedAt: stamp('central') })), 'adding stores');
  for (const [i, store] of added.entries()) {
    await setupStoreDatabase(nano, store);
    if ((i + 1) % 10 === 0 || i === added.length - 1) progress(`store databases set up: ${i + 1}/${added.length}`);
  }
  for (const [i, store] of ids.entries()) {
    const device = `${store}.pos1`;
    const key = await generateDeviceKey();
    const enrolled = await rig.api('POST', '/devices', { store, device, publicJwk: key.publicJwk });
    if (enrolled.status !== 201) throw new Error(`enrolling ${device}: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
    // Most tills online and up to date; every seventh offline with uploads waiting.
    const offline = i % 7 === 3;
    const status = {
      _id: `store-status:${store}:${device}`, type: 'store-status', store, device, state: offline ? 'offline' : 'online', pending: offline ? 12 + i : 0,
      appVersion: '0.1.0', refusedCount: 0, storage: { persisted: true }, clockOffsetMs: (i % 5) * 150, reportedAt: new Date().toISOString(),
      intervalMs: 3_600_000, updatedAt: stamp(device), updatedBy: `device-${store}`,
    };
    await nano.use(`store-${store}`).insert((await signDoc(status, key)) as never);
  }
  progress(`${ids.length} tills enrolled, each with a signed status report`);
  return ids;
}

/** Puts product and customer conflicts under the `manual` strategy, as an admin does in the console. */
export async function manualPolicy(rig: AdminRig): Promise<void> {
  const { policy } = (await rig.api('GET', '/config/conflict-policy')).body as { policy: { types?: Record<string, unknown> } };
  const types = { ...(policy.types ?? {}), product: { strategy: 'manual' }, customer: { strategy: 'manual' } };
  const put = await rig.api('PUT', '/config/conflict-policy', { policy: { ...policy, types } });
  if (put.status !== 200) throw new Error(`setting a manual policy: ${put.status} ${JSON.stringify(put.body)}`);
}

export interface ConflictMix { products: number; customers: number }

/**
 * Makes `total` revision conflicts: one on each catalog product up to half of them (two sibling
 * prices; the demo has 2,040), the rest on new customers (two sibling names), in `_bulk_docs`
 * batches of 1,000, so that either type filter has rows.
 */
export async function makeConflictBacklog(rig: AdminRig, total: number, progress: Progress): Promise<ConflictMix> {
  const nano = rig.central.state.couch.nano;
  const products = (await nano.use('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true })).rows
    .slice(0, Math.ceil(total / 2)).map((r) => r.doc as unknown as Record<string, unknown> & { price: number });
  const customerIds = Array.from({ length: total - products.length }, () => `customer:${randomUUID()}`);
  const at = stamp('central');
  await bulkOk(nano, 'customers', customerIds.map((_id) => ({ _id, type: 'customer', name: 'Cliente Banco', points: 0, createdAt: at, updatedAt: at, updatedBy: 'central' })), 'adding customers');
  const productSpecs = products.map(({ _rev, ...p }) => ({ id: p._id as string, bodies: [
    { ...p, price: p.price + 100, updatedAt: stamp('s1.pos1'), updatedBy: 'manager-s1' },
    { ...p, price: p.price + 200, updatedAt: stamp('s2.pos1'), updatedBy: 'manager-s2' },
  ] }));
  const customerSpecs = customerIds.map((_id, i) => {
    const base = { _id, type: 'customer', points: 0, createdAt: at, updatedBy: 'central' };
    return { id: _id, bodies: [{ ...base, name: `Cliente ${i} Norte`, updatedAt: stamp('s1.pos1') }, { ...base, name: `Cliente ${i} Sur`, updatedAt: stamp('s2.pos1') }] };
  });
  for (const [db, specs] of [['catalog', productSpecs], ['customers', customerSpecs]] as const) {
    for (let i = 0; i < specs.length; i += 1000) await makeConflicts(nano, db, specs.slice(i, i + 1000));
  }
  progress(`${total} revision conflicts written (${products.length} products, ${customerIds.length} customers)`);
  return { products: products.length, customers: customerIds.length };
}

/** Waits, bounded, until the queue's total (GET /api/conflicts) reaches `total`. */
export async function waitForQueue(rig: AdminRig, total: number, timeoutMs: number, progress: Progress): Promise<number> {
  const t0 = Date.now();
  let seen = 0;
  let told = 0;
  for (let i = 0; i < 100_000 && Date.now() - t0 < timeoutMs; i++) {
    const r = await rig.api('GET', '/conflicts?status=pending&limit=1');
    if (r.status !== 200) throw new Error(`reading the queue: ${r.status} ${JSON.stringify(r.body)}`);
    seen = r.body.total as number;
    if (seen >= total) return Date.now() - t0;
    if (Date.now() - told > 5_000) {
      told = Date.now();
      progress(`conflicts queued by central's feed: ${seen}/${total} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the queue reached ${seen} of ${total} conflicts in ${timeoutMs / 1000} s: central's feed is too slow or stuck`);
}

/**
 * Waits, bounded, until central's feed has finished with the backlog: no write to the audit
 * database (records, entries) for `quietMs`. Central runs in this process, so its work would
 * otherwise be timed as ours and as the baseline's.
 */
export async function waitForQuiet(rig: AdminRig, quietMs: number, timeoutMs: number, progress: Progress): Promise<void> {
  const audit = rig.central.state.couch.nano.use('audit');
  const t0 = Date.now();
  let last = '';
  let since = Date.now();
  for (let i = 0; i < 10_000 && Date.now() - t0 < timeoutMs; i++) {
    const seq = String((await audit.info()).update_seq);
    if (seq !== last) [last, since] = [seq, Date.now()];
    else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  progress(`central's feed still writing after ${timeoutMs / 1000} s; measuring anyway`);
}
