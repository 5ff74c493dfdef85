// A till's first start with a history window through a real central (demo chain, embedded
// server): GET /api/stock-base publishes the base with replication's rights, the store snapshot
// (`from=`) and then the pull carry only the window and the base, the pull continues from the
// snapshot's checkpoint, and the till's stock equals central's for every SKU of its store.
import { expect } from 'chai';
import type Nano from 'nano';
import {
  buildMove, buildReturn, buildSale, createNodePouch, loadFirstStartSnapshots, readHistoryWindow, snapshotFetch, stockBaseFetch, stockOfMany,
  SyncManager, windowSelector, type Db,
} from '../../../store-client/index.js';
import { PROGRESS_ID, pullReplicationId } from '../../../store-client/snapshot/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const CUTOFF = '2026-09-01';
let n = 0;
const fresh = (what: string): Db => new PouchDB(`wfs-${what}-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
const at = (iso: string) => ({ store: 's1', device: 's1.pos9', user: 'test', cashier: 'test', businessDay: iso.slice(0, 10), stamp: `${iso}-0000-s1.pos9` });

async function centralStock(nano: Nano.ServerScope): Promise<Record<string, number>> {
  const res = await nano.use('store-s1').view('pronto', 'stock', { group: true, startkey: ['s1'], endkey: ['s1', {}] });
  const all = Object.fromEntries(res.rows.map((r) => [(r.key as unknown as [string, string])[1], r.value as number]));
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== 0));
}
const nonZero = (stock: Record<string, number>) => Object.fromEntries(Object.entries(stock).filter(([, v]) => v !== 0));

describe('a windowed first start through central', function () {
  this.timeout(180_000);
  let h: DemoCentral;
  let nano: Nano.ServerScope;
  let headers: Record<string, string>;
  let cashier: { username: string; password: string };
  const remote = (db: string): Db => new PouchDB(`${h.central.url}/db/${db}`, { auth: cashier, skip_setup: true }) as unknown as Db;

  before(async () => {
    h = await startDemoCentral();
    nano = h.central.state.couch.nano;
    const c = h.account('cashier-s1');
    cashier = { username: c.name, password: c.password };
    headers = basic(c.name, c.password);
    // Old history central holds (written as central: its checks may quarantine some, which both sides then skip alike).
    const sku = ((await nano.use('store-s1').view('pronto', 'stock', { group: true, limit: 1 })).rows[0]!.key as unknown as [string, string])[1];
    const old = buildSale({ lines: [{ sku, qty: 3, unitPrice: 10_000 }], payments: [{ method: 'cash', amount: 30_000 }] }, at('2026-05-02T15:00:00.000Z'));
    await nano.use('store-s1').bulk({ docs: [
      buildMove({ kind: 'receipt', lines: [{ sku, qty: 40 }] }, at('2026-03-02T15:00:00.000Z')), old,
      // A return, inside the window, of a sale from before it.
      buildReturn(old, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'cash', reason: 'talla', approvedBy: 'manager-s1' }, at('2026-10-05T15:00:00.000Z')),
    ] as never[] });
  });
  after(async () => h?.stop());

  it('GET /api/stock-base reads with replication rights and refuses a cutoff that is no month start, in the future, or further back than any window', async () => {
    const other = h.account('cashier-s2');
    expect((await fetch(`${h.central.url}/api/stock-base/s1/${CUTOFF}`)).status).to.equal(401);
    expect((await fetch(`${h.central.url}/api/stock-base/s1/${CUTOFF}`, { headers: basic(other.name, other.password) })).status).to.equal(403);
    expect((await fetch(`${h.central.url}/api/stock-base/s1/2026-09-02`, { headers })).status).to.equal(400);
    expect((await fetch(`${h.central.url}/api/stock-base/s1/2999-01-01`, { headers })).status).to.equal(400);
    expect((await fetch(`${h.central.url}/api/stock-base/s1/1900-01-01`, { headers })).status, 'further back than any window').to.equal(400);
    expect((await nano.use('store-s1').list({ key: 'stock-base:s1:1900-01-01' })).rows, 'nothing published for it').to.have.length(0);
    const own = await fetch(`${h.central.url}/api/stock-base/s1/${CUTOFF}`, { headers });
    expect(own.status).to.equal(200);
    expect(((await own.json()) as { _id: string })._id).to.equal(`stock-base:s1:${CUTOFF}`);
  });

  it('starts the catalog\'s and customers\' loads at once; only the store\'s waits for the history window', async () => {
    const local = { store: fresh('store'), catalog: fresh('catalog'), customers: fresh('customers') };
    const remotes = { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') };
    const asked: string[] = [];
    const snapshots = snapshotFetch(h.central.url, { headers });
    const realBase = stockBaseFetch(h.central.url, { headers });
    // The stock base is held until the catalog's snapshot has been asked for.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const loading = loadFirstStartSnapshots({
      storeId: 's1', local, remote: remotes, now: () => NOW,
      fetch: (db, since, signal, from) => { asked.push(db); return snapshots(db, since, signal, from); },
      stockBase: async (store, cutoff, signal) => { await held; return realBase(store, cutoff, signal); },
    });
    await waitFor(() => asked.includes('catalog') && asked.includes('customers'), { timeoutMs: 30_000, what: 'the catalog\'s and customers\' snapshots asked for while the window is undecided' });
    expect(asked, 'the store\'s snapshot waits for its window').not.to.include('store-s1');
    release();
    expect(await loading).to.deep.equal({ 'store-s1': 'loaded', catalog: 'loaded', customers: 'loaded' });
    expect(await readHistoryWindow(local.store)).to.deep.equal({ cutoff: CUTOFF, baseId: `stock-base:s1:${CUTOFF}` });
    for (const db of Object.values(local)) await db.destroy();
  });

  it('loads only the window and the base, continues from the snapshot, and shows central\'s stock', async () => {
    const local = { store: fresh('store'), catalog: fresh('catalog'), customers: fresh('customers') };
    const remotes = { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') };
    const options = {
      storeId: 's1', local, remote: remotes, fetch: snapshotFetch(h.central.url, { headers }),
      stockBase: stockBaseFetch(h.central.url, { headers }), now: () => NOW,
    };
    const outcomes = await loadFirstStartSnapshots(options);
    expect(outcomes['store-s1']).to.equal('loaded');
    const window = await readHistoryWindow(local.store);
    expect(window).to.deep.equal({ cutoff: CUTOFF, baseId: `stock-base:s1:${CUTOFF}` });
    const checkpoint = await pullReplicationId(local.store, remotes.store, windowSelector(window!));
    expect((await local.store.get(checkpoint)) as object, 'the windowed pull\'s checkpoint').to.have.property('last_seq');
    const held = (await local.store.allDocs({ include_docs: true })).rows.map((r) => r.doc as { _id: string; type?: string; updatedAt?: string });
    expect(held.filter((d) => ['sale', 'move', 'return'].includes(d.type ?? '') && d.updatedAt! < CUTOFF), 'money documents before the cutoff').to.deep.equal([]);
    expect(held.map((d) => d._id)).to.include(window!.baseId);
    expect(held.some((d) => d.type === 'return' && d.updatedAt!.startsWith('2026-10-05')), 'the return inside the window').to.equal(true);
    // The same documents and revisions as a plain replication with the window's selector.
    // Equal once both have caught up with central (its checks may still be writing).
    const plain = fresh('plain');
    const revs = async (db: Db) => JSON.stringify((await db.allDocs()).rows.map((r) => `${r.id} ${r.value.rev}`).sort());
    const snapshotIds = (await local.store.allDocs()).rows.map((r) => r.id).sort();
    await waitFor(async () => {
      await plain.replicate.from(remotes.store, { selector: windowSelector(window!), retry: false } as never);
      await local.store.replicate.from(remotes.store, { selector: windowSelector(window!), retry: false } as never);
      return (await revs(local.store)) === (await revs(plain));
    }, { what: 'the windowed snapshot to equal a windowed replication', timeoutMs: 30_000, intervalMs: 250 });
    expect(snapshotIds).to.deep.equal((await plain.allDocs()).rows.map((r) => r.id).sort());
    const manager = new SyncManager({ storeId: 's1', deviceId: 's1.wfs', local, remote: remotes, backoff: { baseMs: 50, maxMs: 200 }, beforeSync: () => loadFirstStartSnapshots(options) });
    await manager.start();
    try {
      await waitFor(() => manager.status.state === 'online' && manager.status.pending === 0, { what: 'the till online', timeoutMs: 60_000 });
      // Central's own jobs (signature checks, quarantine, base refresh) may still be writing: equal once both settle.
      await waitFor(async () => JSON.stringify(nonZero(await stockOfMany(local.store, 's1'))) === JSON.stringify(await centralStock(nano)), { what: 'the till\'s stock to equal central\'s', timeoutMs: 60_000, intervalMs: 250 });
      const after = (await local.store.allDocs({ include_docs: true })).rows.map((r) => r.doc as { type?: string; updatedAt?: string });
      expect(after.filter((d) => ['sale', 'move', 'return'].includes(d.type ?? '') && d.updatedAt! < CUTOFF)).to.deep.equal([]);
      expect(((await local.store.get(PROGRESS_ID)) as { done: boolean }).done).to.equal(true);
    } finally {
      await manager.stop();
    }
  });
});
