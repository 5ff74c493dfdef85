// Central's sockets to its database stay bounded under parallel load (central/couch/couch-pool.ts),
// counted below HTTP by a loopback proxy in front of the database server: central is pointed at
// the proxy (COUCHDB_URL), so every socket it opens, from the /db proxy, nano or the follower, is
// seen. Live `_changes` long-polls held by "tills" go on a pool of their own; short requests,
// many more at once than the cap, wait in central's queue and every one is answered, unchanged,
// bodies that central parsed (sign-ins, uploads) included.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { loadConfig } from '../../../central/config.js';
import { COUCH_SOCKETS, SERVER_KEEP_ALIVE_MS, CLIENT_IDLE_MS } from '../../../central/couch/couch-pool.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import { startCountingProxy, type CountingProxy } from '../../helpers/connection-counting-proxy.js';
import { startTestCouch, type TestCouch, type TestStore } from '../../helpers/test-couch.js';
import { basic } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

const LONG_POLLS = 20;
const PARALLEL = 400;
const DOCS = 50;
/** Central's own sockets besides the two capped pools' short requests: the follower's `_db_updates`
 *  and its reads (test/integration/feed/scale.test.ts bounds them by 4 × 8), the notice relay's feed. */
const CENTRAL_OWN = 40;

describe('central: bounded connections to the database (integration)', function () {
  this.timeout(300_000);
  let couch: TestCouch;
  let proxy: CountingProxy;
  let central: Central;
  let store: TestStore;
  let dataDir: string;
  // The test's own client to central: no cap, so it can open PARALLEL connections at once.
  const client = new Agent({ connections: null });
  const longPolls = new AbortController();
  const held: Array<Promise<unknown>> = [];

  before(async () => {
    couch = await startTestCouch();
    store = await couch.createStore('s1');
    // `_local` documents (a till's checkpoints live there): any shape, and readable through /db.
    for (let i = 0; i < DOCS; i++) await couch.nano.use('store-s1').insert({ _id: `_local/note-${i}`, n: i } as never);
    proxy = await startCountingProxy(couch.url);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-conns-'));
    const through = new URL(proxy.url);
    through.username = couch.adminAuth.username;
    through.password = couch.adminAuth.password;
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCHDB_URL: through.toString(), LOG_LEVEL: 'silent' }), createLogger('silent'));
  });
  after(async () => {
    longPolls.abort();
    await Promise.allSettled(held);
    await central?.stop();
    await client.close();
    await proxy?.close();
    await couch?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const auth = () => basic(store.account.username, store.account.password);
  const viaCentral = (p: string, signal?: AbortSignal) => fetch(`${central.url}/db/store-s1${p}`, { headers: auth(), dispatcher: client, ...(signal ? { signal } : {}) } as RequestInit);

  it('holds the tills\' long-polls on their own pool and the /db proxy\'s short requests under its cap', async () => {
    const before = proxy.open();
    for (let i = 0; i < LONG_POLLS; i++) {
      held.push(viaCentral('/_changes?feed=longpoll&since=now&heartbeat=5000', longPolls.signal).then((r) => r.text()).catch((err: Error) => err));
    }
    await waitFor(() => proxy.open() >= before + LONG_POLLS, { timeoutMs: 60_000, what: 'the long-polls held open through central' });
    proxy.resetMax();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, async (_, i) => {
      const res = await viaCentral(`/_local/note-${i % DOCS}`);
      return { status: res.status, n: ((await res.json()) as { n?: number }).n };
    }));
    expect(answers.filter((a) => a.status !== 200), 'every queued request answered').to.deep.equal([]);
    expect(answers.every((a, i) => a.n === i % DOCS), 'each answer is its own document').to.equal(true);
    const most = proxy.maxOpen();
    console.log(`      ${PARALLEL} requests at once through /db, ${LONG_POLLS} long-polls held: ${most} sockets to the database at most (cap ${COUCH_SOCKETS})`);
    expect(most, 'sockets to the database').to.be.at.most(LONG_POLLS + COUCH_SOCKETS + CENTRAL_OWN);
    expect(most, 'the long-polls are still held').to.be.at.least(LONG_POLLS);
  });

  it('sends a body central parsed (a sign-in, a till\'s upload) whole when the request waited for a socket', async () => {
    proxy.resetMax();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, async () => {
      const res = await fetch(`${central.url}/db/_session`, {
        method: 'POST', dispatcher: client, headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: store.account.username, password: store.account.password }),
      } as RequestInit);
      return { status: res.status, name: ((await res.json()) as { name?: string }).name };
    }));
    expect(answers.filter((a) => a.status !== 200 || a.name !== store.account.username), 'every sign-in answered as its own').to.deep.equal([]);
    console.log(`      ${PARALLEL} sign-ins at once through /db: ${proxy.maxOpen()} sockets to the database at most`);
    expect(proxy.maxOpen()).to.be.at.most(LONG_POLLS + COUCH_SOCKETS + CENTRAL_OWN);
  });

  it('frees central\'s socket when a till leaves before its answer ends, so the pool does not fill with them', async () => {
    // Long-polls aborted by the till: each socket to the database closes (it waited for a change before).
    const base = proxy.open();
    const leaving = new AbortController();
    const polls = Array.from({ length: LONG_POLLS }, () => viaCentral('/_changes?feed=longpoll&since=now&heartbeat=5000', leaving.signal).then((r) => r.text()).catch((err: Error) => err));
    await waitFor(() => proxy.open() >= base + LONG_POLLS, { timeoutMs: 60_000, what: 'the long-polls held open through central' });
    leaving.abort();
    await Promise.all(polls);
    await waitFor(() => proxy.open() <= base, { timeoutMs: 30_000, what: `central's sockets to the database back to ${base} after the tills left (${proxy.open()} open)` });
    // More tills than the pool has sockets leave in the middle of a large answer: central stopped
    // reading each answer, and each socket stayed taken; the next request then waited for ever.
    await couch.nano.use('store-s1').insert({ _id: '_local/large', blob: 'x'.repeat(2 * 1024 * 1024) } as never);
    await Promise.all(Array.from({ length: COUCH_SOCKETS + 36 }, async () => {
      const gone = new AbortController();
      const res = await viaCentral('/_local/large', gone.signal);
      expect(res.status).to.equal(200);
      gone.abort();
      await res.text().catch((err: Error) => err);
    }));
    const next = await viaCentral('/_local/note-1');
    expect(next.status, 'a request after them').to.equal(200);
    expect(((await next.json()) as { n?: number }).n).to.equal(1);
  });

  it('keeps nano\'s requests under its cap, every one answered', async () => {
    proxy.resetMax();
    const start = proxy.open();
    const db = central.state.couch.nano.use<{ n: number }>('store-s1');
    const docs = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => db.get(`_local/note-${i % DOCS}`)));
    expect(docs.every((d, i) => d.n === i % DOCS), 'each answer is its own document').to.equal(true);
    const most = proxy.maxOpen();
    console.log(`      ${PARALLEL} nano reads at once: ${most} sockets to the database at most (${start} open before, cap ${COUCH_SOCKETS})`);
    expect(most - start, 'sockets opened beyond those already open').to.be.at.most(COUCH_SOCKETS + CENTRAL_OWN);
  });

  it('the embedded server keeps an idle socket longer than central does, so central closes first', async function () {
    if (couch.embedded === undefined) this.skip(); // COUCHDB_URL: CouchDB's own keep-alive
    const res = await fetch(`${couch.url}/`);
    await res.text();
    expect(res.headers.get('keep-alive')).to.equal(`timeout=${SERVER_KEEP_ALIVE_MS / 1000}`);
    expect(SERVER_KEEP_ALIVE_MS).to.be.greaterThan(CLIENT_IDLE_MS);
  });
});
