// The one-shot pushes' `prefetch` (patches/pouchdb-replication): the next batch's revs_diff and
// local read overlap the current batch's bulk_docs. Against a real embedded server with the
// store's validate_doc_update: the same documents arrive and the same revisions are refused
// (`denied`, once each) as without it, checkpoints move forward batch by batch, and a push
// cancelled half-way resumes from its checkpoint without losing or doubling a sale.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { buildSale, createNodePouch } from '../../../store-client/index.js';
import { pushPriorityDocs, type DeniedInfo, type Replication } from '../../../store-client/replication-phases.js';

const PouchDB = createNodePouch();
const SALES = 40;
const BATCH = { batch_size: 5, batches_limit: 4 };
/** Every 7th sale's total does not match its lines: validate_doc_update refuses it. */
const refusedAt = (i: number) => i % 7 === 3;

interface Sent { endpoint: string; sentAt: number; answeredAt?: number }

describe('pouchdb-replication prefetch patch: one-shot pushes (integration)', function () {
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

  async function tillWithSales() {
    const storeId = `pf${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const log: Sent[] = [];
    let tick = 0;
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      const sent: Sent = { endpoint: new URL(String(url)).pathname.split('/').slice(2).join('/'), sentAt: tick++ };
      log.push(sent);
      const res = await PouchDB.fetch(url as string, init as never);
      sent.answeredAt = tick++;
      return res;
    };
    const remote = new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true, fetch } as never);
    const local = new PouchDB(`pf-${storeId}`, { adapter: 'memory' });
    dbs.push(local);
    const refused: Array<{ id: string; rev: string }> = [];
    for (let i = 0; i < SALES; i++) {
      const stamp = `${new Date(Date.UTC(2026, 10, 24, 15, 0, i)).toISOString()}-0000-${storeId}.pos1`;
      const sale = buildSale({ lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'cash', amount: 1_000 + i }] },
        { store: storeId, device: `${storeId}.pos1`, cashier: 'ana', businessDay: '2026-11-24', stamp });
      const { rev } = await local.put(refusedAt(i) ? { ...sale, total: sale.total + 1 } : sale);
      if (refusedAt(i)) refused.push({ id: sale._id, rev });
    }
    return { storeId, local, remote, log, refused };
  }

  /** Runs a push to its end (or until `cancelAfter` checkpoints), recording its events. */
  async function push(local: PouchDB.Database, remote: PouchDB.Database, cancelAfter = Infinity) {
    const rep: Replication = pushPriorityDocs(local as never, remote as never, BATCH);
    const denied: Array<{ id?: string; rev?: string }> = [];
    const checkpoints: number[] = [];
    const written: string[] = [];
    rep.on('denied', (err: DeniedInfo) => denied.push({ id: err.id, rev: err.rev }));
    rep.on('change', (info) => written.push(...(info.docs ?? []).map((d) => d._id)));
    rep.on('checkpoint', (info) => {
      if (info.checkpoint === undefined) return;
      checkpoints.push(Number(info.checkpoint));
      if (checkpoints.length >= cancelAfter) rep.cancel();
    });
    await rep;
    return { denied, checkpoints, written };
  }

  async function atCentral(storeId: string) {
    const res = await couch.nano.use(`store-${storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0', conflicts: true, include_docs: true });
    return res.rows.map((r) => ({ id: r.id, rev: r.value.rev, conflicts: (r.doc as { _conflicts?: string[] })._conflicts }));
  }

  it('writes every valid sale once, reports each refused revision once, and overlaps the next revs_diff with the current bulk_docs', async () => {
    const t = await tillWithSales();
    const run = await push(t.local, t.remote);
    const central = await atCentral(t.storeId);
    const refusedIds = new Set(t.refused.map((r) => r.id));
    expect(central).to.have.length(SALES - t.refused.length);
    for (const doc of central) {
      expect(refusedIds.has(doc.id), doc.id).to.equal(false);
      expect(doc.rev, doc.id).to.match(/^1-/);
      expect(doc.conflicts, doc.id).to.equal(undefined);
    }
    expect([...run.denied].sort((a, b) => a.id!.localeCompare(b.id!))).to.deep.equal([...t.refused].sort((a, b) => a.id.localeCompare(b.id)));
    expect(run.written).to.have.length(SALES - t.refused.length);
    expect(run.checkpoints, 'checkpoints only move forward').to.deep.equal([...run.checkpoints].sort((a, b) => a - b));
    expect(new Set(run.checkpoints).size, 'one checkpoint per batch').to.equal(run.checkpoints.length);
    expect(run.checkpoints.at(-1)).to.equal(Number((await t.local.info()).update_seq));
    // The overlap itself: a revs_diff and a bulk_docs in flight at the same time.
    const writes = t.log.filter((s) => s.endpoint === '_bulk_docs');
    const diffs = t.log.filter((s) => s.endpoint === '_revs_diff');
    const overlap = (a: Sent, b: Sent) => a.sentAt < b.answeredAt! && b.sentAt < a.answeredAt!;
    expect(diffs.some((d) => writes.some((w) => overlap(d, w))), 'a revs_diff in flight with a bulk_docs').to.equal(true);
  });

  it('resumes a push cancelled half-way from its checkpoint: nothing lost, nothing written twice, each refusal reported again only for what was not checkpointed', async () => {
    const t = await tillWithSales();
    const first = await push(t.local, t.remote, 3);
    expect(first.checkpoints.length, 'cancelled after three batches').to.be.at.least(3);
    const passed = first.checkpoints.at(-1)!;
    const second = await push(t.local, t.remote);
    // The second run starts after the first's last checkpoint: no document it passed is sent again.
    const { results } = await t.local.changes({ since: 0 });
    const seqOf = new Map(results.map((r) => [r.id, Number(r.seq)]));
    for (const id of second.written) expect(seqOf.get(id)!, `${id} re-sent`).to.be.above(passed);
    const central = await atCentral(t.storeId);
    expect(central).to.have.length(SALES - t.refused.length);
    for (const doc of central) {
      expect(doc.rev, doc.id).to.match(/^1-/);
      expect(doc.conflicts, doc.id).to.equal(undefined);
    }
    // Every refused revision reported by one run or the other; once by each run at most.
    const all = [...first.denied, ...second.denied].map((d) => `${d.id} ${d.rev}`);
    expect(new Set(all)).to.deep.equal(new Set(t.refused.map((r) => `${r.id} ${r.rev}`)));
    for (const run of [first, second]) expect(new Set(run.denied.map((d) => d.id)).size).to.equal(run.denied.length);
  });
});
