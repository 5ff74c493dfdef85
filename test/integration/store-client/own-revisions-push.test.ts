// The money pushes' `reuse_docs` and `skip_revs_diff` (patches/pouchdb-replication), one-shot
// and live: a new sale this till wrote goes up as the local changes feed read it, without
// asking central's revs_diff. Against a real embedded server with the store's
// validate_doc_update: every valid sale arrives once, with the body the till holds; each refused
// revision is reported once; a push that central half-received before (interrupted after its
// bulk_docs, before its checkpoint) finishes without a conflict, a refusal or a change for what
// central had; another device's sale still goes through revs_diff.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { buildSale, createNodePouch } from '../../../store-client/index.js';
import { pushPriorityDocs, pushPriorityLive, type DeniedInfo, type Replication } from '../../../store-client/replication-phases.js';

const PouchDB = createNodePouch();
const SALES = 30;
/** The live case's sales (one refused: refusedAt). */
const LIVE_SALES = 8;
const BATCH = { batch_size: 5, batches_limit: 4 };
/** Every 7th sale's total does not match its lines: validate_doc_update refuses it. */
const refusedAt = (i: number) => i % 7 === 3;

interface Sent { endpoint: string; ids: string[] }

describe('pouchdb-replication reuse_docs / skip_revs_diff: own new sales skip revs_diff (integration)', function () {
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

  /** `presold`: sales written before the push starts (the live case writes its own while it runs). */
  async function till(otherDeviceSales = 0, presold = SALES) {
    const storeId = `ow${process.pid % 1000}-${unique++}`;
    const device = `${storeId}.pos1`;
    const store = await couch.createStore(storeId);
    const log: Sent[] = [];
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      const endpoint = new URL(String(url)).pathname.split('/').slice(2).join('/');
      const body = typeof init.body === 'string' && endpoint === '_revs_diff' ? Object.keys(JSON.parse(init.body) as object) : [];
      log.push({ endpoint, ids: body });
      return PouchDB.fetch(url as string, init as never);
    };
    const remote = new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true, fetch } as never);
    const local = new PouchDB(`ow-${storeId}`, { adapter: 'memory' });
    dbs.push(local);
    const refused: Array<{ id: string; rev: string }> = [];
    const sale = (i: number, by: string) => buildSale({ lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'cash', amount: 1_000 + i }] },
      { store: storeId, device: by, cashier: 'ana', businessDay: '2026-11-24', stamp: `${new Date(Date.UTC(2026, 10, 24, 15, 0, i)).toISOString()}-0000-${by}` });
    const sell = async (i: number) => {
      const s = sale(i, device);
      const { rev } = await local.put(refusedAt(i) ? { ...s, total: s.total + 1 } : s);
      if (refusedAt(i)) refused.push({ id: s._id, rev });
    };
    for (let i = 0; i < presold; i++) await sell(i);
    // Another till's sales, already at central and pulled here (as the store pull does).
    const others = Array.from({ length: otherDeviceSales }, (_, i) => sale(100 + i, `${storeId}.pos2`));
    if (others.length > 0) {
      await couch.nano.use(`store-${storeId}`).bulk({ docs: others });
      await local.replicate.from(remote, { doc_ids: others.map((o) => o._id) });
    }
    return { storeId, device, local, remote, log, refused, sell, others: others.map((o) => o._id) };
  }

  async function push(local: PouchDB.Database, remote: PouchDB.Database, device: string) {
    const rep: Replication = pushPriorityDocs(local as never, remote as never, BATCH, device);
    const denied: string[] = [];
    const checkpoints: number[] = [];
    rep.on('denied', (err: DeniedInfo) => denied.push(`${err.id} ${err.rev}`));
    rep.on('checkpoint', (info) => {
      if (info.checkpoint !== undefined) checkpoints.push(Number(info.checkpoint));
    });
    await rep;
    return { denied, checkpoints };
  }

  /** Every sale at central: id → the document with its conflicts. */
  async function atCentral(storeId: string) {
    const res = await couch.nano.use(`store-${storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0', conflicts: true, include_docs: true });
    return new Map(res.rows.map((r) => [r.id, r.doc as unknown as Record<string, unknown>]));
  }

  async function localSales(local: PouchDB.Database) {
    const res = await local.allDocs({ startkey: 'sale:', endkey: 'sale:\ufff0', include_docs: true });
    return new Map(res.rows.map((r) => [r.id, r.doc as unknown as Record<string, unknown>]));
  }

  it('sends every valid own sale once, as the till holds it, with no revs_diff, and reports each refused revision once', async () => {
    const t = await till();
    const run = await push(t.local, t.remote, t.device);
    expect(t.log.filter((s) => s.endpoint === '_revs_diff'), 'no revs_diff for own new sales').to.deep.equal([]);
    const central = await atCentral(t.storeId);
    const mine = await localSales(t.local);
    const refusedIds = new Set(t.refused.map((r) => r.id));
    expect(central.size).to.equal(SALES - t.refused.length);
    for (const [id, doc] of mine) {
      if (refusedIds.has(id)) {
        expect(central.has(id), id).to.equal(false);
        continue;
      }
      expect(central.get(id), id).to.deep.equal(doc);
    }
    expect(run.denied.sort()).to.deep.equal(t.refused.map((r) => `${r.id} ${r.rev}`).sort());
    expect(run.checkpoints, 'checkpoints only move forward').to.deep.equal([...run.checkpoints].sort((x, y) => x - y));
    expect(run.checkpoints.at(-1)).to.equal(Number((await t.local.info()).update_seq));
  });

  it('finishes a push central half-received before: no conflict, no refusal and no new change for what it had', async () => {
    const t = await till();
    const refusedIds = new Set(t.refused.map((r) => r.id));
    const valid = [...(await localSales(t.local)).keys()].filter((id) => !refusedIds.has(id));
    const had = valid.filter((_, i) => i % 2 === 0);
    // What an interrupted push left: the documents written, no checkpoint. Written to every copy
    // (w=n): on a cluster a copy a quorum write had not reached would get them by internal
    // replication after the seq below, and list them as new changes.
    const db = couch.nano.use(`store-${t.storeId}`);
    const written = await Promise.all(had.map((id) => t.local.get(id, { revs: true })));
    await db.bulk({ docs: written, new_edits: false } as never, await onEveryCopy(couch.nano, `store-${t.storeId}`));
    const seqBefore = (await db.info()).update_seq;
    const run = await push(t.local, t.remote, t.device);
    expect(run.denied.sort()).to.deep.equal(t.refused.map((r) => `${r.id} ${r.rev}`).sort());
    const central = await atCentral(t.storeId);
    expect([...central.keys()].sort()).to.deep.equal([...valid].sort());
    for (const [id, doc] of central) {
      expect(doc._rev, id).to.match(/^1-/);
      expect(doc._conflicts, id).to.equal(undefined);
    }
    const { results } = await db.changes({ since: String(seqBefore) });
    expect(results.map((r) => r.id).sort(), 'only what central lacked is a new change').to.deep.equal(valid.filter((id) => !had.includes(id)).sort());
  });

  it("still asks revs_diff about another device's sale, and sends none of them", async () => {
    const t = await till(4);
    const run = await push(t.local, t.remote, t.device);
    const asked = t.log.filter((s) => s.endpoint === '_revs_diff').flatMap((s) => s.ids);
    expect(asked.sort()).to.deep.equal([...t.others].sort());
    expect(run.denied).to.have.length(t.refused.length);
  });

  it('live: sends each sale rung up while it runs once, as the till holds it, with no revs_diff, and reports each refused one once', async () => {
    const t = await till(0, 0);
    const rep: Replication = pushPriorityLive(t.local as never, t.remote as never, 10_000, BATCH, t.device);
    const denied: string[] = [];
    rep.on('denied', (err: DeniedInfo) => denied.push(`${err.id} ${err.rev}`));
    rep.on('error', () => undefined);
    try {
      // One sale at a time while the push runs, as a cashier rings them up.
      for (let i = 0; i < LIVE_SALES; i++) await t.sell(i);
      const valid = LIVE_SALES - t.refused.length;
      const until = Date.now() + 30_000;
      while (((await atCentral(t.storeId)).size < valid || denied.length < t.refused.length) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      rep.cancel();
      await Promise.resolve(rep).then(() => undefined, () => undefined);
    }
    expect(t.log.filter((s) => s.endpoint === '_revs_diff'), 'no revs_diff for own new sales').to.deep.equal([]);
    const central = await atCentral(t.storeId);
    const refusedIds = new Set(t.refused.map((r) => r.id));
    for (const [id, doc] of await localSales(t.local)) {
      if (refusedIds.has(id)) expect(central.has(id), id).to.equal(false);
      else expect(central.get(id), id).to.deep.equal(doc);
    }
    expect(central.size).to.equal(LIVE_SALES - t.refused.length);
    expect(denied.sort()).to.deep.equal(t.refused.map((r) => `${r.id} ${r.rev}`).sort());
  });
});
