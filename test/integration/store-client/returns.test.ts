// Returns and voids against a real server: the server refuses a return whose money does not add
// up with the Node validator's message, a stored return cannot be edited or deleted by the store,
// and two tills voiding one sale while cut off from each other end up with one void, counted once.
import { expect } from 'chai';
import { copiesOf } from '../../../central/couch/exclusive-writes.js';
import { buildDesignDocs } from '../../../design-docs/index.js';
import {
  buildReturn, createClock, createNodePouch, recordMove, recordSale, recordVoid, stockOf, voidId, type Db,
} from '../../../store-client/index.js';
import { isValid, type Sale } from '../../../validators/index.js';
import { startTestCouch, type TestCouch, type TestStore } from '../../helpers/test-couch.js';

const PouchDB = createNodePouch();
const SKU = 'PR-3003-AZU-26';
const VOIDED_SKU = 'PR-3003-AZU-27';
let n = 0;

describe('returns and voids on the server (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let store: TestStore;
  let headers: Record<string, string>;
  const tills: Db[] = [];

  before(async function () {
    couch = await startTestCouch();
    store = await couch.createStore('s1');
    const { username, password } = store.account;
    headers = { Authorization: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64'), 'Content-Type': 'application/json' };
  });
  after(async function () {
    for (const db of tills) await db.destroy();
    await couch?.stop();
  });

  const remote = () => new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true } as never);
  /** A till's local store database, with the views (PouchDB does not run validate_doc_update). */
  async function till(): Promise<Db> {
    const db = new PouchDB(`returns-till-${n++}-${Date.now()}`, { adapter: 'memory' });
    const { _id, views } = buildDesignDocs().store;
    await db.put({ _id, views });
    tills.push(db);
    return db;
  }
  /** Pushes what a till wrote (not its local design doc, which only admins may write), and
   * returns the messages of the documents the server denied. */
  async function push(local: Db): Promise<string[]> {
    const denied: string[] = [];
    await new Promise((resolve, reject) => {
      local.replicate.to(remote(), { filter: (doc: { _id: string }) => !doc._id.startsWith('_design/') })
        .on('denied', (e: unknown) => denied.push((e as { message?: string }).message ?? String(e)))
        .on('complete', resolve).on('error', reject);
    });
    return denied;
  }
  const put = (doc: { _id: string }, query = '') => fetch(`${store.storeDbUrl}/${encodeURIComponent(doc._id)}${query}`, { method: 'PUT', headers, body: JSON.stringify(doc) });
  const serverStock = async () => {
    const key = encodeURIComponent(JSON.stringify(['s1', VOIDED_SKU]));
    const res = (await (await fetch(`${store.storeDbUrl}/_design/pronto/_view/stock?key=${key}&group=true`, { headers })).json()) as { rows: Array<{ value: number }> };
    return res.rows[0]?.value ?? 0;
  };

  function aSale(): Sale {
    const stamp = `2026-11-24T12:00:00.000Z-${(n++).toString(16).padStart(4, '0')}-s1.pos1`;
    return {
      _id: `sale:s1:${stamp}`, type: 'sale', updatedAt: stamp, updatedBy: 'ana', store: 's1', device: 's1.pos1', cashier: 'ana',
      businessDay: '2026-11-24', lines: [{ sku: SKU, qty: 2, unitPrice: 45000, discount: 1000 }], total: 89000,
      payments: [{ method: 'cash', amount: 90000 }], change: 1000,
    };
  }
  const aReturn = (sale: Sale) => buildReturn(sale, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'cash', reason: 'too small', approvedBy: 'maria' },
    { store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: '2026-11-25', stamp: `2026-11-25T09:00:00.000Z-${(n++).toString(16).padStart(4, '0')}-s1.pos1` });

  it('refuses a return whose total does not add up, with the message the Node validator gives', async function () {
    const sale = aSale();
    const bad = { ...aReturn(sale), total: 45000, refunds: [{ method: 'cash' as const, amount: 45000 }] };
    const message = 'return/total must be 44500, the sum of qty * unitPrice - discount';
    expect(isValid(bad, { db: 'store-s1' })).to.equal(message);
    const res = await put(bad);
    expect({ status: res.status, ...((await res.json()) as object) }).to.deep.equal({ status: 403, error: 'forbidden', reason: message });
  });

  it('refuses any edit or delete of a stored return by a store account, on PUT and on replication', async function () {
    const sale = aSale();
    const doc = aReturn(sale);
    // To every copy (w=n): on a cluster an edit that meets a copy without the return is a 409
    // there (no such revision) instead of the design doc's 403.
    const created = await put(doc, `?w=${await copiesOf(couch.nano, 'store-s1')}`);
    expect(created.status).to.equal(201);
    const rev = ((await created.json()) as { rev: string }).rev;
    const immutable = `return ${doc._id} is immutable: record a correction instead`;
    const edit = await put({ ...doc, _rev: rev, refunds: [{ method: 'card', amount: doc.total }] } as never);
    expect({ status: edit.status, ...((await edit.json()) as object) }).to.deep.equal({ status: 403, error: 'forbidden', reason: immutable });
    const del = await fetch(`${store.storeDbUrl}/${encodeURIComponent(doc._id)}?rev=${rev}`, { method: 'DELETE', headers });
    expect({ status: del.status, ...((await del.json()) as object) }).to.deep.equal({
      status: 403, error: 'forbidden', reason: `return ${doc._id} is immutable: it cannot be deleted; record a correction instead` });
    // The same edit made on a till and replicated: denied, and the server keeps the original.
    const local = await till();
    await local.replicate.from(remote(), { doc_ids: [doc._id] });
    await local.put({ ...(await local.get(doc._id)), reason: 'changed my mind' });
    expect(await push(local)).to.deep.equal([immutable]);
    expect(await remote().get(doc._id)).to.include({ _rev: rev, reason: 'too small' });
  });

  it('two tills voiding one sale while apart give one void document, counted once in stock', async function () {
    const [a, b] = [await till(), await till()];
    // One clock for the stamps and the business days: a sale's day is its stamp's (record-sale).
    const now = () => Date.parse('2026-11-24T18:00:00.000Z');
    const clockA = await createClock(a, 's1.pos1', now);
    const clockB = await createClock(b, 's1.pos2', now);
    const tillA = { store: 's1', device: 's1.pos1', cashier: 'ana', now };
    const tillB = { store: 's1', device: 's1.pos2', cashier: 'luis', now };
    await recordMove(a, clockA, tillA, { kind: 'opening', lines: [{ sku: VOIDED_SKU, qty: 10 }] });
    const sale = await recordSale(a, clockA, tillA, { lines: [{ sku: VOIDED_SKU, qty: 3, unitPrice: 45000 }], payments: [{ method: 'card', amount: 135000 }] });
    expect(await push(a)).to.deep.equal([]);
    await b.replicate.from(remote());
    expect(await serverStock()).to.equal(7);

    // Cut off from each other, each till voids the sale: same id, two different revisions.
    const voidA = await recordVoid(a, clockA, tillA, sale._id, { reason: 'card declined later', approvedBy: 'maria' });
    const voidB = await recordVoid(b, clockB, tillB, sale._id, { reason: 'customer left', approvedBy: 'maria' });
    expect(voidA._id).to.equal(voidId(sale._id)).and.to.equal(voidB._id);
    expect(voidA._rev).to.not.equal(voidB._rev);

    expect(await push(a)).to.deep.equal([]);
    // The embedded server denies B's revision as an edit of A's; CouchDB keeps it as a conflict.
    await push(b);
    await b.replicate.from(remote());
    // Keys encoded: Apache CouchDB takes a bare ';' in a query string for a separator.
    const range = `startkey=${encodeURIComponent('"return:s1:void:"')}&endkey=${encodeURIComponent('"return:s1:void;"')}`;
    const voids = (await (await fetch(`${store.storeDbUrl}/_all_docs?${range}`, { headers })).json()) as { rows: Array<{ id: string }> };
    expect(voids.rows.map((r) => r.id)).to.deep.equal([voidId(sale._id)]);
    expect(await serverStock()).to.equal(10);
    // Till B now holds both revisions (a conflict at most): its stock counts the void once too.
    expect(await stockOf(b, 's1', VOIDED_SKU)).to.equal(10);
    expect(await stockOf(a, 's1', VOIDED_SKU)).to.equal(10);
  });
});
