// Dismissing a refused upload on a real central: admins only, with a note (required, at most
// 500 characters), kept on the record and audited as refusal.dismissed; the list filters by
// open and dismissed.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Refusal { _id: string; docId: string; dismissed?: { by: string; at: string; note: string } }

describe('central/http/refusals-route: dismissing refused uploads', function () {
  let h: DemoCentral;
  let refusal: Refusal;
  const as = (who: string) => ({ ...basic(who, h.account(who).password), 'Content-Type': 'application/json' });
  const list = async (who: string, query: string) => {
    const res = await fetch(`${h.central.url}/api/refusals${query}`, { headers: as(who) });
    return { status: res.status, body: await res.json() as { refusals: Refusal[]; code?: string; details?: { param?: string } } };
  };
  const dismiss = async (who: string | null, id: string, body: unknown) => {
    const res = await fetch(`${h.central.url}/api/refusals/${encodeURIComponent(id)}/dismiss`, {
      method: 'POST', headers: who === null ? { 'Content-Type': 'application/json' } : as(who), body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() as { refusal?: Refusal; code?: string; message?: string; details?: { param?: string } } };
  };

  before(async function () {
    h = await startDemoCentral();
    const at = `${new Date().toISOString()}-0000-s1.pos9`;
    // A sale with `total` as a string: CouchDB's validate_doc_update refuses it inside a 201.
    const sale = {
      _id: `sale:s1:${at}`, _rev: `1-${'c'.repeat(32)}`, _revisions: { start: 1, ids: ['c'.repeat(32)] },
      type: 'sale', updatedAt: at, updatedBy: 's1.pos9', store: 's1', device: 's1.pos9', cashier: 'cashier-s1', businessDay: at.slice(0, 10),
      lines: [{ sku: 'PR-1001-NEG-25.5', qty: 1, unitPrice: 100, discount: 0 }], total: '100', payments: [{ method: 'cash', amount: 100 }], change: 0,
    };
    const res = await fetch(`${h.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: as('cashier-s1'), body: JSON.stringify({ docs: [sale], new_edits: false }) });
    expect(res.status).to.equal(201);
    await waitFor(async () => {
      const found = (await list('chain-admin', '?store=s1')).body.refusals.find((r) => r.docId === sale._id);
      if (found) refusal = found;
      return found !== undefined;
    }, { what: 'the refusal to be recorded' });
  });
  after(async function () {
    await h?.stop();
  });

  it('lets only admins dismiss: managers and cashiers get 403, anonymous callers 401', async function () {
    for (const who of ['manager-s1', 'cashier-s1']) {
      const res = await dismiss(who, refusal._id, { note: 'visto' });
      expect(res.status, who).to.equal(403);
      expect(res.body.code).to.equal('FORBIDDEN');
    }
    const anonymous = await dismiss(null, refusal._id, { note: 'visto' });
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body).to.have.property('code');
  });

  it('requires a note of 1 to 500 characters and a known refusal', async function () {
    for (const body of [{}, { note: '' }, { note: '   ' }, { note: 42 }, { note: 'x'.repeat(501) }]) {
      const res = await dismiss('chain-admin', refusal._id, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).to.equal(400);
      expect(res.body.details?.param).to.equal('note');
    }
    expect((await dismiss('chain-admin', 'refusal:s1:nope', { note: 'visto' })).status).to.equal(404);
    expect((await dismiss('chain-admin', 'sale:s1:x', { note: 'visto' })).status).to.equal(400);
    expect((await list('chain-admin', '?status=closed')).body.details?.param).to.equal('status');
  });

  it('keeps who, when and the note on the record, audits refusal.dismissed, and moves it from open to dismissed', async function () {
    expect((await list('chain-admin', '?status=open')).body.refusals.map((r) => r._id)).to.include(refusal._id);
    const note = 'POS antiguo; la venta se capturó de nuevo / old POS, sale re-entered';
    const res = await dismiss('chain-admin', refusal._id, { note: `  ${note}  ` });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.refusal!.dismissed).to.include({ by: 'chain-admin', note });
    expect(Date.parse(res.body.refusal!.dismissed!.at)).to.be.closeTo(Date.now(), 60_000);
    expect((await list('chain-admin', '?status=open')).body.refusals.map((r) => r._id)).not.to.include(refusal._id);
    expect((await list('chain-admin', '?status=dismissed')).body.refusals.map((r) => r._id)).to.include(refusal._id);
    expect((await list('manager-s1', '?status=dismissed')).body.refusals.map((r) => r._id), "the store's manager reads it").to.include(refusal._id);
    const audit = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    const entry = audit.rows.map((r) => r.doc as unknown as { action: string; actor: string; details?: Record<string, unknown> }).find((d) => d.action === 'refusal.dismissed');
    expect(entry).to.deep.include({ actor: 'chain-admin' });
    expect(entry!.details).to.include({ id: refusal._id, note, store: 's1' });
    const again = await dismiss('chain-admin', refusal._id, { note: 'otra vez' });
    expect(again.status, 'a second dismissal is a conflict').to.equal(409);
  });
});
