// The tills page's API on a real central (embedded server, demo chain): the quarantined sales of a
// store (GET /api/quarantine, paged by id) and their release (POST /api/quarantine/:store/:id/release),
// and refused uploads paged (GET /api/refusals ?cursor) and accepted after correction (POST
// /api/refusals/:id/accept, only when central holds a later revision). Admins act; a store
// manager reads their own store; cashiers and other stores' managers are refused; every action
// is audited; a released sale counts in the sales and stock views and stays counted.
import { expect } from 'chai';
import { basic } from '../../helpers/demo-central.js';
import { startRulesRig, type RulesRig } from '../../helpers/store-attacker.js';
import { waitFor } from '../../helpers/wait-for.js';

const SKU = 'PS-M01-NEG-25';

interface Entry { store: string; docId: string; type: string; reason: string; at: string }
interface Refusal { _id: string; docId: string; rev: string; accepted?: { by: string; note: string; rev: string } }

describe('central/http/quarantine-routes and refusals accept: the tills page API', function () {
  this.timeout(120_000);
  let rig: RulesRig;
  const quarantinedIds: string[] = [];
  let refusal: Refusal;
  const statusId = 'store-status:s1:s1.pos9';
  const statusDoc = (rev: string, revisions: string[], state: string) => ({
    _id: statusId, _rev: rev, _revisions: { start: revisions.length, ids: revisions }, type: 'store-status',
    updatedAt: `${new Date().toISOString()}-0000-s1.pos9`, updatedBy: 's1.pos9', store: 's1', device: 's1.pos9', state, pending: 0,
  });

  const call = async (method: string, path: string, who: string | null, body?: unknown) => {
    const headers = { 'Content-Type': 'application/json', ...(who === null ? {} : basic(who, rig.demo.account(who).password)) };
    const res = await fetch(`${rig.demo.central.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };
  const release = (who: string | null, id: string, body: unknown = { note: 'firma revisada a mano' }) => call('POST', `/quarantine/s1/${encodeURIComponent(id)}/release`, who, body);
  const accept = (who: string | null, id: string, body: unknown = { note: 'estado corregido' }) => call('POST', `/refusals/${encodeURIComponent(id)}/accept`, who, body);
  const auditEntries = async (action: string) => ((await call('GET', '/audit?limit=200', 'chain-admin')).body.entries as Array<{ action: string; actor: string; details: any }>).filter((e) => e.action === action);

  before(async function () {
    rig = await startRulesRig(SKU);
    // Three unsigned sales: central quarantines each.
    for (let i = 0; i < 3; i++) {
      const sale = rig.a.sale(rig.pos7, [{ sku: SKU, unitPrice: rig.price }]);
      await rig.a.write(sale);
      await rig.a.quarantined(sale._id);
      quarantinedIds.push(sale._id);
    }
    quarantinedIds.sort();
    // A till status CouchDB refuses (an unknown state), pushed as a till replicates it.
    const res = await fetch(`${rig.demo.central.url}/db/store-s1/_bulk_docs`, {
      method: 'POST', headers: { ...basic('cashier-s1', rig.demo.account('cashier-s1').password), 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [statusDoc(`1-${'a'.repeat(32)}`, ['a'.repeat(32)], 'asleep')], new_edits: false }),
    });
    expect(res.status).to.equal(201);
    await waitFor(async () => {
      const found = ((await call('GET', '/refusals?store=s1', 'chain-admin')).body.refusals as Refusal[]).find((r) => r.docId === statusId);
      if (found) refusal = found;
      return found !== undefined;
    }, { what: 'the refusal to be recorded' });
  });
  after(async () => rig?.stop());

  it('needs a login (401), an admin or the store manager to read (403), an admin to act (403)', async function () {
    expect((await call('GET', '/quarantine?store=s1', null)).status).to.equal(401);
    expect((await release(null, quarantinedIds[0]!)).status).to.equal(401);
    expect((await accept(null, refusal._id)).status).to.equal(401);
    expect((await call('GET', '/quarantine?store=s1', 'cashier-s1')).status).to.equal(403);
    expect((await call('GET', '/refusals?store=s1', 'cashier-s1')).status, 'a cashier reads no refusals').to.equal(403);
    // Written (a quorum of copies) before the 403; on a cluster the audit list may read a copy that has it a moment later.
    await waitFor(async () => (await auditEntries('auth.denied')).some((e) => e.actor === 'cashier-s1' && String(e.details?.path).includes('/refusals')), { what: 'the refused read to be audited' });
    const other = await call('GET', '/quarantine?store=s1', 'manager-s2');
    expect(other.status, "another store's manager").to.equal(403);
    expect(other.body.code).to.equal('FORBIDDEN');
    for (const who of ['manager-s1', 'cashier-s1']) {
      expect((await release(who, quarantinedIds[0]!)).status, `${who} releases`).to.equal(403);
      expect((await accept(who, refusal._id)).status, `${who} accepts`).to.equal(403);
    }
  });

  it("shows a store manager their own store's quarantine (by default) and nothing of another's", async function () {
    const own = await call('GET', '/quarantine', 'manager-s1');
    expect(own.status).to.equal(200);
    expect(own.body.store).to.equal('s1');
    expect((own.body.entries as Entry[]).map((e) => e.docId)).to.deep.equal(quarantinedIds);
    const theirs = await call('GET', '/quarantine', 'manager-s2');
    expect(theirs.status).to.equal(200);
    expect(theirs.body).to.deep.include({ store: 's2', entries: [], next: null });
  });

  it('answers 400 naming the bad parameter', async function () {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/quarantine', undefined, 'store'],
      ['GET', '/quarantine?store=S%201', undefined, 'store'],
      ['GET', '/quarantine?store=s1&limit=0', undefined, 'limit'],
      ['GET', '/quarantine?store=s1&limit=lots', undefined, 'limit'],
      ['GET', '/quarantine?store=s1&cursor=product:x', undefined, 'cursor'],
      ['GET', '/refusals?cursor=sale:x', undefined, 'cursor'],
      ['GET', '/refusals?status=closed', undefined, 'status'],
      ['POST', `/quarantine/s1/${encodeURIComponent(quarantinedIds[0]!)}/release`, {}, 'note'],
      ['POST', `/quarantine/s1/${encodeURIComponent(quarantinedIds[0]!)}/release`, { note: 'x'.repeat(501) }, 'note'],
      ['POST', '/quarantine/s1/product:x/release', { note: 'x' }, 'id'],
      ['POST', `/quarantine/S!/${encodeURIComponent(quarantinedIds[0]!)}/release`, { note: 'x' }, 'store'],
      ['POST', `/refusals/${encodeURIComponent(refusal._id)}/accept`, { note: ' ' }, 'note'],
      ['POST', '/refusals/sale:x/accept', { note: 'x' }, 'id'],
    ];
    for (const [method, path, body, param] of cases) {
      const res = await call(method, path, 'chain-admin', body);
      expect(res.status, `${method} ${path}`).to.equal(400);
      expect(res.body.details?.param, `${method} ${path}`).to.equal(param);
    }
    expect((await release('chain-admin', 'sale:s1:nope')).status).to.equal(404);
  });

  it('pages the quarantine by id without repeats or gaps', async function () {
    const first = await call('GET', '/quarantine?store=s1&limit=2', 'chain-admin');
    expect(first.status).to.equal(200);
    expect(first.body.entries).to.have.length(2);
    expect(first.body.next).to.be.a('string');
    const second = await call('GET', `/quarantine?store=s1&limit=2&cursor=${encodeURIComponent(first.body.next)}`, 'chain-admin');
    expect(second.body.next).to.equal(null);
    const ids = [...first.body.entries, ...second.body.entries].map((e: Entry) => e.docId);
    expect(ids).to.deep.equal(quarantinedIds);
    expect(first.body.entries[0]).to.include({ store: 's1', type: 'sale' });
    expect(first.body.entries[0].reason).to.be.a('string').and.not.equal('');
  });

  it('releases a quarantined sale with a note: audited, counted in the sales and stock views, and not judged again', async function () {
    const id = quarantinedIds[0]!;
    const before = await rig.a.counted();
    const res = await release('chain-admin', id, { note: '  firma revisada a mano  ' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.released).to.include({ docId: id });
    expect(await rig.a.doc(id)).to.not.have.property('quarantined');
    const after = await rig.a.counted();
    expect(after.sales, 'the sale counts in sales-by-day').to.not.deep.equal(before.sales);
    expect(after.stock, 'and in the stock').to.not.deep.equal(before.stock);
    // A later unsigned sale's quarantine says the feed went past the release: it stayed released.
    const marker = rig.a.sale(rig.pos7, [{ sku: SKU, unitPrice: rig.price }]);
    await rig.a.write(marker);
    await rig.a.quarantined(marker._id);
    expect(await rig.a.doc(id), 'central does not quarantine it again').to.not.have.property('quarantined');
    const listed = (await call('GET', '/quarantine?store=s1', 'chain-admin')).body.entries as Entry[];
    expect(listed.map((e) => e.docId)).to.not.include(id);
    const [entry] = (await auditEntries('quarantine.released')).filter((e) => e.details.docId === id);
    expect(entry, 'audited').to.deep.include({ actor: 'chain-admin' });
    expect(entry!.details).to.include({ store: 's1', note: 'firma revisada a mano' });
    expect(entry!.details.was).to.be.a('string');
    expect((await release('chain-admin', id)).status, 'a second release is a conflict').to.equal(409);
  });

  it('accepts a refusal only once central holds a later revision: 409 before, audited after', async function () {
    const early = await accept('chain-admin', refusal._id);
    expect(early.status).to.equal(409);
    expect(early.body.message).to.match(/central holds no revision/);
    // The till corrects its status: revision 2 on top of the refused one, which CouchDB accepts.
    const res = await fetch(`${rig.demo.central.url}/db/store-s1/_bulk_docs`, {
      method: 'POST', headers: { ...basic('cashier-s1', rig.demo.account('cashier-s1').password), 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [statusDoc(`2-${'b'.repeat(32)}`, ['b'.repeat(32), 'a'.repeat(32)], 'online')], new_edits: false }),
    });
    expect(((await res.json()) as Array<{ error?: string }>).filter((r) => r.error)).to.deep.equal([]);
    const ok = await accept('chain-admin', refusal._id, { note: 'estado corregido en la caja' });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.refusal.accepted).to.include({ by: 'chain-admin', note: 'estado corregido en la caja', rev: `2-${'b'.repeat(32)}` });
    expect(((await call('GET', '/refusals?store=s1&status=open', 'chain-admin')).body.refusals as Refusal[]).map((r) => r._id)).to.not.include(refusal._id);
    expect(((await call('GET', '/refusals?store=s1&status=accepted', 'manager-s1')).body.refusals as Refusal[]).map((r) => r._id)).to.include(refusal._id);
    const [entry] = (await auditEntries('refusal.accepted')).filter((e) => e.details.id === refusal._id);
    expect(entry, 'audited').to.deep.include({ actor: 'chain-admin' });
    expect(entry!.details).to.include({ docId: statusId, acceptedRev: `2-${'b'.repeat(32)}`, note: 'estado corregido en la caja' });
    expect((await accept('chain-admin', refusal._id)).status, 'a second acceptance is a conflict').to.equal(409);
    const dismissed = await call('POST', `/refusals/${encodeURIComponent(refusal._id)}/dismiss`, 'chain-admin', { note: 'ya no' });
    expect(dismissed.status, 'an accepted refusal is settled: dismissing it too is a conflict').to.equal(409);
    expect(dismissed.body.message).to.match(/already accepted by chain-admin/);
  });

  it('pages refused uploads with a cursor', async function () {
    // Two more refused sales (a total CouchDB's schema refuses).
    for (const n of ['c', 'd']) {
      const at = `${new Date().toISOString()}-000${n === 'c' ? 1 : 2}-s1.pos9`;
      const sale = {
        _id: `sale:s1:${at}`, _rev: `1-${n.repeat(32)}`, _revisions: { start: 1, ids: [n.repeat(32)] }, type: 'sale', updatedAt: at, updatedBy: 's1.pos9',
        store: 's1', device: 's1.pos9', cashier: 'cashier-s1', businessDay: at.slice(0, 10), lines: [{ sku: SKU, qty: 1, unitPrice: 100, discount: 0 }],
        total: '100', payments: [{ method: 'cash', amount: 100 }], change: 0,
      };
      await fetch(`${rig.demo.central.url}/db/store-s1/_bulk_docs`, {
        method: 'POST', headers: { ...basic('cashier-s1', rig.demo.account('cashier-s1').password), 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: [sale], new_edits: false }),
      });
    }
    await waitFor(async () => (await call('GET', '/refusals?store=s1', 'chain-admin')).body.refusals.length >= 3, { what: 'three refusals' });
    const all = ((await call('GET', '/refusals?store=s1', 'chain-admin')).body.refusals as Refusal[]).map((r) => r._id);
    const first = await call('GET', '/refusals?store=s1&limit=2', 'chain-admin');
    expect(first.body.next).to.be.a('string');
    const second = await call('GET', `/refusals?store=s1&limit=2&cursor=${encodeURIComponent(first.body.next)}`, 'chain-admin');
    expect([...first.body.refusals, ...second.body.refusals].map((r: Refusal) => r._id)).to.deep.equal(all);
    expect(second.body.next).to.equal(null);
  });
});
