// POST /api/conflicts/:id/resolve with a merged document built field by field on a real central:
// admins only; central re-validates the merge against the document's JSON Schema and refuses an
// invalid one with a 400 naming the field, changing nothing; a merge over revisions that are no
// longer the document's (a new edit arrived), or a second resolution of the same record, is a 409.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { conflictsOf, makeConflict } from '../../helpers/conflicts.js';
import { queueProductConflicts, setProductPolicy, type QueuedConflict } from '../../helpers/queued-conflicts.js';

interface Answer { status: number; body: any }

describe('central/conflicts/resolve-manually: a merged document from the console', function () {
  let h: DemoCentral;
  let queued: QueuedConflict[];
  const nano = () => h.central.state.couch.nano;
  const resolve = async (recordId: string, body: unknown, who: string | null = 'chain-admin'): Promise<Answer> => {
    const auth = who === null ? {} : basic(who, h.account(who).password);
    const res = await fetch(`${h.central.url}/api/conflicts/${encodeURIComponent(recordId)}/resolve`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const leavesOf = async (c: QueuedConflict) => {
    const detail = await fetch(`${h.central.url}/api/conflicts/${encodeURIComponent(c.recordId)}`, { headers: basic('chain-admin', h.account('chain-admin').password) });
    return (await detail.json() as { current: Array<{ rev: string; body: Record<string, unknown> }> }).current;
  };
  /** Price from the admin's revision, name from the till's. */
  const mergeOf = async (c: QueuedConflict) => {
    const current = await leavesOf(c);
    const admin = current.find((l) => l.body.price === c.adminPrice)!;
    const till = current.find((l) => l.body.price === c.tillPrice)!;
    return { body: { ...admin.body, name: till.body.name }, seen: current.map((l) => l.rev) };
  };

  before(async function () {
    h = await startDemoCentral();
    await setProductPolicy(h, 'manual');
    queued = await queueProductConflicts(h, 4, 10);
  });
  after(async function () {
    await h?.stop();
  });

  it('refuses anonymous callers (401), cashiers and store managers (403)', async function () {
    const merge = await mergeOf(queued[0]!);
    expect((await resolve(queued[0]!.recordId, merge, null)).status).to.equal(401);
    for (const who of ['cashier-s1', 'manager-s1']) expect((await resolve(queued[0]!.recordId, merge, who)).status, who).to.equal(403);
    expect(await conflictsOf(nano(), 'catalog', queued[0]!.docId)).to.have.length(1);
  });

  it('refuses an invalid merge with a 400 naming the field, and changes nothing', async function () {
    const c = queued[0]!;
    const merge = await mergeOf(c);
    const before = await nano().use('catalog').get(c.docId, { conflicts: true } as never);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...merge.body, price: -5 }, 'price'],
      [{ ...merge.body, price: '12.50' }, 'price'],
      [{ ...merge.body, colour: undefined }, 'colour'],
      [{ ...merge.body, discount: 3 }, 'discount'],
    ];
    for (const [body, field] of cases) {
      const res = await resolve(c.recordId, { body: JSON.parse(JSON.stringify(body)), seen: merge.seen });
      expect(res.status, field).to.equal(400);
      expect(res.body.code).to.equal('VALIDATION_FAILED');
      expect(res.body.details.field, res.body.message).to.equal(field);
      expect(res.body.message).to.contain(field);
    }
    expect(await nano().use('catalog').get(c.docId, { conflicts: true } as never)).to.deep.equal(before);
    expect((await nano().use('audit').get(c.recordId) as unknown as { status: string }).status).to.equal('pending');
  });

  it('writes a valid merge taking fields from both revisions, closes the record and audits who', async function () {
    const c = queued[0]!;
    const merge = await mergeOf(c);
    const res = await resolve(c.recordId, merge);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.conflict).to.include({ status: 'resolved', resolution: 'manual-merge', resolvedBy: 'chain-admin' });
    const doc = await nano().use<Record<string, unknown>>('catalog').get(c.docId);
    expect(doc).to.include({ price: c.adminPrice, name: merge.body.name, updatedBy: 'chain-admin' });
    expect(await conflictsOf(nano(), 'catalog', c.docId)).to.deep.equal([]);
    const { rows } = await nano().use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    const entry = rows.map((r) => r.doc as unknown as { action: string; actor: string; details?: Record<string, unknown> })
      .find((d) => d.action === 'conflict.resolved' && d.details?.conflict === c.recordId);
    expect(entry).to.deep.include({ actor: 'chain-admin' });
    expect(entry!.details).to.include({ resolution: 'manual-merge', manual: true });
  });

  it('answers 409 to a second resolution of the same record, and to a merge over revisions that changed since', async function () {
    const done = queued[0]!;
    const again = await resolve(done.recordId, { rev: done.revs[0] });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('CONFLICT');

    const c = queued[1]!;
    const merge = await mergeOf(c);
    // A third till's edit arrives after the admin loaded the conflict.
    const { _rev, ...body } = await nano().use<Record<string, unknown>>('catalog').get(c.docId);
    await makeConflict(nano(), 'catalog', c.docId, [{ ...body, price: 333_00, updatedAt: '2026-11-24T10:00:00.000Z-0000-s1.pos2', updatedBy: 'manager-s1' }]);
    const stale = await resolve(c.recordId, merge);
    expect(stale.status, JSON.stringify(stale.body)).to.equal(409);
    expect(stale.body.code).to.equal('CONFLICT');
    expect(stale.body.message).to.contain('changed since you loaded it');
    const after = await leavesOf(c);
    expect(after.map((l) => l.body.price), 'nothing written: the new edit is still a leaf').to.include(333_00);
    expect(after).to.have.length(2);

    // Two admins at once: exactly one wins the record's compare-and-swap.
    const d = queued[2]!;
    const both = await Promise.all([resolve(d.recordId, { rev: d.revs[0] }), resolve(d.recordId, { rev: d.revs[1] })]);
    expect(both.map((r) => r.status).sort()).to.deep.equal([200, 409]);
  });
});
