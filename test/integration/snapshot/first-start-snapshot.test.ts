// A till's first start from central's snapshots (GET /api/snapshot/:db, store-client/snapshot)
// against a real central (embedded server, demo chain) and real PouchDB memory databases: the
// result equals a plain replication (same leaves, same revision histories, conflicts kept),
// nothing written at central during the snapshot is missed, the replication that follows pulls
// only what changed since, an interrupted load resumes after its last page, and the route reads
// with replication's rights.
import { expect } from 'chai';
import type Nano from 'nano';
import { createNodePouch, firstStartHook, loadFirstStartSnapshots, snapshotFetch, SyncManager, type Db, type SyncStatus } from '../../../store-client/index.js';
import { loadSnapshot, PROGRESS_ID, type Seq } from '../../../store-client/snapshot/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { makeConflict } from '../../helpers/conflicts.js';
import { CatalogIndex } from '../../../store-client/pos/services/catalog-index.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
let n = 0;
const fresh = (what: string): Db => new PouchDB(`snap-${what}-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;

interface Leaf { id: string; rev: string; revisions: string; deleted: boolean }

/** Every leaf of every document (conflicts and deleted leaves too) with its revision history. */
async function leavesOf(db: Db): Promise<Leaf[]> {
  const changes = await db.changes({ style: 'all_docs', since: 0 });
  const wanted = changes.results.flatMap((r) => r.changes.map((c) => ({ id: r.id, rev: c.rev })));
  const got = await db.bulkGet({ docs: wanted, revs: true });
  return got.results.flatMap((r) => r.docs.map((d) => {
    const doc = (d as { ok: Record<string, any> }).ok;
    return { id: doc._id, rev: doc._rev, revisions: JSON.stringify(doc._revisions), deleted: doc._deleted === true };
  })).sort((a, b) => (a.id + a.rev < b.id + b.rev ? -1 : 1));
}

describe('first start from central snapshots', function () {
  this.timeout(120_000);
  let h: DemoCentral;
  let nano: Nano.ServerScope;
  let cashier: { username: string; password: string };
  let headers: Record<string, string>;
  const remote = (db: string): Db => new PouchDB(`${h.central.url}/db/${db}`, { auth: cashier, skip_setup: true }) as unknown as Db;
  const fetchAs = () => snapshotFetch(h.central.url, { headers });

  before(async () => {
    h = await startDemoCentral();
    nano = h.central.state.couch.nano;
    const c = h.account('cashier-s1');
    cashier = { username: c.name, password: c.password };
    headers = basic(c.name, c.password);
  });
  after(async () => h?.stop());

  it('reads with replication rights: anonymous 401, another store 403, an unknown database 400 naming it', async () => {
    expect((await fetch(`${h.central.url}/api/snapshot/catalog`)).status).to.equal(401);
    const other = h.account('cashier-s2');
    const denied = await fetch(`${h.central.url}/api/snapshot/store-s1`, { headers: basic(other.name, other.password) });
    expect(denied.status).to.equal(403);
    const own = await fetch(`${h.central.url}/api/snapshot/store-s2`, { headers: basic(other.name, other.password) });
    expect(own.status).to.equal(200);
    await own.body?.cancel();
    const bad = await fetch(`${h.central.url}/api/snapshot/audit`, { headers });
    expect(bad.status).to.equal(400);
    expect((await bad.json()).message).to.contain('"audit"');
    const admin = h.account('chain-admin');
    const any = await fetch(`${h.central.url}/api/snapshot/store-s3`, { headers: basic(admin.name, admin.password) });
    expect(any.status).to.equal(200);
    await any.body?.cancel();
  });

  it('gives the same documents, revision histories and conflicts as a plain replication', async () => {
    // A conflict central keeps (price below cost: queued for an admin) and a deleted document.
    const id = 'product:PS-M03-NEG-25';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as Record<string, any>;
    const stamp = (iso: string) => `${iso}-0000-central`;
    await makeConflict(nano, 'catalog', id, [
      { ...body, price: 1_000, updatedAt: stamp('2026-11-24T08:00:00.000Z'), stamps: { price: stamp('2026-11-24T08:00:00.000Z'), cost: stamp('2026-11-24T07:00:00.000Z') } },
      { ...body, cost: 5_000, updatedAt: stamp('2026-11-24T09:00:00.000Z'), stamps: { price: stamp('2026-11-24T07:00:00.000Z'), cost: stamp('2026-11-24T09:00:00.000Z') } },
    ]);
    const gone = 'product:PS-M06-NEG-25';
    await nano.use('catalog').destroy(gone, ((await nano.use('catalog').get(gone)) as { _rev: string })._rev);
    const local = { store: fresh('store'), catalog: fresh('catalog'), customers: fresh('customers') };
    const remotes = { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') };
    const outcomes = await loadFirstStartSnapshots({ storeId: 's1', local, remote: remotes, fetch: fetchAs() });
    expect(outcomes).to.deep.equal({ 'store-s1': 'loaded', catalog: 'loaded', customers: 'loaded' });
    const plain = { store: fresh('plain-store'), catalog: fresh('plain-catalog'), customers: fresh('plain-customers') };
    for (const k of ['store', 'catalog', 'customers'] as const) {
      // Equal once both have caught up with central (its resolver may still be writing).
      await waitFor(async () => {
        await local[k].replicate.from(remotes[k], { retry: false });
        await plain[k].replicate.from(remotes[k], { retry: false });
        return JSON.stringify(await leavesOf(local[k])) === JSON.stringify(await leavesOf(plain[k]));
      }, { what: `the snapshot's ${k} to equal a plain replication`, timeoutMs: 30_000, intervalMs: 200 });
    }
    const kept = (await local.catalog.get(id, { conflicts: true })) as { _conflicts?: string[] };
    expect(kept._conflicts, 'the conflict central keeps').to.have.length(1);
    expect((await leavesOf(local.catalog)).find((l) => l.id === gone)?.deleted, 'the deleted document, as a tombstone').to.equal(true);
    expect((await leavesOf(local.catalog)).length).to.be.greaterThan(2000);
    for (const db of [...Object.values(local), ...Object.values(plain)]) await db.destroy();
  });

  it('hands the catalog\'s pages to the POS\'s catalog index: it shows what get returns (a conflict\'s winner, no deleted product), each document applied once per page that carried it, none read back', async () => {
    const id = 'product:PS-M07-NEG-25';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as Record<string, any>;
    await makeConflict(nano, 'catalog', id, [{ ...body, name: 'rama uno' }, { ...body, name: 'rama dos' }]);
    const gone = 'product:PS-M08-NEG-25';
    await nano.use('catalog').destroy(gone, ((await nano.use('catalog').get(gone)) as { _rev: string })._rev);
    const local = { store: fresh('ix-store'), catalog: fresh('ix-catalog') };
    // The index's database, counting what its live changes feeds deliver (the read-back avoided).
    let fed = 0;
    const watched = new Proxy(local.catalog, {
      get(target, key) {
        if (key === 'changes') {
          return (opts?: { live?: boolean }) => {
            const feed = target.changes(opts as never);
            if (opts?.live) feed.on('change', () => fed++);
            return feed;
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const index = new CatalogIndex(watched);
    const applied = new Map<string, number>();
    index.follow((doc) => applied.set(doc._id, (applied.get(doc._id) ?? 0) + 1));
    await index.start();
    try {
      const remotes = { store: remote('store-s1'), catalog: remote('catalog') };
      // How many pages carried each catalog document (central's resolver may settle the conflict
      // while the snapshot is read: the document then comes again, in a later page).
      const pagesWith = new Map<string, number>();
      const counting = async (db: string, since: Seq, signal?: AbortSignal, from?: string) => {
        const res = await fetchAs()(db, since, signal, from);
        if (db !== 'catalog') return res;
        const text = await res.text();
        for (const line of text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; docs?: { _id: string }[] })) {
          for (const docId of new Set((line.docs ?? []).map((d) => d._id))) pagesWith.set(docId, (pagesWith.get(docId) ?? 0) + 1);
        }
        return new Response(text, { status: res.status });
      };
      await loadFirstStartSnapshots({ storeId: 's1', local, remote: remotes, fetch: counting, catalogPages: index.snapshotPages() });
      const rows = (await local.catalog.allDocs({ startkey: 'product:', endkey: 'product:\uffff' })).rows;
      expect(rows.length).to.be.greaterThan(2000);
      const shown = () => rows.every((r) => index.product(r.id.slice('product:'.length))?._rev === r.value.rev);
      await waitFor(shown, { what: 'the index to show every product as get returns it', timeoutMs: 10_000 });
      expect(index.product(id.slice('product:'.length))?._rev, 'the conflict\'s winner').to.equal((await local.catalog.get(id))._rev);
      expect(index.product(gone.slice('product:'.length)), 'the deleted product').to.equal(undefined);
      expect(rows.filter((r) => applied.get(r.id) !== pagesWith.get(r.id)).map((r) => r.id), 'products applied other than once per page that carried them').to.deep.equal([]);
      expect(fed, 'changes read back through the live feed').to.equal(0);
    } finally {
      index.stop();
      for (const db of Object.values(local)) await db.destroy();
    }
  });

  it('misses nothing written at central during the snapshot, and the replication after it pulls only that', async () => {
    const local = fresh('race');
    const catalog = remote('catalog');
    const ids = ['product:PS-M04-NEG-25', 'product:PS-M05-NEG-25'];
    let snapshotSeq: Seq | undefined;
    // Central changes two documents after the snapshot was read, before the till writes it.
    const racing = async (db: string, since: Seq, signal?: AbortSignal) => {
      const text = await (await fetchAs()(db, since, signal)).text();
      snapshotSeq = (JSON.parse(text.trim().split('\n').at(-1)!) as { last_seq: Seq }).last_seq;
      for (const id of ids) {
        const doc = (await nano.use('catalog').get(id)) as Record<string, any>;
        await nano.use('catalog').insert({ ...doc, name: `${doc.name} (nuevo)` } as never);
      }
      return new Response(text, { status: 200 });
    };
    expect(await loadSnapshot({ db: 'catalog', local, remote: catalog, fetch: racing })).to.equal('loaded');
    // The same database at central seen through a fetch that notes where each `_changes` read starts.
    const sinces: string[] = [];
    const watched = new PouchDB(`${h.central.url}/db/catalog`, {
      auth: cashier, skip_setup: true,
      fetch: (url: string | Request, init?: RequestInit) => {
        const u = new URL(String(url));
        if (u.pathname.endsWith('/_changes')) sinces.push(u.searchParams.get('since') ?? '0');
        return fetch(url, init);
      },
    } as never) as unknown as Db;
    // Same replication id as `catalog` (same server uuid and database URL), so the same checkpoint.
    const result = await local.replicate.from(watched, { batch_size: 500, retry: false });
    expect(sinces[0], 'the replication starts at the snapshot\'s seq').to.equal(String(snapshotSeq));
    for (const id of ids) {
      const central = (await nano.use('catalog').get(id)) as Record<string, any>;
      expect((await local.get(id))._rev, id).to.equal(central._rev);
    }
    // At most every change central has had since the snapshot's seq: nothing from before it again.
    const since = (await nano.request({ db: 'catalog', path: '_changes', qs: { since: snapshotSeq } })) as { results: unknown[] };
    expect(result.docs_written).to.be.at.least(ids.length);
    expect(result.docs_written).to.be.at.most(since.results.length);
    await local.destroy();
  });

  it('is loaded by the SyncManager before its first replication, a failed load retried after the back-off, then online', async () => {
    const local = { store: fresh('sm-store'), catalog: fresh('sm-catalog'), customers: fresh('sm-customers') };
    const remotes = { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') };
    let calls = 0;
    const flaky = (db: string, since: Seq, signal?: AbortSignal) => {
      if (++calls === 1) return Promise.reject(Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' }));
      return fetchAs()(db, since, signal);
    };
    const manager = new SyncManager({
      storeId: 's1', deviceId: 's1.snap', local, remote: remotes, backoff: { baseMs: 50, maxMs: 200 },
      beforeSync: () => loadFirstStartSnapshots({ storeId: 's1', local, remote: remotes, fetch: flaky }),
    });
    const states: SyncStatus['state'][] = [];
    manager.onStatus((st) => states.push(st.state));
    await manager.start();
    try {
      await waitFor(() => manager.status.state === 'online', { what: 'the till to be online', timeoutMs: 60_000 });
      expect(states.some((st) => st === 'offline' || st === 'error'), 'the failed load was reported').to.equal(true);
      for (const k of ['store', 'catalog', 'customers'] as const) {
        expect(((await local[k].get(PROGRESS_ID)) as { done: boolean }).done, k).to.equal(true);
      }
      const central = (await nano.db.get('catalog')).doc_count;
      expect((await local.catalog.info()).doc_count).to.equal(central);
      expect((await local.store.info()).doc_count, 'the store database came with the snapshot').to.be.above(0);
      // The loaded sales reached the till without a pull, and the money push finds central has them:
      // both push lanes must pass them (a filtered push's own last seq alone would not).
      expect(manager.status.pending, 'what came from central is not a pending upload').to.equal(0);
    } finally {
      await manager.stop();
      for (const db of Object.values(local)) await db.destroy();
    }
  });

  it('never counts what a snapshot brought as pending uploads, not even while it loads', async () => {
    const local = { store: fresh('pend-store'), catalog: fresh('pend-catalog'), customers: fresh('pend-customers') };
    const remotes = { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') };
    // As the POS wires it (open-till.ts): the hook, which the SyncManager tells what came from central.
    const manager = new SyncManager({
      storeId: 's1', deviceId: 's1.pend', local, remote: remotes, backoff: { baseMs: 50, maxMs: 200 },
      beforeSync: firstStartHook({ storeId: 's1', local, remote: remotes, fetch: fetchAs() }),
    });
    const pending: number[] = [];
    manager.onStatus((st) => pending.push(st.pending));
    await manager.start();
    try {
      await waitFor(() => manager.status.state === 'online', { what: 'the till to be online', timeoutMs: 60_000 });
      expect((await local.store.info()).doc_count, 'the store database came with the snapshot').to.be.above(0);
      expect((await local.customers.info()).doc_count, 'and the customers').to.be.above(0);
      expect(Math.max(...pending), 'the largest pending count shown during the first start').to.equal(0);
    } finally {
      await manager.stop();
      for (const db of Object.values(local)) await db.destroy();
    }
  });

  it('resumes an interrupted load after its last written page, and ends equal to a plain replication', async () => {
    const local = fresh('resume');
    const catalog = remote('catalog');
    const asked: Seq[] = [];
    const recording = (db: string, since: Seq, signal?: AbortSignal) => {
      asked.push(since);
      return fetchAs()(db, since, signal);
    };
    const stop = new AbortController();
    let pages = 0;
    const interrupted = loadSnapshot({
      db: 'catalog', local, remote: catalog, fetch: recording, signal: stop.signal,
      onProgress: () => { if (++pages === 2) stop.abort(new Error('the till was closed')); },
    });
    const why = await interrupted.then(() => undefined, (err: unknown) => err as Error);
    expect(why?.message, 'the load was interrupted').to.contain('closed');
    const progress = (await local.get(PROGRESS_ID)) as { since: Seq; done: boolean; loaded: number };
    expect(progress.done).to.equal(false);
    expect(progress.loaded).to.be.greaterThan(0);
    expect(await loadSnapshot({ db: 'catalog', local, remote: catalog, fetch: recording })).to.equal('loaded');
    expect(asked).to.deep.equal([0, progress.since]);
    expect(await loadSnapshot({ db: 'catalog', local, remote: catalog, fetch: recording })).to.equal('already-loaded');
    const plain = fresh('resume-plain');
    await waitFor(async () => {
      await local.replicate.from(catalog, { retry: false });
      await plain.replicate.from(catalog, { retry: false });
      return JSON.stringify(await leavesOf(local)) === JSON.stringify(await leavesOf(plain));
    }, { what: 'the resumed catalog to equal a plain replication', timeoutMs: 30_000, intervalMs: 200 });
    await local.destroy();
    await plain.destroy();
  });
});
