// The follower's checkpoints cannot switch central's checks off: they live in central's own
// database, where no store account can write, and a checkpoint beyond the database's update_seq
// is refused (audited) so the follower starts again from the beginning. A `_local` document a
// cashier plants in its store database, where checkpoints used to live, is simply not read.
import { expect } from 'chai';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { startFeed, type Feed } from '../../../central/feed/start-feed.js';
import { loadCheckpoint } from '../../../central/feed/checkpoint.js';
import { hasSeveralCopies } from '../../../central/feed/shard-copies.js';
import { buildSale } from '../../../store-client/index.js';
import { runSetup } from '../../../central/setup/run-setup.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('resolver checkpoints (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let device: { username: string; password: string };
  let resolver: Feed | undefined;
  let n = 0;
  const log = pino({ level: 'silent' });

  before(async () => {
    couch = await startTestCouch();
    device = (await couch.createStore('s1')).account;
  });
  afterEach(async () => { await resolver?.stop(); resolver = undefined; });
  after(async () => { await couch?.stop(); });

  const start = async () => {
    resolver = await startFeed({
      nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(), log,
      policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 2_000,
    });
  };
  /** An unsigned sale at 1 centavo, written by the store's own account (CouchDB accepts it: the schema holds). */
  const unsignedSale = async () => {
    const now = new Date().toISOString();
    const sale = buildSale({ lines: [{ sku: 'PS-M01-NEG-25', qty: 1, unitPrice: 1 }], payments: [{ method: 'cash', amount: 1 }] },
      { store: 's1', device: 's1.pos1', cashier: 'cashier-s1', businessDay: now.slice(0, 10), stamp: `${now}-${(n++).toString(16).padStart(4, '0')}-s1.pos1` });
    const res = await fetch(`${couch.url}/store-s1/${encodeURIComponent(sale._id)}`, {
      method: 'PUT', headers: { Authorization: 'Basic ' + Buffer.from(`${device.username}:${device.password}`).toString('base64'), 'Content-Type': 'application/json' },
      body: JSON.stringify(sale),
    });
    expect(res.status).to.equal(201);
    return sale._id;
  };
  const quarantined = (id: string) => waitFor(async () => {
    const doc = (await couch.nano.use('store-s1').get(id)) as unknown as Record<string, unknown>;
    return doc.quarantined !== undefined;
  }, { what: `${id} to be quarantined` });
  const checkpointDoc = 'checkpoint:resolver:store-s1';

  it('keeps its checkpoint in central\'s own database, which a store account cannot read or write', async function () {
    await start();
    await quarantined(await unsignedSale());
    await waitFor(async () => (await couch.nano.use('pronto-checkpoints').list({ key: checkpointDoc })).rows.length === 1, { what: 'the checkpoint to be saved' });
    const auth = { Authorization: 'Basic ' + Buffer.from(`${device.username}:${device.password}`).toString('base64'), 'Content-Type': 'application/json' };
    const read = await fetch(`${couch.url}/pronto-checkpoints/${encodeURIComponent(checkpointDoc)}`, { headers: auth });
    const write = await fetch(`${couch.url}/pronto-checkpoints/_local/x`, { method: 'PUT', headers: auth, body: JSON.stringify({ since: '999999999' }) });
    // CouchDB answers 403 to an authenticated non-member; the embedded server 401 (test/conformance pins it).
    expect(read.status).to.be.oneOf([401, 403]);
    expect(write.status).to.be.oneOf([401, 403]);
  });

  it('ignores a checkpoint a cashier plants in its own store database and still quarantines what arrives', async function () {
    const auth = { Authorization: 'Basic ' + Buffer.from(`${device.username}:${device.password}`).toString('base64'), 'Content-Type': 'application/json' };
    const planted = await fetch(`${couch.url}/store-s1/_local/pronto-resolver`, { method: 'PUT', headers: auth, body: JSON.stringify({ since: '999999999' }) });
    expect(planted.status, 'CouchDB lets any member write a _local document').to.equal(201);
    const id = await unsignedSale();
    await start();
    await quarantined(id);
  });

  it('refuses a checkpoint beyond the database\'s update_seq, audits it and follows from the beginning', async function () {
    const store = couch.nano.use<Record<string, unknown>>('pronto-checkpoints');
    const current = (await store.get(checkpointDoc)) as Record<string, unknown>;
    await store.insert({ ...current, since: '999999999' });
    const id = await unsignedSale();
    await start();
    await quarantined(id);
    const audit = await couch.nano.use('audit').list({ include_docs: true });
    const refused = audit.rows.map((r) => r.doc as Record<string, any>).filter((d) => d.action === 'checkpoint.refused');
    expect(refused.map((d) => d.details)).to.have.length(1);
    expect(refused[0]!.details.reason).to.match(/^checkpoint 999999999 is beyond the database's update_seq \d+$/);
  });

  // On a cluster the copies of a shard count their own sequences (check-since.ts): a checkpoint
  // read from one copy may pass the update_seq read from another, and refusing it would audit a
  // false `checkpoint.refused` and read the whole database again at every start. CouchDB reads
  // only what follows the leading number, so a real sequence with its leading number raised
  // stands for a copy ahead of the one that answered update_seq.
  it('trusts a checkpoint past the update_seq on a database whose shards have several copies, and refuses it where they have one', async function () {
    const { last_seq: real } = (await couch.nano.request({ db: 'store-s1', path: '_changes', qs: { limit: 0, since: 'now' } })) as { last_seq: unknown };
    if (typeof real !== 'string' || !real.includes('-')) this.skip(); // the embedded server: sequences are numbers, one copy, nothing to compare across copies
    const top = Number(((await couch.nano.db.get('store-s1')).update_seq as string).split('-')[0]);
    const ahead = `${top + 1000}-${(real as string).slice((real as string).indexOf('-') + 1)}`;
    const store = couch.nano.use<Record<string, unknown>>('pronto-checkpoints');
    const current = (await store.get(checkpointDoc)) as Record<string, unknown>;
    await store.insert({ ...current, since: ahead });
    const several = await hasSeveralCopies(couch.nano, 'store-s1');
    const { check } = await loadCheckpoint(couch.nano, 'store-s1');
    if (several) expect(check, 'a cluster: n > 1').to.deep.equal({ ok: true, since: ahead });
    else expect(check, 'one copy per shard: the numbers compare').to.deep.equal({ ok: false, reason: `checkpoint ${top + 1000} is beyond the database's update_seq ${top}` });
  });

  it('takes over, once, the checkpoint an older release kept in the database, so stored sales are not judged again', async function () {
    // An older release: no pronto-checkpoints, its checkpoint in the store database, and a sale
    // it saw long ago that today's rules would refuse.
    await couch.nano.db.destroy('pronto-checkpoints');
    const old = await unsignedSale();
    const seq = (await couch.nano.db.get('store-s1')).update_seq;
    const planted = (await couch.nano.request({ db: 'store-s1', path: '_local/pronto-resolver' })) as { _rev: string }; // the earlier test's
    await couch.nano.request({ db: 'store-s1', path: '_local/pronto-resolver', method: 'PUT', body: { _rev: planted._rev, since: String(seq) } });
    const report = await runSetup(couch.nano);
    expect(report.changes).to.include('created database pronto-checkpoints');
    expect(report.changes.some((c) => c.startsWith("took over the change follower's checkpoint of store-s1"))).to.equal(true);
    const fresh = await unsignedSale();
    await start();
    await quarantined(fresh);
    expect((await couch.nano.use('store-s1').get(old)) as unknown as Record<string, unknown>, 'seen by the older release, not judged again').to.not.have.property('quarantined');
    // Once only: a _local checkpoint written later is never read again.
    expect((await runSetup(couch.nano)).changes.some((c) => c.startsWith('took over'))).to.equal(false);
  });
});
