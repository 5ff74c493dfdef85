// A till's `_bulk_docs` through central's /db where CouchDB's validate_doc_update refuses a
// document: central records the refusal once per revision, audits it, announces it (SSE), and
// lists it at GET /api/refusals for admins and for the store's own manager.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';
import { waitFor } from '../../helpers/wait-for.js';

const stamp = (offsetMs = 0) => `${new Date(Date.now() + offsetMs).toISOString()}-0000-s1.pos9`;

describe('refused uploads (integration, through /db)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let sse: SseClient;
  const as = (who: string) => ({ ...basic(demo.account(who).name, demo.account(who).password), 'Content-Type': 'application/json' });

  before(async function () {
    demo = await startDemoCentral();
    sse = await readSse(`${demo.central.url}/api/events`, as('chain-admin'));
  });
  after(async function () {
    sse?.close();
    await demo?.stop();
  });

  /** A sale an old POS build might send: `total` as a string, which the sale schema refuses. */
  function badSale(n: number): Record<string, unknown> {
    const at = stamp(n);
    return {
      _id: `sale:s1:${at}`, _rev: `1-${String(n).padStart(32, 'a')}`, _revisions: { start: 1, ids: [String(n).padStart(32, 'a')] },
      type: 'sale', updatedAt: at, updatedBy: 's1.pos9', store: 's1', device: 's1.pos9', cashier: 'cashier-s1', businessDay: at.slice(0, 10),
      lines: [{ sku: 'PR-1001-NEG-25.5', qty: 1, unitPrice: 100, discount: 0 }], total: '100', payments: [{ method: 'cash', amount: 100 }], change: 0,
    };
  }
  async function push(...docs: object[]): Promise<Array<{ id: string; error?: string }>> {
    const res = await fetch(`${demo.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: as('cashier-s1'), body: JSON.stringify({ docs, new_edits: false }) });
    expect(res.status).to.equal(201);
    return (await res.json()) as Array<{ id: string; error?: string }>;
  }
  async function refusals(who: string, query = ''): Promise<{ status: number; body: any }> {
    const res = await fetch(`${demo.central.url}/api/refusals${query}`, { headers: as(who) });
    return { status: res.status, body: await res.json() };
  }

  it('records a refused document once, audits and announces it, however often the till pushes it', async function () {
    const sale = badSale(1);
    const answer = await push(sale);
    expect(answer.map((r) => r.error), 'CouchDB refuses it inside a 201').to.deep.equal(['forbidden']);

    const event = await sse.next((e) => e.type === 'upload.refused' && e.data.refusals.some((r: { docId: string }) => r.docId === sale._id));
    expect(event.data).to.include({ store: 's1', db: 'store-s1', account: 'cashier-s1' });
    const { body } = await refusals('chain-admin', '?store=s1');
    expect(body.refusals.map((r: any) => [r.docId, r.rev, r.store, r.account])).to.deep.equal([[sale._id, sale._rev, 's1', 'cashier-s1']]);
    expect(body.refusals[0].reason).to.match(/total/);

    // The till pushes it again (as it does at every reconnect), then another refused sale.
    await push(sale);
    const marker = badSale(2);
    await push(marker);
    await sse.next((e) => e.type === 'upload.refused' && e.data.refusals.some((r: { docId: string }) => r.docId === marker._id));
    const events = sse.seen.filter((e) => e.type === 'upload.refused' && e.data.refusals.some((r: { docId: string }) => r.docId === sale._id));
    expect(events, 'one announcement for the first sale').to.have.length(1);
    await waitFor(async () => (await refusals('chain-admin', '?store=s1')).body.refusals.length === 2, { what: 'the second refusal recorded' });
    const again = (await refusals('chain-admin', '?store=s1')).body.refusals.map((r: any) => r.docId);
    expect(again.filter((id: string) => id === sale._id), 'one record per revision').to.have.length(1);

    const audit = (await (await fetch(`${demo.central.url}/api/audit?limit=50`, { headers: as('chain-admin') })).json()) as { entries: Array<{ action: string; details?: any }> };
    const entries = audit.entries.filter((e) => e.action === 'upload.refused' && e.details.refusals.some((r: { docId: string }) => r.docId === sale._id));
    expect(entries, 'one audit entry for it').to.have.length(1);
  });

  it('shows a store manager their own store only', async function () {
    const own = await refusals('manager-s1');
    expect(own.status).to.equal(200);
    expect(own.body.store).to.equal('s1');
    expect(own.body.refusals.length).to.be.greaterThan(0);
    expect((await refusals('manager-s1', '?store=s2')).status).to.equal(403);
    expect((await refusals('cashier-s1')).status).to.equal(403);
  });

  it('keeps the records where only central reads and writes them', async function () {
    const security = (await demo.central.state.couch.nano.request({ db: 'pronto-refusals', path: '_security' })) as { members: { roles: string[] } };
    expect(security.members.roles).to.deep.equal(['_admin']);
    const res = await fetch(`${demo.central.url}/db/pronto-refusals/_all_docs`, { headers: as('chain-admin') });
    expect(res.status, 'not through the /db door either').to.equal(404);
  });
});
