// A till's history window and central's stock bases, against a real embedded server and real
// PouchDB: central's base sums the money documents before its cutoff; a store account may not
// write one; a new till pulls only its window and its base, and its stock equals central's,
// also after a late document stamped before the cutoff reaches central (the feed job's refresh).
import { expect } from 'chai';
import Nano from 'nano';
import {
  buildMove, buildSale, createClock, createNodePouch, findSaleForReturn, fixHistoryWindow, recordReturn, readHistoryWindow, stockOf, stockOfMany, SyncManager, type Db, type SyncStatus,
} from '../../../store-client/index.js';
import { publishStockBase } from '../../../central/stock-bases/index.js';
import { readWindowSnapshot } from '../../../central/snapshot/index.js';
import { inWindow, windowSelector } from '../../../store-client/history-window.js';
import { refreshBases } from '../../../central/feed/feed-jobs.js';
import { isProntoError } from '../../../validators/index.js';
import { startTestCouch, type TestCouch, type TestStore } from '../../helpers/test-couch.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const STORE = 'w1';
const CUTOFF = '2026-09-01';
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
let n = 0;
const clock = { next: () => `${new Date().toISOString()}-${(n++ % 65536).toString(16).padStart(4, '0')}-central` };

const at = (iso: string) => ({ store: STORE, device: `${STORE}.pos9`, user: 'test', cashier: 'test', businessDay: iso.slice(0, 10), stamp: `${iso}-0000-${STORE}.pos9` });
const move = (iso: string, sku: string, qty: number) => buildMove({ kind: 'receipt', lines: [{ sku, qty }] }, at(iso));
const sale = (iso: string, sku: string, qty: number) => buildSale({ lines: [{ sku, qty, unitPrice: 10_000 }], payments: [{ method: 'cash', amount: qty * 10_000 }] }, at(iso));

/** Central's stock per SKU, from its own `pronto/stock` view. */
async function centralStock(nano: Nano.ServerScope): Promise<Record<string, number>> {
  const res = await nano.use(`store-${STORE}`).view('pronto', 'stock', { group: true });
  return Object.fromEntries(res.rows.map((r) => [(r.key as unknown as [string, string])[1], r.value as number]));
}

describe('stock bases and a till\'s history window', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let store: TestStore;
  let nano: Nano.ServerScope;
  const remote = (): Db => new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true }) as unknown as Db;

  // Written to every copy: a base is summed from the stock view, which reads one copy of each
  // shard, and on a cluster a copy the default quorum (2 of 3) had not reached yet gave
  // { 'SK-B': 5 } for the whole store. What that means for tills on a cluster: docs/OPERATIONS.md.
  const everyCopy = () => onEveryCopy(nano, `store-${STORE}`);

  before(async () => {
    couch = await startTestCouch();
    nano = couch.nano;
    store = await couch.createStore(STORE);
    await nano.use(`store-${STORE}`).bulk({ docs: [
      move('2026-01-05T15:00:00.000Z', 'SK-A', 10), move('2026-01-05T15:00:01.000Z', 'SK-B', 5),
      sale('2026-02-10T16:00:00.000Z', 'SK-A', 1), sale('2026-06-15T16:00:00.000Z', 'SK-B', 2),
      sale('2026-08-31T23:59:59.999Z', 'SK-C', 1),
      sale('2026-09-01T00:00:00.000Z', 'SK-A', 2), sale('2026-11-10T16:00:00.000Z', 'SK-A', 1), move('2026-10-01T10:00:00.000Z', 'SK-D', 7),
    ] as never[] }, await everyCopy());
  });
  after(async () => couch?.stop());

  it('central\'s base sums stock before the cutoff; a store account may neither write nor delete one (403)', async () => {
    const base = await publishStockBase({ nano, clock }, STORE, CUTOFF);
    expect(base.qty).to.deep.equal({ 'SK-A': 9, 'SK-B': 3, 'SK-C': -1 });
    const db = remote();
    const forged = { _id: `stock-base:${STORE}:2026-10-01`, type: 'stock-base', store: STORE, cutoff: '2026-10-01', qty: { 'SK-A': 500 }, updatedAt: clock.next(), updatedBy: 'till' };
    const err = await db.put(forged).then(() => null, (e: { status?: number }) => e);
    expect(err?.status).to.equal(403);
    const { _rev } = await db.get(base._id);
    const del = await db.remove(base._id, _rev).then(() => null, (e: { status?: number }) => e);
    expect(del?.status).to.equal(403);
    const over = await db.put({ ...base, _rev, qty: { 'SK-A': 500 } }).then(() => null, (e: { status?: number }) => e);
    expect(over?.status).to.equal(403);
  });

  it('a new till holds only its window and its base, and its stock equals central\'s, a late document before the cutoff included', async () => {
    const local = new PouchDB(`window-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    const catalog = new PouchDB(`window-cat-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    const m = new SyncManager({
      storeId: STORE, deviceId: `${STORE}.pos1`, local: { store: local, catalog },
      remote: { store: remote(), catalog: new PouchDB(store.catalogUrl, { auth: store.account, skip_setup: true }) as unknown as Db },
      backoff: { baseMs: 100, maxMs: 500 },
      beforeSync: () => fixHistoryWindow({
        local, storeId: STORE, now: NOW, historyDays: async () => 60, fresh: async () => true,
        ensureBase: async (cutoff) => { await publishStockBase({ nano, clock }, STORE, cutoff); return true; },
      }),
    });
    const online = (s: SyncStatus) => s.state === 'online' && s.pending === 0;
    try {
      await m.start();
      await waitFor(() => online(m.status), { timeoutMs: 60_000, what: 'the till online' });
      expect(await readHistoryWindow(local)).to.deep.equal({ cutoff: CUTOFF, baseId: `stock-base:${STORE}:${CUTOFF}` });
      const held = (await local.allDocs({ include_docs: true })).rows.map((r) => r.doc as { _id: string; type?: string; updatedAt?: string });
      const money = held.filter((d) => ['sale', 'move', 'return'].includes(d.type ?? ''));
      expect(money, 'the three documents from the cutoff on').to.have.length(3);
      expect(money.every((d) => d.updatedAt! >= CUTOFF), 'no money document before the cutoff').to.equal(true);
      expect(held.map((d) => d._id)).to.include(`stock-base:${STORE}:${CUTOFF}`);
      expect(await stockOfMany(local, STORE)).to.deep.equal(await centralStock(nano));

      // A till that was offline delivers a receipt stamped in March: central's feed job refreshes the base.
      const late = move('2026-03-03T10:00:00.000Z', 'SK-B', 4);
      await nano.use(`store-${STORE}`).insert(late as never, await everyCopy());
      await refreshBases({ central: { nano, clock } } as never, `store-${STORE}`, [{ id: late._id, changes: [{ rev: '1-x' }] }] as never, { written: new Set() });
      const want = await centralStock(nano);
      expect(want['SK-B']).to.equal(7);
      await waitFor(async () => (await stockOf(local, STORE, 'SK-B')) === 7, { timeoutMs: 30_000, what: 'the late receipt in the till\'s stock' });
      expect(await stockOfMany(local, STORE)).to.deep.equal(want);
      expect(await stockOfMany(local, STORE, ['SK-A', 'SK-B', 'SK-Z'])).to.deep.equal({ 'SK-A': want['SK-A'], 'SK-B': 7, 'SK-Z': 0 });
      const lateHere = await local.get(late._id).then(() => true, () => false);
      expect(lateHere, 'the late receipt itself stays at central').to.equal(false);
    } finally {
      await m.stop();
    }
  });

  it('decides the window once: a later connect asks central for nothing before its sales go up', async () => {
    const local = new PouchDB(`window-once-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    const asked: string[] = [];
    const options = {
      local, storeId: STORE, now: NOW,
      historyDays: async () => { asked.push('historyDays'); return 60; },
      fresh: async () => { asked.push('fresh'); return true; },
      ensureBase: async () => { asked.push('base'); return true; },
    };
    const first = await fixHistoryWindow(options);
    expect(asked).to.deep.equal(['fresh', 'historyDays', 'base']);
    asked.length = 0;
    expect(await fixHistoryWindow(options)).to.deep.equal(first);
    expect(asked, 'nothing read at central once decided').to.deep.equal([]);
  });

  it('a sale older than the window is returned from central when online, its pending returns counted; offline, a typed error says why', async () => {
    const local = new PouchDB(`window-ret-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    await local.replicate.from(remote(), { doc_ids: ['_design/pronto'] });
    await fixHistoryWindow({ local, storeId: STORE, now: NOW, historyDays: async () => 60, fresh: async () => true, ensureBase: async () => true });
    const old = sale('2026-06-15T16:00:00.000Z', 'SK-B', 2)._id;
    const now = () => NOW;
    const clock = await createClock(local, `${STORE}.pos1`, now);
    const ctx = { store: STORE, device: `${STORE}.pos1`, cashier: 'ana', now };
    const input = { lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' as const, reason: 'talla', approvedBy: 'maria' };

    // Offline: no central, or one that cannot be reached.
    const offline = async (central?: Db) => findSaleForReturn(local, old, central).then(() => null, (e: unknown) => e);
    const unreachable = new PouchDB('http://127.0.0.1:9/store-w1', { skip_setup: true }) as unknown as Db;
    for (const err of [await offline(), await offline(unreachable)]) {
      expect(isProntoError(err, 'SYNC_OFFLINE'), String(err)).to.equal(true);
      expect((err as { details: Record<string, unknown> }).details).to.include({ reason: 'older-than-window', cutoff: CUTOFF, sale: old });
    }
    // A sale inside the window that is not here is simply not found (no trip to central).
    const missing = await findSaleForReturn(local, `sale:${STORE}:2026-10-10T10:00:00.000Z-0000-${STORE}.pos9`).then(() => null, (e: unknown) => e);
    expect(isProntoError(missing, 'NOT_FOUND')).to.equal(true);

    // Online: read at central; the first return stays here (not pushed), and still counts for the second.
    expect((await findSaleForReturn(local, old, remote())).at).to.equal('central');
    await recordReturn(local, clock, ctx, old, input, remote());
    await recordReturn(local, clock, ctx, old, input, remote());
    const third = await recordReturn(local, clock, ctx, old, input, remote()).then(() => null, (e: unknown) => e);
    expect(isProntoError(third, 'VALIDATION_FAILED'), 'nothing is left of the line').to.equal(true);
    expect(await local.get(old).then(() => true, () => false), 'the old sale itself is not copied here').to.equal(false);
  });

  it('a window snapshot read by key ranges, page after page, holds exactly what a windowed replication pulls', async () => {
    const db = `store-${STORE}`;
    const more = Array.from({ length: 240 }, (_, i) => sale(new Date(Date.parse('2026-07-20T10:00:00.000Z') + i * 12 * 3600_000).toISOString(), `SK-${String.fromCharCode(65 + (i % 5))}`, 1));
    await nano.use(db).bulk({ docs: more as never[] }, await everyCopy());
    const w = { cutoff: CUTOFF, baseId: `stock-base:${STORE}:${CUTOFF}` };
    const ids: string[] = [];
    let pages = 0;
    for await (const page of readWindowSnapshot(nano, db, STORE, CUTOFF, (d) => inWindow(d, w), 25)) {
      pages++;
      for (const d of page.docs) ids.push(d._id as string);
    }
    const plain = new PouchDB(`window-plain-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    await plain.replicate.from(remote(), { selector: windowSelector(w) } as never);
    const pulled = (await plain.allDocs()).rows.map((r) => r.id).sort();
    expect(pages, 'several pages').to.be.greaterThan(4);
    expect([...new Set(ids)].sort()).to.deep.equal(pulled);
    expect(pulled.filter((id) => id.startsWith('sale:') && id < `sale:${STORE}:${CUTOFF}`)).to.deep.equal([]);
    expect(pulled.filter((id) => id.startsWith('sale:')).length).to.be.greaterThan(100);
  });

  it('a base looks for late documents from the seq its view read answered, not from one read before it', async () => {
    // A late move stamped before the cutoff lands between central's GET /{db} and its view read.
    const late = move('2026-03-04T10:00:00.000Z', 'SK-E', 4);
    const seen = { views: 0, viewSeqs: [] as unknown[], changesSince: [] as unknown[] };
    const watched = Object.create(nano) as Nano.ServerScope;
    watched.use = (<D>(name: string) => {
      const db = nano.use<D>(name);
      const spy = Object.create(db) as typeof db;
      spy.view = (async (...args: Parameters<typeof db.view>) => {
        if (seen.views++ === 0) await db.insert(late as never, await everyCopy());
        const answer = await db.view(...args);
        seen.viewSeqs.push((answer as { update_seq?: unknown }).update_seq);
        return answer;
      }) as typeof db.view;
      spy.changes = ((params: { since?: unknown }) => { seen.changesSince.push(params.since); return db.changes(params as never); }) as typeof db.changes;
      return spy;
    }) as typeof nano.use;
    const base = await publishStockBase({ nano: watched, clock }, STORE, '2026-05-01');
    expect(base.qty['SK-E'], 'the late move is in the base').to.equal(4);
    expect(seen.viewSeqs[0], 'the view answers its seq').to.not.equal(undefined);
    expect(seen.changesSince[0], 'changes read from the view\'s seq').to.equal(String(seen.viewSeqs[0]));
    expect(seen.views, 'no second pass: nothing changed after the view read').to.equal(1);
  });
});
