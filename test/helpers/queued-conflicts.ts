// Product conflicts queued for an admin on a real central: the products policy set to `manual`,
// then sibling revisions made the way replication makes them (conflicts.ts), one priced by
// central/an admin (earlier stamp), one by a till (later stamp); resolves once every one is queued.
import { expect } from 'chai';
import { makeConflicts } from './conflicts.js';
import { basic, type DemoCentral } from './demo-central.js';
import { waitFor } from './wait-for.js';

export interface QueuedConflict { recordId: string; docId: string; revs: string[]; adminPrice: number; tillPrice: number }

/** What these helpers need of a central: a demo central, or the admin console's rig. */
export type CentralHandle = Pick<DemoCentral, 'central' | 'account'>;

export async function setProductPolicy(h: CentralHandle, strategy: string): Promise<void> {
  const a = h.account('chain-admin');
  const headers = { ...basic(a.name, a.password), 'Content-Type': 'application/json' };
  const url = `${h.central.url}/api/config/conflict-policy`;
  const { policy } = await (await fetch(url, { headers })).json() as { policy: { types?: Record<string, unknown> } };
  const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ policy: { ...policy, types: { ...policy.types, product: { strategy } } } }) });
  expect(put.status).to.equal(200);
}

/** Conflicts on `count` demo products, skipping the first `skip`; every one queued when it resolves. */
export async function queueProductConflicts(h: CentralHandle, count: number, skip = 0): Promise<QueuedConflict[]> {
  const nano = h.central.state.couch.nano;
  const { rows } = await nano.use<Record<string, unknown>>('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', skip, limit: count, include_docs: true });
  expect(rows).to.have.length(count);
  const specs = rows.map((r) => {
    const { _rev, ...body } = r.doc!;
    const cost = Number(body.cost);
    return { id: body._id as string, bodies: [
      { ...body, price: cost + 111_00, updatedAt: '2026-11-24T08:00:00.000Z-0000-central', updatedBy: 'chain-admin' },
      { ...body, price: cost + 222_00, name: `${String(body.name)} (till)`, updatedAt: '2026-11-24T09:00:00.000Z-0000-s1.pos1', updatedBy: 'manager-s1' },
    ] };
  });
  const revs = await makeConflicts(nano, 'catalog', specs);
  const byDoc = new Map<string, string>();
  await waitFor(async () => {
    const res = await nano.use('audit').view('pronto', 'conflict-queue', { startkey: ['pending', '*', 'type', 'product', {}], endkey: ['pending', '*', 'type', 'product'], descending: true, reduce: false, include_docs: true });
    for (const row of res.rows) {
      const doc = row.doc as unknown as { _id: string; docId: string };
      byDoc.set(doc.docId, doc._id);
    }
    return specs.every((s) => byDoc.has(s.id));
  }, { what: `${count} product conflicts to be queued`, timeoutMs: 30_000 });
  return specs.map((s, i) => ({ recordId: byDoc.get(s.id)!, docId: s.id, revs: revs[i]!, adminPrice: s.bodies[0]!.price, tillPrice: s.bodies[1]!.price }));
}
