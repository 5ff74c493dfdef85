// POST /api/conflicts/bulk on a real central: an admin settles many queued conflicts with one
// automatic strategy, by ids or by the queue's own filter (bounded), each id answered with its
// outcome, each resolution audited like a manual one plus one summary entry; store managers,
// cashiers and anonymous callers are refused; a bad field is a 400 that names it.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { conflictsOf } from '../../helpers/conflicts.js';
import { queueProductConflicts, setProductPolicy, type QueuedConflict } from '../../helpers/queued-conflicts.js';

interface Answer { status: number; body: any }
type AuditDoc = { action: string; actor: string; target?: string; details?: Record<string, unknown> };

describe('central/http/conflicts-routes: POST /api/conflicts/bulk', function () {
  let h: DemoCentral;
  let queued: QueuedConflict[];
  const bulk = async (body: unknown, who: string | null = 'chain-admin'): Promise<Answer> => {
    const auth = who === null ? {} : basic(who, h.account(who).password);
    const res = await fetch(`${h.central.url}/api/conflicts/bulk`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const auditEntries = async (): Promise<AuditDoc[]> => {
    const { rows } = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    return rows.map((r) => r.doc as unknown as AuditDoc);
  };
  const product = (id: string) => h.central.state.couch.nano.use<Record<string, unknown>>('catalog').get(id);

  before(async function () {
    h = await startDemoCentral();
    await setProductPolicy(h, 'manual');
    queued = await queueProductConflicts(h, 8);
  });
  after(async function () {
    await h?.stop();
  });

  it('refuses anonymous callers (401), cashiers and store managers (403), and changes nothing', async function () {
    const body = { strategy: 'lww', ids: [queued[0]!.recordId] };
    expect((await bulk(body, null)).status).to.equal(401);
    for (const who of ['cashier-s1', 'manager-s1']) {
      const res = await bulk(body, who);
      expect(res.status, who).to.equal(403);
      expect(res.body.code, who).to.be.oneOf(['FORBIDDEN', 'SYNC_DENIED']);
    }
    expect(await conflictsOf(h.central.state.couch.nano, 'catalog', queued[0]!.docId)).to.have.length(1);
  });

  it('answers a bad field with a 400 that names it', async function () {
    const id = queued[0]!.recordId;
    const cases: Array<[unknown, string]> = [
      [{ ids: [id] }, 'strategy'],
      [{ strategy: 'manual', ids: [id] }, 'strategy'],
      [{ strategy: 'lww' }, 'ids'],
      [{ strategy: 'lww', ids: [id], filter: {} }, 'ids'],
      [{ strategy: 'lww', ids: [] }, 'ids'],
      [{ strategy: 'lww', ids: ['not-a-conflict'] }, 'ids'],
      [{ strategy: 'lww', ids: [id, id] }, 'ids'],
      [{ strategy: 'lww', ids: Array.from({ length: 501 }, (_, i) => `conflict:x:${i}`) }, 'ids'],
      [{ strategy: 'lww', filter: { type: '<x>' } }, 'filter.type'],
      [{ strategy: 'lww', filter: { limit: 501 } }, 'filter.limit'],
      [{ strategy: 'lww', filter: { status: 'resolved' } }, 'filter.status'],
      [{ strategy: 'lww', filter: { db: 'catalog', type: 'product' } }, 'filter.db+type'],
      [{ strategy: 'lww', ids: [id], everything: true }, 'everything'],
      [[], 'body'],
    ];
    for (const [body, param] of cases) {
      const res = await bulk(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).to.equal(400);
      expect(res.body.code).to.equal('BAD_REQUEST');
      expect(res.body.details?.param, JSON.stringify(body).slice(0, 80)).to.equal(param);
      expect(res.body.message).to.contain(param);
    }
    expect(await conflictsOf(h.central.state.couch.nano, 'catalog', queued[0]!.docId)).to.have.length(1);
  });

  it('settles the chosen conflicts with lww, answers each id, and audits each resolution and the action', async function () {
    const chosen = queued.slice(0, 3);
    const res = await bulk({ strategy: 'lww', ids: [...chosen.map((c) => c.recordId), 'conflict:catalog:product:NOPE:1'] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ strategy: 'lww', asked: 4, resolved: 3, alreadyResolved: 0, failed: 1 });
    expect(res.body.results.slice(0, 3).map((r: { outcome: string }) => r.outcome)).to.deep.equal(['resolved', 'resolved', 'resolved']);
    expect(res.body.results[3]).to.include({ outcome: 'failed', code: 'NOT_FOUND' });
    for (const c of chosen) {
      expect(await conflictsOf(h.central.state.couch.nano, 'catalog', c.docId), c.docId).to.deep.equal([]);
      expect((await product(c.docId)).price, 'lww keeps the later stamp: the till').to.equal(c.tillPrice);
    }
    const entries = await auditEntries();
    const resolved = entries.filter((e) => e.action === 'conflict.resolved' && e.details?.bulk === true);
    expect(resolved.map((e) => e.details!.conflict).sort()).to.deep.equal(chosen.map((c) => c.recordId).sort());
    expect(resolved.every((e) => e.actor === 'chain-admin' && e.details!.strategy === 'lww')).to.equal(true);
    const summary = entries.filter((e) => e.action === 'conflict.bulk-resolved');
    expect(summary).to.have.length(1);
    expect(summary[0]!.details).to.include({ strategy: 'lww', resolved: 3, failed: 1 });
    const resolvedRecord = await h.central.state.couch.nano.use('audit').get(chosen[0]!.recordId) as unknown as Record<string, unknown>;
    expect(resolvedRecord).to.include({ status: 'resolved', resolvedBy: 'chain-admin', resolution: 'keep-winner' });

    const again = await bulk({ strategy: 'central-wins', ids: [chosen[0]!.recordId] });
    expect(again.body.results).to.deep.equal([{ id: chosen[0]!.recordId, outcome: 'already-resolved' }]);
    expect((await product(chosen[0]!.docId)).price, 'a second action changes nothing').to.equal(chosen[0]!.tillPrice);
  });

  it('settles at most `limit` pending conflicts of a filter with central-wins, and says when more match', async function () {
    const rest = queued.slice(3);
    const res = await bulk({ strategy: 'central-wins', filter: { type: 'product', limit: 2 } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ asked: 2, resolved: 2, matching: rest.length, more: true });
    const done = rest.filter((c) => res.body.results.some((r: { id: string }) => r.id === c.recordId));
    expect(done).to.have.length(2);
    for (const c of done) expect((await product(c.docId)).price, 'central-wins keeps the admin').to.equal(c.adminPrice);
    const all = await bulk({ strategy: 'field-merge', filter: { q: 'product:' } });
    expect(all.body).to.include({ asked: rest.length - 2, resolved: rest.length - 2, more: false });
    const pending = await fetch(`${h.central.url}/api/conflicts?status=pending&type=product`, { headers: basic('chain-admin', h.account('chain-admin').password) });
    expect((await pending.json() as { total: number }).total).to.equal(0);
  });
});
