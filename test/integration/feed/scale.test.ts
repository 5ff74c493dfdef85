// Hundreds of store databases followed over a handful of connections: central's change feed holds
// no long-poll per database (central/feed/start-feed.ts). A loopback proxy in front of the database
// server counts, server-side, the sockets central holds open at once. On Apache CouchDB with
// `_global_changes` (created here if missing, deleted again after), and on the embedded server
// (its front door keeps one: central/couch/db-updates-feed.ts), the feed follows `_db_updates`;
// told not to (a CouchDB without `_global_changes`), it polls. Either way every sale written into
// every store is judged (the signature check) once, a sale written while its database is being
// read is not missed, and a feed whose connections drop reads every database again. FEED_SCALE_STORES sets
// how many stores (default 200); the figures (connections, judge lag p50/max) are printed.
import { expect } from 'chai';
import Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { mapLimit } from '../../../central/map-limit.js';
import { FEED_JOBS, startFeed, type Feed, type FeedJob, type FeedOptions } from '../../../central/feed/index.js';
import { checkSignaturesAndRules } from '../../../central/feed/feed-jobs.js';
import { setupStoreDatabase } from '../../../central/setup/run-setup.js';
import { buildSale } from '../../../store-client/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startCountingProxy, type CountingProxy } from '../../helpers/connection-counting-proxy.js';
import { testAudit } from '../../helpers/test-audit.js';
import { waitFor } from '../../helpers/wait-for.js';

const STORES = Number(process.env.FEED_SCALE_STORES ?? 200);
const READS = Number(process.env.FEED_SCALE_READS ?? 8);
/** A bound of the reads at once, not of the stores: each read's batch runs jobs with requests of
 *  their own in parallel (the checkpoint beside update_seq, the documents, device and catalog
 *  facts), plus the feed's own two, `_db_updates` and discovery. Polling once held 25 (CI), one
 *  over 3 × READS; on the 3-node cluster 33, one over 4 × READS. */
const MAX_CONNECTIONS = 4 * READS + 2;
const stores = Array.from({ length: STORES }, (_, i) => `x${String(i).padStart(3, '0')}`);

describe('change feed at scale (integration)', function () {
  this.timeout(600_000);
  let couch: TestCouch;
  let proxy: CountingProxy;
  let createdGlobalChanges = false;
  const feeds: Feed[] = [];
  const log = pino({ level: process.env.FEED_LOG ?? 'silent' });
  let n = 0;

  before(async function () {
    couch = await startTestCouch();
    if (couch.embedded === undefined && !(await couch.nano.db.list()).includes('_global_changes')) {
      await couch.nano.db.create('_global_changes');
      createdGlobalChanges = true;
    }
    const stamp = `${new Date().toISOString()}-0000-central`;
    await couch.nano.use('catalog').bulk({ docs: stores.map((s) => ({ _id: `store:${s}`, type: 'store', store: s, name: `Store ${s}`, timezone: 'America/Mexico_City', active: true, updatedAt: stamp, updatedBy: 'test' })) as never[] });
    await mapLimit(stores, 8, (s) => setupStoreDatabase(couch.nano, s));
    proxy = await startCountingProxy(couch.url);
  });
  afterEach(async () => { await Promise.all(feeds.splice(0).map((f) => f.stop())); });
  after(async () => {
    await proxy?.close();
    if (createdGlobalChanges) await couch.nano.db.destroy('_global_changes');
    await couch?.stop();
  });

  /** A feed reaching the server only through the counting proxy; `judged` gets, for each sale as written (its first revision), when the signature check ran on it. Its quarantine is a later revision, checked again. */
  async function start(judged: Map<string, number[]>, more: Partial<FeedOptions> = {}, during?: FeedJob): Promise<Feed> {
    const through = new URL(proxy.url);
    through.username = couch.adminAuth.username;
    through.password = couch.adminAuth.password;
    const counted: FeedJob = async (deps, db, changes, notes) => {
      await during?.(deps, db, changes, notes);
      await checkSignaturesAndRules(deps, db, changes, notes);
      for (const c of changes) if (c.id.startsWith('sale:') && c.changes.some((r) => r.rev.startsWith('1-'))) judged.set(c.id, [...(judged.get(c.id) ?? []), Date.now()]);
    };
    const feed = await startFeed({
      nano: Nano({ url: through.toString().replace(/\/$/, ''), parseUrl: false } as Nano.Configuration), couchUrl: proxy.url, auth: couch.adminAuth,
      clock: createCentralClock(), bus: createEventBus(), log, policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano),
      jobs: FEED_JOBS.map((job) => (job === checkSignaturesAndRules ? counted : job)), readConcurrency: READS, pollTimeoutMs: 5_000, ...more,
    });
    feeds.push(feed);
    return feed;
  }
  /** Waits until the feed has read every store database to its end: nothing in its `_changes` after the feed's checkpoint. */
  async function caughtUp(): Promise<void> {
    const checkpoints = couch.nano.use<{ since: string }>('pronto-checkpoints');
    const done = async (store: string) => {
      let since: string;
      try {
        since = (await checkpoints.get(`checkpoint:resolver:store-${store}`)).since;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return false; // not read yet
        throw err;
      }
      return (await couch.nano.use(`store-${store}`).changes({ since, limit: 1 })).results.length === 0;
    };
    await waitFor(async () => (await mapLimit(stores, 8, done)).every(Boolean), { timeoutMs: 300_000, intervalMs: 1_000, what: `the feed to catch up with ${STORES} store databases` });
  }
  /** An unsigned sale written straight into the store's database (not through the proxy); its id. */
  async function sale(store: string): Promise<string> {
    const now = new Date().toISOString();
    const doc = buildSale({ lines: [{ sku: 'PS-M01-NEG-25', qty: 1, unitPrice: 1 }], payments: [{ method: 'cash', amount: 1 }] },
      { store, device: `${store}.pos1`, cashier: `cashier-${store}`, businessDay: now.slice(0, 10), stamp: `${now}-${(n++ % 65536).toString(16).padStart(4, '0')}-${store}.pos1` });
    await couch.nano.use(`store-${store}`).insert(doc as never);
    return doc._id;
  }
  const judgedOnce = async (judged: Map<string, number[]>, ids: string[]) => {
    await waitFor(() => ids.every((id) => judged.has(id)), { timeoutMs: 120_000, intervalMs: 100, what: `${ids.length} sales to be judged` });
    // Nothing judges them again: a bounded window longer than a poll round.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const id of ids) expect(judged.get(id), id).to.have.length(1);
  };
  const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

  it(`judges a sale in each of ${STORES} store databases once, holding at most ${MAX_CONNECTIONS} connections to the server`, async function () {
    const judged = new Map<string, number[]>();
    const feed = await start(judged);
    await caughtUp();
    proxy.resetMax();
    const written = new Map<string, number>();
    await mapLimit(stores, 8, async (s) => { const id = await sale(s); written.set(id, Date.now()); });
    await judgedOnce(judged, [...written.keys()]);
    const lags = [...written].map(([id, at]) => judged.get(id)![0]! - at);
    console.log(`      ${couch.embedded ? 'embedded' : 'CouchDB'}, ${feed.mode()}: ${STORES} stores, at most ${proxy.maxOpen()} connections at once; judged ${lags.length} sales, lag p50 ${percentile(lags, 0.5)} ms, max ${Math.max(...lags)} ms`);
    expect(feed.mode()).to.equal('db-updates');
    expect(feed.databases().filter((db) => db.startsWith('store-x'))).to.have.length(STORES);
    expect(proxy.maxOpen()).to.be.at.most(MAX_CONNECTIONS);
  });

  it('judges a steady trickle of sales across the stores once each (figures: lag at ten sales a second)', async function () {
    const judged = new Map<string, number[]>();
    const feed = await start(judged);
    await caughtUp();
    proxy.resetMax();
    const written = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const id = await sale(stores[(i * 37) % STORES]!);
      written.set(id, Date.now());
      await new Promise((r) => setTimeout(r, 100)); // the pace of the load, not a wait for an effect
    }
    await judgedOnce(judged, [...written.keys()]);
    const lags = [...written].map(([id, at]) => judged.get(id)![0]! - at);
    console.log(`      ${couch.embedded ? 'embedded' : 'CouchDB'}, ${feed.mode()}: ${STORES} stores, steady 10 sales/s, at most ${proxy.maxOpen()} connections at once; lag p50 ${percentile(lags, 0.5)} ms, max ${Math.max(...lags)} ms`);
    expect(proxy.maxOpen()).to.be.at.most(MAX_CONNECTIONS);
  });

  it('judges a sale written into a database while the feed is reading it', async function () {
    const judged = new Map<string, number[]>();
    let late: string | undefined;
    // A till's status (which no job writes back) is read; its batch writes a sale before it ends
    // and holds the read until `_db_updates` has told of that write: the feed learns
    // of the sale while the read is under way, and nothing else would bring it (no safety round).
    const status = 'store-status:x001:x001.pos9';
    const during: FeedJob = async (_deps, db, changes) => {
      if (db !== 'store-x001' || late !== undefined || !changes.some((c) => c.id === status)) return;
      const since = (await (await fetch(`${couch.url}/_db_updates?since=now`, { headers: auth() })).json() as { last_seq: string }).last_seq;
      late = await sale('x001');
      await dbUpdated('store-x001', since);
    };
    await start(judged, { safetyRoundMs: 600_000 }, during);
    await caughtUp();
    await couch.nano.use('store-x001').insert({ _id: status, type: 'store-status', store: 'x001', device: 'x001.pos9', state: 'online', pending: 0, updatedBy: 'device-x001', updatedAt: `${new Date().toISOString()}-0000-x001.pos9` } as never);
    await waitFor(() => late !== undefined, { what: 'the sale to be written during the read' });
    await judgedOnce(judged, [late!]);
  });

  it('reads every database again when its connections to the server drop, and misses nothing written meanwhile', async function () {
    const judged = new Map<string, number[]>();
    const feed = await start(judged, { safetyRoundMs: 600_000 });
    await caughtUp();
    await waitFor(() => feed.mode() === 'db-updates', { what: 'the feed to follow _db_updates' });
    proxy.cut();
    const ids = [await sale('x002'), await sale(stores[Math.floor(STORES / 2)]!), await sale(stores[STORES - 1]!)];
    await waitFor(() => feed.mode() === 'poll', { what: 'the feed to notice _db_updates is gone' });
    proxy.heal();
    await judgedOnce(judged, ids);
    await waitFor(() => feed.mode() === 'db-updates', { what: 'the feed to follow _db_updates again' });
  });

  it('polls every database when it does not use _db_updates (a CouchDB without _global_changes), and judges each sale once', async function () {
    const judged = new Map<string, number[]>();
    const feed = await start(judged, { dbUpdates: false });
    await caughtUp();
    proxy.resetMax();
    const ids = await mapLimit(stores.filter((_, i) => i % 10 === 0), 8, sale);
    await judgedOnce(judged, ids);
    expect(feed.mode()).to.equal('poll');
    expect(proxy.maxOpen()).to.be.at.most(MAX_CONNECTIONS);
  });

  const auth = () => ({ Authorization: 'Basic ' + Buffer.from(`${couch.adminAuth.username}:${couch.adminAuth.password}`).toString('base64') });
  /** Waits (bounded) until `_db_updates` after `since` names `db`. */
  async function dbUpdated(db: string, since: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const body = await (await fetch(`${couch.url}/_db_updates?feed=longpoll&timeout=2000&since=${encodeURIComponent(since)}`, { headers: auth() })).json() as { results: Array<{ db_name: string }>; last_seq: string };
      if (body.results.some((r) => r.db_name === db)) return;
      since = body.last_seq;
    }
    throw new Error(`_db_updates never named ${db}`);
  }
});
