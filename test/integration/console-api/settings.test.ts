// The console's settings API on a real central: /api/config/pos, /api/config/sync and the
// conflict policy's preview and save. Admin-only (anonymous 401, managers and cashiers 403); a
// refused value is a 400 naming the field and leaves the stored setting as it was; every change
// is audited with before and after; the preview answers, for real waiting conflicts, what the
// proposed policy would do, page by page.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { makeConflicts } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Answer { status: number; body: Record<string, any> }

describe('central/http/settings-routes and policy preview: the console settings API', function () {
  let h: DemoCentral;
  const call = async (method: string, path: string, who: string | null = 'chain-admin', body?: unknown): Promise<Answer> => {
    const headers = { ...(who === null ? {} : basic(who, h.account(who).password)), 'Content-Type': 'application/json' };
    const res = await fetch(`${h.central.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };
  const auditOf = async (target: string) => {
    const { body } = await call('GET', '/audit?limit=100');
    return (body.entries as Array<{ action: string; target?: string; actor: string; details: { before: unknown; after: unknown } }>)
      .filter((e) => e.action === 'settings.changed' && e.target === target);
  };

  before(async function () {
    h = await startDemoCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('refuses anonymous callers (401), cashiers and store managers (403) on every settings route', async function () {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/config/pos'], ['PUT', '/config/pos', { value: { cashierMaxDiscountPct: 50 } }],
      ['GET', '/config/sync'], ['PUT', '/config/sync', { value: { batchSize: 100 } }],
      ['PUT', '/config/conflict-policy', { policy: { default: 'manual' } }],
      ['POST', '/config/conflict-policy/preview', { policy: { default: 'manual' } }],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, null, body)).status, `${method} ${path} anonymous`).to.equal(401);
      for (const who of ['cashier-s1', 'manager-s1']) {
        const res = await call(method, path, who, body);
        expect(res.status, `${method} ${path} ${who}`).to.equal(403);
        expect(res.body.code).to.equal('FORBIDDEN');
      }
    }
    expect((await call('GET', '/config/sync')).body.value, 'nothing was written').to.equal(undefined);
  });

  it('saves POS settings, reads them back and audits before and after', async function () {
    const first = await call('PUT', '/config/pos', 'chain-admin', { value: { cashierMaxDiscountPct: 15, managerMaxDiscountPct: 60, maxClockSkewMin: 10, maxOfflineDays: 30 } });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    const second = await call('PUT', '/config/pos', 'chain-admin', { value: { cashierMaxDiscountPct: 20, managerMaxDiscountPct: 60, maxClockSkewMin: 10, maxOfflineDays: 30 } });
    expect(second.status).to.equal(200);
    const read = await call('GET', '/config/pos');
    expect(read.body.value).to.deep.equal({ cashierMaxDiscountPct: 20, managerMaxDiscountPct: 60, maxClockSkewMin: 10, maxOfflineDays: 30 });
    expect(read.body.updatedBy).to.equal('chain-admin');
    const [latest] = await auditOf('settings:pos');
    expect(latest!.actor).to.equal('chain-admin');
    expect(latest!.details.before).to.deep.include({ cashierMaxDiscountPct: 15 });
    expect(latest!.details.after).to.deep.include({ cashierMaxDiscountPct: 20 });
  });

  it('refuses a bad POS or sync value with a 400 naming the field, and keeps the stored settings', async function () {
    await call('PUT', '/config/sync', 'chain-admin', { value: { batchSize: 200 } });
    const pos = (await call('GET', '/config/pos')).body.value;
    const sync = (await call('GET', '/config/sync')).body.value;
    const audited = (await auditOf('settings:pos')).length + (await auditOf('settings:sync')).length;
    const cases: Array<[string, unknown, string]> = [
      ['/config/pos', { value: { cashierMaxDiscountPct: 150 } }, 'value/cashierMaxDiscountPct'],
      ['/config/pos', { value: { managerMaxDiscountPct: -1 } }, 'value/managerMaxDiscountPct'],
      ['/config/pos', { value: { maxOfflineDays: 1.5 } }, 'value/maxOfflineDays'],
      ['/config/pos', { value: { surprise: 1 } }, 'value/surprise'],
      ['/config/pos', {}, 'value'],
      ['/config/sync', { value: { batchSize: 1 } }, 'value/batchSize'],
      ['/config/sync', { value: { heartbeatMs: 'often' } }, 'value/heartbeatMs'],
      ['/config/sync', { value: { retryMinMs: 5000, retryMaxMs: 2000 } }, 'value/retryMaxMs'],
    ];
    for (const [path, body, field] of cases) {
      const res = await call('PUT', path, 'chain-admin', body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).to.equal(400);
      expect(res.body.code).to.equal('VALIDATION_FAILED');
      expect(res.body.details.field, JSON.stringify(res.body)).to.equal(field);
      expect(res.body.message).to.contain(field);
    }
    expect((await call('GET', '/config/pos')).body.value).to.deep.equal(pos);
    expect((await call('GET', '/config/sync')).body.value).to.deep.equal(sync);
    expect((await auditOf('settings:pos')).length + (await auditOf('settings:sync')).length, 'no audit entry for a refusal').to.equal(audited);
  });

  it('keeps settings:sync admin-only in the catalog itself: a manager writing it through /db is refused by validate_doc_update', async function () {
    const stored = await h.central.state.couch.nano.use<{ _rev: string }>('catalog').get('settings:sync');
    const res = await fetch(`${h.central.url}/db/catalog/settings:sync`, {
      method: 'PUT', headers: { ...basic('manager-s1', h.account('manager-s1').password), 'Content-Type': 'application/json' },
      body: JSON.stringify({ _id: 'settings:sync', _rev: stored._rev, type: 'settings', key: 'sync', value: { batchSize: 10 }, updatedAt: '2026-12-01T00:00:00.000Z-0000-s1.pos1', updatedBy: 'manager-s1' }),
    });
    expect(res.status).to.equal(403);
    expect((await res.json() as { reason?: string }).reason).to.equal('only admins write the catalog');
    expect((await call('GET', '/config/sync')).body.value).to.deep.equal({ batchSize: 200 });
  });

  describe('the conflict policy preview', function () {
    const nano = () => h.central.state.couch.nano;
    const ids: string[] = [];
    let policy: Record<string, any>;

    before(async function () {
      policy = (await call('GET', '/config/conflict-policy')).body.policy;
      const manual = { ...policy, types: { ...policy.types, product: { strategy: 'manual' } } };
      expect((await call('PUT', '/config/conflict-policy', 'chain-admin', { policy: manual })).status).to.equal(200);
      const { rows } = await nano().use<Record<string, unknown>>('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 5, include_docs: true });
      const specs = rows.map((row, i) => {
        const { _rev, ...body } = row.doc!;
        ids.push(body._id as string);
        const cost = Number(body.cost);
        // The last one: the later writer set a price below cost, which the price >= cost rule keeps for an admin.
        const later = i === rows.length - 1 ? cost - 1 : cost + 222_00;
        return { id: body._id as string, bodies: [
          { ...body, price: cost + 111_00, updatedAt: '2026-11-24T08:00:00.000Z-0000-central', updatedBy: 'chain-admin' },
          { ...body, price: later, updatedAt: '2026-11-24T09:00:00.000Z-0000-s1.pos1', updatedBy: 'manager-s1' },
        ] };
      });
      await makeConflicts(nano(), 'catalog', specs);
      await waitFor(async () => {
        const q = await call('GET', '/conflicts?status=pending&type=product&limit=50');
        return ids.every((id) => (q.body.conflicts as Array<{ docId: string }>).some((c) => c.docId === id));
      }, { what: 'the five conflicts to be queued' });
    });

    const preview = (body: unknown) => call('POST', '/config/conflict-policy/preview', 'chain-admin', body);
    const all = async (proposed: unknown) => {
      const rows: Array<Record<string, any>> = [];
      let cursor: string | null = null;
      for (let n = 0; n < 20; n++) {
        const page = await preview({ policy: proposed, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        expect(page.body.rows.length).to.be.at.most(2);
        rows.push(...page.body.rows);
        cursor = page.body.nextCursor;
        if (cursor === null) return rows;
      }
      throw new Error('preview paging did not end');
    };

    it('answers, page by page, what lww would do to each waiting conflict: the later price wins, except one that breaks price >= cost', async function () {
      const rows = await all({ ...policy, types: { ...policy.types, product: { strategy: 'lww' } } });
      expect(new Set(rows.map((r) => r.conflict)).size, 'no conflict twice').to.equal(rows.length);
      const ours = rows.filter((r) => ids.includes(r.docId));
      expect(ours).to.have.length(5);
      for (const row of ours) expect(row.now.strategy).to.equal('manual');
      const last = ours.find((r) => r.docId === ids[4])!;
      expect(last.would.outcome).to.equal('manual');
      expect(last.would.reason).to.contain('price');
      for (const row of ours.filter((r) => r !== last)) {
        expect(row.would).to.include({ outcome: 'auto', strategy: 'lww', kind: 'keep-winner' });
        expect(row.would.body.updatedBy).to.equal('manager-s1');
      }
    });

    it('says central-wins would keep central\'s price, manual would keep them all waiting, and counts both', async function () {
      const central = await all({ ...policy, types: { ...policy.types, product: { strategy: 'central-wins' } } });
      for (const row of central.filter((r) => ids.includes(r.docId))) expect(row.would.body.updatedBy).to.equal('chain-admin');
      const page = await preview({ policy: { ...policy, types: { ...policy.types, product: { strategy: 'manual' } } }, limit: 50 });
      expect(page.body.total).to.be.at.least(5);
      expect(page.body.manual).to.be.at.least(5);
      expect(page.body.rows.filter((r: Record<string, any>) => ids.includes(r.docId)).every((r: Record<string, any>) => r.would.outcome === 'manual')).to.equal(true);
    });

    it('refuses a bad policy naming the field, a bad limit or cursor naming the parameter', async function () {
      const bad = await preview({ policy: { ...policy, types: { product: { strategy: 'coin-toss' } } } });
      expect(bad.status).to.equal(400);
      expect(bad.body.details.field).to.equal('policy/types/product/strategy');
      const badRule = await preview({ policy: { ...policy, rules: [{ type: 'product', field: 'price', op: 'gte', other: '1cost' }] } });
      expect(badRule.body.details.field).to.equal('policy/rules/0/other');
      for (const [body, param] of [[{ policy, limit: 51 }, 'limit'], [{ policy, limit: 0 }, 'limit'], [{ policy, cursor: 'nope' }, 'cursor']] as const) {
        const res = await preview(body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(res.body.details.param).to.equal(param);
      }
    });

    it('saves a policy with an audit entry holding the policy before and after, and a refused one changes nothing', async function () {
      const before = (await call('GET', '/config/conflict-policy')).body.policy;
      const next = { ...before, types: { ...before.types, customer: { strategy: 'lww' } } };
      expect((await call('PUT', '/config/conflict-policy', 'chain-admin', { policy: next })).status).to.equal(200);
      const [entry] = await auditOf('settings:conflict-policy');
      expect(entry!.details.before).to.deep.equal(before);
      expect(entry!.details.after).to.deep.equal(next);
      const refused = await call('PUT', '/config/conflict-policy', 'chain-admin', { policy: { ...next, default: 'maybe' } });
      expect(refused.status).to.equal(400);
      expect(refused.body.details.field).to.equal('policy/default');
      expect((await call('GET', '/config/conflict-policy')).body.policy).to.deep.equal(next);
    });
  });
});
