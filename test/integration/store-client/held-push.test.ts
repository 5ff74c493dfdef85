// The rest push's `hold_target_until` (patches/pouchdb-replication): it reads its checkpoint and
// the local changes beside the money push, but sends central nothing else — no revs_diff, no
// write, no checkpoint — until the money push is done. Against a real embedded server, every
// request the push sends recorded: what it sends while held, after the hold resolves, when the
// hold fails, and when the push is cancelled while held.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { waitFor } from '../../helpers/wait-for.js';
import { deferred, type Deferred } from '../../helpers/deferred.js';
import { buildSale, createNodePouch, storeStatusId } from '../../../store-client/index.js';
import { pushRestOnce, type Replication } from '../../../store-client/replication-phases.js';

const PouchDB = createNodePouch();
const DEVICES = 3;

interface Sent { method: string; endpoint: string; at: number }

describe('pouchdb-replication hold_target_until patch: the rest push held behind the money push (integration)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let unique = 0;
  const dbs: PouchDB.Database[] = [];

  before(async () => {
    couch = await startTestCouch();
  });
  after(async () => {
    for (const db of dbs) await db.destroy();
    await couch?.stop();
  });

  /** A till whose store database holds `statuses` status documents (the rest) after a few sales (money). */
  async function till(statuses: number) {
    const storeId = `hp${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const log: Sent[] = [];
    let tick = 0;
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      log.push({ method: init.method ?? 'GET', endpoint: new URL(String(url)).pathname.split('/').slice(2).join('/'), at: tick++ });
      return PouchDB.fetch(url as string, init as never);
    };
    const remote = new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true, fetch } as never);
    const local = new PouchDB(`hp-${storeId}`, { adapter: 'memory' });
    dbs.push(local);
    for (let i = 0; i < 5; i++) {
      const stamp = `${new Date(Date.UTC(2026, 11, 1, 15, 0, i)).toISOString()}-0000-${storeId}.pos1`;
      await local.put(buildSale({ lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'cash', amount: 1_000 + i }] },
        { store: storeId, device: `${storeId}.pos1`, cashier: 'ana', businessDay: '2026-12-01', stamp }));
    }
    const statusIds: string[] = [];
    for (let i = 0; i < statuses; i++) {
      const device = `${storeId}.pos${i + 1}`;
      const doc = { _id: storeStatusId(storeId, device), type: 'store-status', store: storeId, device, state: 'offline', pending: 0, updatedAt: `2026-12-01T16:00:0${i}.000Z-0000-${device}`, updatedBy: device };
      await local.put(doc);
      statusIds.push(doc._id);
    }
    return { storeId, local, remote, log, statusIds };
  }

  /** Starts the held push; resolves once it has read its local changes and waits at the hold. */
  async function startHeld(t: Awaited<ReturnType<typeof till>>, gate: Deferred<void>, atTarget: 'batch' | 'checkpoint') {
    const rep: Replication = pushRestOnce(t.local as never, t.remote as never, gate.promise, { batch_size: 2, batches_limit: 4 });
    let waiting = false;
    // A batch taken to be written: its changes were read.
    rep.on('checkpoint', (info) => { if ('start_next_batch' in info) waiting = true; });
    const done = Promise.resolve(rep).then(() => 'complete', (err: Error) => err);
    if (atTarget === 'batch') await waitFor(() => waiting, { what: 'the held push to read its changes and take a batch' });
    else await waitFor(() => t.log.some((s) => s.method === 'GET'), { what: 'the held push to read its checkpoint' });
    return { rep, done };
  }

  const atCentral = async (storeId: string) =>
    (await couch.nano.use(`store-${storeId}`).list({ startkey: 'store-status:', endkey: 'store-status:\ufff0' })).rows.map((r) => r.id);

  it('reads the local changes while held and sends central only its checkpoint read; after the hold, writes every document once', async () => {
    const t = await till(DEVICES);
    const gate = deferred();
    const held = await startHeld(t, gate, 'batch');
    // Its changes were read and a batch waits: only GETs (the checkpoint) went out.
    expect(t.log.map((s) => `${s.method} ${s.endpoint}`), 'sent while held').to.satisfy((sent: string[]) => sent.every((s) => s.startsWith('GET ')));
    expect(await atCentral(t.storeId)).to.deep.equal([]);
    const released = t.log.length;
    gate.resolve(undefined);
    expect(await held.done).to.equal('complete');
    expect((await atCentral(t.storeId)).sort()).to.deep.equal([...t.statusIds].sort());
    const after = t.log.slice(released);
    expect(after.some((s) => s.endpoint === '_bulk_docs'), 'written after the hold').to.equal(true);
    // The sales are the money push's: the rest push never sends them.
    expect(await couch.nano.use(`store-${t.storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' })).to.have.property('rows').that.is.empty;
  });

  it('with nothing of its own to push, writes its checkpoint only after the hold', async () => {
    const t = await till(0);
    const gate = deferred();
    const held = await startHeld(t, gate, 'checkpoint');
    // Nothing tells when the feed has reached its end with nothing to write; without the hold
    // the checkpoint is written within milliseconds of the checkpoint read. Waiting longer can
    // only let a wrong write show.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.log.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${s.endpoint}`), 'sent while held').to.deep.equal([]);
    gate.resolve(undefined);
    expect(await held.done).to.equal('complete');
    expect(t.log.some((s) => s.method === 'PUT' && s.endpoint.startsWith('_local/')), 'the checkpoint written after the hold').to.equal(true);
  });

  it('fails with the hold\'s error when the money push fails, having sent central nothing', async () => {
    const t = await till(DEVICES);
    const gate = deferred();
    const held = await startHeld(t, gate, 'batch');
    gate.reject(new Error('the money push failed'));
    const outcome = await held.done;
    expect(outcome).to.be.instanceOf(Error);
    expect((outcome as Error).message).to.equal('the money push failed');
    expect(t.log.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${s.endpoint}`)).to.deep.equal([]);
    expect(await atCentral(t.storeId)).to.deep.equal([]);
  });

  it('cancelled while held, sends central nothing more once the hold resolves', async () => {
    const t = await till(DEVICES);
    const gate = deferred();
    const held = await startHeld(t, gate, 'batch');
    held.rep.cancel();
    expect(await held.done).to.equal('complete');
    const sent = t.log.length;
    gate.resolve(undefined);
    await gate.promise;
    // The hold's continuation runs in the microtasks after it resolves; a request would be sent
    // from them. Two turns of the event loop let every one of them run.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(t.log.slice(sent).map((s) => `${s.method} ${s.endpoint}`)).to.deep.equal([]);
    expect(await atCentral(t.storeId)).to.deep.equal([]);
  });
});
