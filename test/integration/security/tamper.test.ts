// Forged branches of a recorded sale against a real central: a store account replicates, through
// /db with new_edits:false, a revision of a sale central already holds. CouchDB hands a write
// whose branch has no stored ancestor to validate_doc_update with no oldDoc, so the store design
// doc refuses every generation but the first, and central treats a second live leaf as a tamper
// incident: it keeps the revision signed by the device the sale names, removes the others,
// audits and announces it — and the stock and sales views never change.
import { expect } from 'chai';
import type { Central } from '../../../central/server.js';
import { buildSale, deviceSigner, generateDeviceKey, type DeviceKey, type DocSigner } from '../../../store-client/index.js';
import { startDemoCentral, type DemoAccount, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';
import { onEveryCopy } from '../../helpers/every-copy.js';

type Account = Pick<DemoAccount, 'name' | 'password'>;
const SKU = 'PS-M04-NEG-27';
const basic = (a: Account) => ({ Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64'), 'Content-Type': 'application/json' });

describe('forged branches of a sale (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let central: Central;
  let cashier: Account;
  let admin: Account;
  let sse: SseClient;
  let pos1: DocSigner;
  let pos9: DeviceKey;
  /** The catalog's price: central's business rules would quarantine anything else. */
  let PRICE: number;
  let n = 0;

  before(async function () {
    demo = await startDemoCentral();
    central = demo.central;
    cashier = demo.account('cashier-s1');
    admin = demo.account('chain-admin');
    sse = await readSse(`${central.url}/api/events`, basic(admin));
    const enroll = async (device: string, key: DeviceKey) => {
      const res = await fetch(`${central.url}/api/devices`, { method: 'POST', headers: basic(demo.account('manager-s1')), body: JSON.stringify({ store: 's1', device, publicJwk: key.publicJwk }) });
      expect(res.status, `enrol ${device}`).to.equal(201);
    };
    const key1 = await generateDeviceKey();
    pos9 = await generateDeviceKey();
    await enroll('s1.pos1', key1);
    await enroll('s1.pos9', pos9);
    pos1 = deviceSigner(key1);
    PRICE = ((await (await fetch(`${central.url}/db/catalog/product:${SKU}`, { headers: basic(cashier) })).json()) as { price: number }).price;
  });
  after(async function () {
    sse?.close();
    await demo?.stop();
  });

  const sale = (device = 's1.pos1') => {
    const now = new Date();
    return buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: PRICE }], payments: [{ method: 'card', amount: PRICE }] },
      { store: 's1', device, cashier: 'cashier-s1', businessDay: now.toISOString().slice(0, 10), stamp: `${now.toISOString()}-${(n++).toString(16).padStart(4, '0')}-${device}` });
  };
  const bulk = async (who: Account, docs: object[]) => {
    const res = await fetch(`${central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: basic(who), body: JSON.stringify({ docs, new_edits: false }) });
    return { status: res.status, body: (await res.json()) as Array<{ id: string; error?: string; reason?: string }> };
  };
  const atCentral = async (id: string) =>
    (await fetch(`${central.url}/db/store-s1/${encodeURIComponent(id)}?conflicts=true`, { headers: basic(admin) })).json() as Promise<Record<string, any>>;
  const view = async (name: string, qs: string) =>
    (await (await fetch(`${central.url}/db/store-s1/_design/pronto/_view/${name}?${qs}`, { headers: basic(admin) })).json()) as { rows: Array<{ key: unknown; value: unknown }> };
  const counted = async () => ({ stock: await view('stock', `group=true&key=${encodeURIComponent(JSON.stringify(SKU))}`), sales: await view('sales-by-day', 'group=true') });
  /** A recorded, verified sale of pos1 (its stock counted), as the original of each attempt. */
  const recorded = async () => {
    const original = await pos1.sign(sale());
    const stored = { ...original, _rev: '1-5a1e', _revisions: { start: 1, ids: ['5a1e'] } };
    const res = await bulk(cashier, [stored]);
    expect(res.body, 'the original is stored').to.deep.equal([]);
    // On a cluster the till's write reached a quorum of copies, and a view reads one copy of each
    // shard: the same revision written again to every copy (a no-op where it is), so that the
    // counts read as `before` include it.
    const nano = central.state.couch.nano;
    await nano.use('store-s1').bulk({ docs: [stored], new_edits: false }, await onEveryCopy(nano, 'store-s1'));
    return { original, before: await counted() };
  };
  const tamperOf = (docId: string) => sse.next((e) => e.type === 'tamper.detected' && e.data.docId === docId, 30_000);

  it('refuses a fresh root of generation 3 of a recorded sale from a cashier, and the sale stays as it was', async function () {
    const { original, before } = await recorded();
    const res = await bulk(cashier, [{ ...original, total: 1, payments: [{ method: 'card', amount: 1 }], lines: [{ sku: SKU, qty: 1, unitPrice: 1, discount: 0 }],
      _rev: '3-f0f0', _revisions: { start: 3, ids: ['f0f0', 'e0e0', 'd0d0'] } }]);
    expect(res.body).to.have.length(1);
    expect(res.body[0]).to.deep.include({ id: original._id, error: 'forbidden',
      reason: `sale ${original._id} is written once: only its first revision is accepted from a store (got generation 3)` });
    const doc = await atCentral(original._id);
    expect(doc).to.include({ _rev: '1-5a1e', total: PRICE }).and.not.have.property('_conflicts');
    expect(await counted()).to.deep.equal(before);
  });

  it('refuses a tombstone sent as a fresh root, which would hide the sale', async function () {
    const { original, before } = await recorded();
    const res = await bulk(cashier, [{ _id: original._id, _deleted: true, _rev: '4-dead', _revisions: { start: 4, ids: ['dead', 'c', 'b', 'a'] } }]);
    expect(res.body[0]).to.include({ error: 'forbidden' });
    expect((await atCentral(original._id))._rev).to.equal('1-5a1e');
    expect(await counted()).to.deep.equal(before);
  });

  for (const [what, forge] of [
    ['an altered copy', async (s: Record<string, any>) => ({ ...s, total: 1, payments: [{ method: 'card', amount: 1 }], lines: [{ sku: SKU, qty: 1, unitPrice: 1, discount: 0 }] })],
    ['a copy re-signed with a key enrolled for another till', async (s: Record<string, any>) =>
      deviceSigner(pos9).sign({ ...s, signature: undefined, keyId: undefined, total: 1, payments: [{ method: 'card', amount: 1 }], lines: [{ sku: SKU, qty: 1, unitPrice: 1, discount: 0 }] })],
    ['a copy re-signed by another till that claims the sale as its own', async (s: Record<string, any>) =>
      deviceSigner(pos9).sign({ ...s, signature: undefined, keyId: undefined, device: 's1.pos9', total: 1, payments: [{ method: 'card', amount: 1 }], lines: [{ sku: SKU, qty: 1, unitPrice: 1, discount: 0 }] })],
  ] as const) {
    it(`removes a generation-1 sibling that sorts higher (${what}), keeps the original, audits and announces it`, async function () {
      const { original, before } = await recorded();
      const forged = JSON.parse(JSON.stringify(await forge(original as unknown as Record<string, any>))) as Record<string, unknown>;
      const res = await bulk(cashier, [{ ...forged, _rev: '1-ffff', _revisions: { start: 1, ids: ['ffff'] } }]);
      expect(res.body, 'CouchDB stores it: no stored ancestor, no oldDoc').to.deep.equal([]);
      const event = await tamperOf(original._id);
      expect(event.data).to.deep.include({ db: 'store-s1', kept: '1-5a1e' });
      expect(event.data.removed.map((r: { rev: string }) => r.rev)).to.deep.equal(['1-ffff']);
      const doc = await atCentral(original._id);
      expect(doc).to.include({ _rev: '1-5a1e', total: PRICE }).and.not.have.property('_conflicts');
      const leaves = (await (await fetch(`${central.url}/db/store-s1/${encodeURIComponent(original._id)}?open_revs=all`, { headers: { ...basic(admin), Accept: 'application/json' } })).json()) as Array<{ ok: Record<string, unknown> }>;
      expect(leaves.map((l) => [String(l.ok._rev).split('-')[0], l.ok._deleted === true]).sort(), 'the forged branch is a tombstone now').to.deep.equal([['1', false], ['2', true]]);
      expect(doc).to.not.have.property('quarantined');
      expect(await counted()).to.deep.equal(before);
      const audit = (await (await fetch(`${central.url}/api/audit?limit=500`, { headers: basic(admin) })).json()) as { entries: Array<{ action: string; target?: string; details?: any }> };
      const entry = audit.entries.find((e) => e.action === 'tamper.detected' && e.details.docId === original._id);
      expect(entry?.details.removed[0]).to.deep.include({ rev: '1-ffff', pushedBy: cashier.name }).and.have.property('body').that.deep.includes({ total: 1 });
      expect(event.data.removed[0]).to.include({ pushedBy: cashier.name });
    });
  }
});
