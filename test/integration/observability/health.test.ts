// GET /api/health on a real central following a CouchDB (the embedded server, started apart)
// through a loopback proxy the test can cut: `ok` (200) while CouchDB answers and the follower
// follows every database; `degraded` (200) once the follower is stopped, with the databases it
// no longer follows (and their lag in /api/metrics growing as stores write); `down` (503) when
// CouchDB is unreachable, while a scraper still gets the metrics it can (the CouchDB-read gauges
// left out, the failed read counted); and back when CouchDB returns.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { loadConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import { sample } from './observed-central.js';

interface Health { status: string; checks: { couchdb: { status: string; version?: string }; setup: { status: string }; feed?: { status: string; notFollowed?: string[]; following: number; mode?: string } }; couchdb: { version?: string } }

describe('central/http/health: ok, degraded, down', function () {
  this.timeout(180_000);
  let couch: TestCouch;
  let proxy: TcpProxy;
  let central: Central;
  let dataDir: string;
  const token = randomBytes(24).toString('base64url');
  const health = async () => {
    const res = await fetch(`${central.url}/api/health`);
    return { status: res.status, body: (await res.json()) as Health };
  };
  const scrape = async () => (await fetch(`${central.url}/api/metrics`, { headers: { Authorization: `Bearer ${token}` } })).text();

  before(async function () {
    couch = await startTestCouch();
    await couch.createStore('s1');
    proxy = await startTcpProxy(Number(new URL(couch.url).port));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-health-'));
    const couchdbUrl = `http://${couch.adminAuth.username}:${couch.adminAuth.password}@127.0.0.1:${proxy.port}`;
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCHDB_URL: couchdbUrl, LOG_LEVEL: 'silent', METRICS_TOKEN: token }), createLogger('silent'));
  });
  after(async function () {
    await central?.stop();
    await proxy?.close();
    await couch?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is ok while CouchDB answers and the follower follows every database', async function () {
    const { status, body } = await health();
    expect(status).to.equal(200);
    expect(body.status).to.equal('ok');
    expect(body.checks.couchdb.status).to.equal('ok');
    expect(body.checks.setup.status).to.equal('ok');
    expect(body.checks.feed!.status).to.equal('ok');
    expect(body.checks.feed!.following).to.be.at.least(3);
    expect(body.checks.feed!.mode, 'how the follower hears of changes').to.be.oneOf(['db-updates', 'poll']);
    expect(body.couchdb.version, 'the fields earlier callers read are still there').to.be.a('string');
  });

  it('is degraded (still 200) with the follower stopped, and the lag grows as a store writes', async function () {
    await central.state.feed!.stop();
    const { status, body } = await health();
    expect(status).to.equal(200);
    expect(body.status).to.equal('degraded');
    expect(body.checks.feed!.status).to.equal('stopped');
    expect(body.checks.feed!.notFollowed).to.include.members(['catalog', 'store-s1']);

    // A batch in flight when the follower stopped may still save its checkpoint: wait until the lag
    // holds still across the reader's cache (5 s), then count from there.
    const lagNow = async () => sample(await scrape(), 'pronto_feed_lag_changes', { db: 'store-s1' });
    let before = await lagNow();
    await waitFor(async () => {
      await new Promise((r) => setTimeout(r, 5_500));
      const again = await lagNow();
      const still = again === before;
      before = again;
      return still;
    }, { what: 'the lag of store-s1 to hold still', timeoutMs: 40_000, intervalMs: 10 });
    const at = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      await couch.nano.use('store-s1').insert({ _id: `store-status:s1:s1.pos${i}`, type: 'store-status', store: 's1', device: `s1.pos${i}`, state: 'online', pending: 0, reportedAt: at, updatedAt: `${at}-0000-s1.pos${i}`, updatedBy: 'device-s1' } as never);
    }
    let text = '';
    await waitFor(async () => sample(text = await scrape(), 'pronto_feed_lag_changes', { db: 'store-s1' }) >= before + 3, { what: 'the lag of store-s1 to grow by 3', timeoutMs: 20_000, intervalMs: 500 });
    expect(sample(text, 'pronto_feed_following', { db: 'store-s1' })).to.equal(0);
  });

  it('is down (503) when CouchDB is unreachable, and the metrics still answer without its gauges', async function () {
    proxy.cut();
    try {
      const { status, body } = await health();
      expect(status).to.equal(503);
      expect(body.status).to.equal('down');
      expect(body.checks.couchdb.status).to.equal('down');
      let text = '';
      await waitFor(async () => !(text = await scrape()).includes('pronto_feed_lag_changes{'), { what: 'a scrape past the lag cache', timeoutMs: 20_000, intervalMs: 500 });
      // The failed read is counted as the scrape is made: the next scrape shows it.
      expect(sample(await scrape(), 'pronto_metrics_read_errors_total', { gauge: 'pronto_feed_lag_changes' })).to.be.at.least(1);
      expect(text).to.include('process_cpu_user_seconds_total');
    } finally {
      proxy.heal();
    }
    await waitFor(async () => (await health()).status === 200, { what: 'health back once CouchDB answers', timeoutMs: 20_000, intervalMs: 250 });
    expect((await health()).body.status, 'the follower is still stopped').to.equal('degraded');
  });
});
