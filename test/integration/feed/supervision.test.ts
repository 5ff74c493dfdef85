// The change feed is supervised: a follower that meets a database without its design doc yet,
// or no checkpoint database, keeps trying until it can; a batch whose job fails is kept with the
// checkpoint and retried, by the same process or after a restart; work that arrived while
// central was down is done on start; and stop() returns while a request hangs.
import { expect } from 'chai';
import net from 'node:net';
import Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { FEED_JOBS, createDatabaseReader, startFeed, type Feed, type FeedJob, type FeedOptions } from '../../../central/feed/index.js';
import { checkSignaturesAndRules } from '../../../central/feed/feed-jobs.js';
import { buildSale } from '../../../store-client/index.js';
import { runSetup, setupStoreDatabase } from '../../../central/setup/run-setup.js';
import { embeddedOrSkip, startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('change feed supervision (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let device: { username: string; password: string };
  const feeds: Feed[] = [];
  let n = 0;
  const log = pino({ level: process.env.FEED_LOG ?? 'silent' });

  before(async () => {
    couch = await startTestCouch();
    device = (await couch.createStore('s1')).account;
  });
  afterEach(async () => { await Promise.all(feeds.splice(0).map((f) => f.stop())); });
  after(async () => { await couch?.stop(); });

  const start = async (more: Partial<FeedOptions> = {}) => {
    const feed = await startFeed({
      nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(), log,
      policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000, retryBaseMs: 100, discoverEveryMs: 200, ...more,
    });
    feeds.push(feed);
    return feed;
  };
  const stopAll = () => Promise.all(feeds.splice(0).map((f) => f.stop()));
  /** An unsigned sale written straight into the store's database: central must quarantine it. */
  const unsignedSale = async (store = 's1', auth: { username: string; password: string } | null = device) => {
    const now = new Date().toISOString();
    const sale = buildSale({ lines: [{ sku: 'PS-M01-NEG-25', qty: 1, unitPrice: 1 }], payments: [{ method: 'cash', amount: 1 }] },
      { store, device: `${store}.pos1`, cashier: `cashier-${store}`, businessDay: now.slice(0, 10), stamp: `${now}-${(n++).toString(16).padStart(4, '0')}-${store}.pos1` });
    if (auth === null) {
      await couch.nano.use(`store-${store}`).insert(sale as never);
      return sale._id;
    }
    const res = await fetch(`${couch.url}/store-${store}/${encodeURIComponent(sale._id)}`, {
      method: 'PUT', headers: { Authorization: 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64'), 'Content-Type': 'application/json' },
      body: JSON.stringify(sale),
    });
    expect(res.status).to.equal(201);
    return sale._id;
  };
  const isQuarantined = async (id: string, db = 'store-s1') => ((await couch.nano.use(db).get(id)) as unknown as Record<string, unknown>).quarantined !== undefined;
  const quarantined = (id: string, db = 'store-s1') => waitFor(() => isQuarantined(id, db), { what: `${id} to be quarantined` });
  const checkpoint = async (db = 'store-s1') => (await couch.nano.use('pronto-checkpoints').get(`checkpoint:resolver:${db}`)) as unknown as
    { since: string; pending?: { changes: Array<{ id: string }>; attempts: number; lastError?: string } };
  /** The feed's jobs, with the signature check of store-s1's sales failing while `failing()` says so (failures counted). */
  const checksFailing = (failing: () => boolean, thrown: { n: number }): FeedJob[] => FEED_JOBS.map((job) => (job !== checkSignaturesAndRules ? job : async (deps, db, changes, notes) => {
    if (db === 'store-s1' && changes.some((c) => c.id.startsWith('sale:')) && failing()) {
      thrown.n += 1;
      throw new Error('the signature check is down');
    }
    return job(deps, db, changes, notes);
  }));

  it('gets an answer to an idle long-poll once its timeout has passed, as from CouchDB (the embedded server is patched)', async function () {
    const seq = (await couch.nano.db.get('catalog')).update_seq;
    const auth = { Authorization: 'Basic ' + Buffer.from(`${couch.adminAuth.username}:${couch.adminAuth.password}`).toString('base64') };
    const res = await fetch(`${couch.url}/catalog/_changes?feed=longpoll&timeout=300&since=${encodeURIComponent(String(seq))}`, { headers: auth, signal: AbortSignal.timeout(15_000) });
    const body = (await res.json()) as { results: unknown[]; last_seq: unknown };
    expect(body.results).to.deep.equal([]);
    // Apache CouchDB's sequences are opaque strings that may be spelled differently; their leading number is the position.
    expect(parseInt(String(body.last_seq), 10)).to.equal(parseInt(String(seq), 10));
  });

  it('starts following a database created before its design doc once the design doc is there', async function () {
    // Setup creates a store's database, then pushes its design doc: the start-up sweep meets a 404 view.
    await couch.nano.db.create('store-early');
    const id = await unsignedSale('early', null);
    const feed = await start();
    await waitFor(() => feed.databases().includes('store-early'), { what: 'store-early to be followed' });
    await waitFor(async () => (await couch.nano.use('pronto-checkpoints').list({ key: 'checkpoint:resolver:store-s1' })).rows.length === 1, { what: 'the others to go on meanwhile' });
    expect(await isQuarantined(id, 'store-early'), 'nothing done without the design doc').to.equal(false);
    await setupStoreDatabase(couch.nano, 'early');
    await quarantined(id, 'store-early');
  });

  it('waits for its checkpoint database rather than start again from the beginning, then goes on', async function () {
    await start();
    await quarantined(await unsignedSale());
    await waitFor(async () => (await couch.nano.use('pronto-checkpoints').list({ key: 'checkpoint:resolver:store-s1' })).rows.length === 1, { what: 'a checkpoint' });
    await stopAll();
    const before = await checkpoint();
    await couch.nano.db.destroy('pronto-checkpoints');
    const id = await unsignedSale();
    await start();
    // Without its checkpoints the follower cannot know what it did: it waits (a bounded window).
    const deadline = Date.now() + 1_500;
    while (Date.now() < deadline) {
      expect(await isQuarantined(id), 'no work before its checkpoint is known').to.equal(false);
      await new Promise((r) => setTimeout(r, 100));
    }
    await couch.nano.db.create('pronto-checkpoints');
    await couch.nano.use('pronto-checkpoints').insert({ _id: 'checkpoint:resolver:store-s1', db: 'store-s1', since: before.since } as never);
    await runSetup(couch.nano);
    await quarantined(id);
  });

  it('keeps a batch whose job fails with its checkpoint, retries it with back-off and does it once the job works', async function () {
    const thrown = { n: 0 };
    await start({ jobs: checksFailing(() => thrown.n < 3, thrown) });
    const id = await unsignedSale();
    await waitFor(async () => (await checkpoint()).pending?.changes.some((c) => c.id === id) === true, { what: 'the failed batch to be kept with the checkpoint' });
    await quarantined(id);
    expect(thrown.n, 'done by the attempt after the third failure').to.equal(3);
    await waitFor(async () => (await checkpoint()).pending === undefined, { what: 'the pending work to be cleared' });
  });

  it('does a failed batch after a restart, however many times it failed before', async function () {
    await start({ jobs: checksFailing(() => true, { n: 0 }) });
    const id = await unsignedSale();
    await waitFor(async () => ((await checkpoint()).pending?.attempts ?? 0) >= 6, { what: 'six failed attempts' });
    const kept = await checkpoint();
    expect(kept.pending!.changes.map((c) => c.id)).to.include(id);
    expect(kept.pending!.lastError).to.equal('the signature check is down');
    expect(await isQuarantined(id)).to.equal(false);
    await stopAll();
    await start();
    await quarantined(id);
  });

  it('checks on start the sales written while central was down', async function () {
    await start();
    const first = await unsignedSale();
    await quarantined(first);
    await stopAll();
    const missed = await unsignedSale();
    await start();
    await quarantined(missed);
  });

  it('outlives CouchDB dying under it and checks what arrives once it is back', async function () {
    const embedded = embeddedOrSkip(this, couch); // COUCHDB_URL: a server the suite cannot kill
    const feed = await start();
    const first = await unsignedSale();
    await quarantined(first);
    const restarts = embedded.restarts();
    process.kill(embedded.pid()!, 'SIGKILL');
    await waitFor(() => embedded.restarts() > restarts, { timeoutMs: 60_000, what: 'the embedded server to be restarted' });
    const after = await unsignedSale();
    await quarantined(after);
    expect(feed.databases()).to.include('store-s1');
  });

  it('stop() returns while a job waits on a request that is never answered', async function () {
    this.timeout(20_000);
    let entered = false;
    const hang: FeedJob = async (_deps, db, changes) => {
      if (db !== 'store-s1' || !changes.some((c) => c.id.startsWith('sale:'))) return;
      entered = true;
      await new Promise(() => undefined);
    };
    const feed = await start({ jobs: [hang], stopGraceMs: 200 });
    await unsignedSale();
    await waitFor(() => entered, { what: 'the job to hang' });
    feeds.splice(feeds.indexOf(feed), 1);
    await feed.stop();
    expect(feed.databases()).to.deep.equal([]);
  });

  it('stop() aborts a read\'s own request to a CouchDB that accepts connections and never answers', async function () {
    this.timeout(20_000);
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(blackHole.address() as net.AddressInfo).port}`;
    const reader = createDatabaseReader({
      nano: Nano(url), couchUrl: url, auth: { headers: () => ({}), refused: () => undefined }, log, db: 'store-s1',
      onChanges: async () => [], onCheckpointRefused: async () => undefined,
    });
    const stop = new AbortController();
    const read = reader.read(stop.signal).then(() => 'answered', () => 'aborted');
    await waitFor(() => sockets.size > 0, { what: 'the reader to ask the black hole for its checkpoint' });
    stop.abort();
    // Far sooner than the requests' own 60 s timeout: only aborting them ends the read in time.
    expect(await Promise.race([read, new Promise((r) => setTimeout(() => r('still waiting'), 5_000))])).to.equal('aborted');
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });
});
