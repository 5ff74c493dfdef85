// /api/conflicts for the console on a real central: server-side paging with an opaque cursor
// that visits each record exactly once (even while new ones arrive), filters by store, database,
// type and id prefix with their count (exact after every resolution, through central or not), 400s that name the bad parameter, store managers held to
// their own store, and a record's detail with what each strategy would make of it.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { makeConflict } from '../../helpers/conflicts.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { queueProductConflicts, setProductPolicy } from '../../helpers/queued-conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

const at = (second: number, counter = 0) => `2026-11-${String(1 + Math.floor(second / 86_400)).padStart(2, '0')}T${new Date((second % 86_400) * 1000).toISOString().slice(11, 23)}Z-${counter.toString(16).padStart(4, '0')}-central`;
const DBS = ['catalog', 'store-s1', 'store-s2', 'customers'] as const;
const TYPES: Record<(typeof DBS)[number], string> = { catalog: 'product', 'store-s1': 'settings', 'store-s2': 'settings', customers: 'customer' };

interface Page { status: number; body: { total: number; conflicts: Array<{ _id: string; db: string; docId: string; status: string }>; nextCursor: string | null; code?: string; message?: string; details?: { param?: string } } }

describe('central/http/conflicts-routes: the console conflict queue', function () {
  let h: DemoCentral;
  const seeded: Array<{ _id: string; db: string; docId: string; status: string }> = [];
  const as = (name: string) => basic(name, h.account(name).password);
  const get = async (path: string, who = 'chain-admin'): Promise<Page> => {
    const res = await fetch(`${h.central.url}/api${path}`, { headers: as(who) });
    return { status: res.status, body: await res.json() as Page['body'] };
  };
  const record = (i: number, second = i, status = i % 5 === 0 ? 'resolved' : 'pending') => {
    const db = DBS[i % 4]!;
    const docId = `${TYPES[db]}:q${String(i).padStart(4, '0')}`;
    // Three records share each detection stamp: paging must break ties by id.
    return { _id: `conflict:${db}:${docId}:${i.toString(16).padStart(16, '0')}`, type: 'conflict', db, docId, status, strategy: 'manual', kind: 'revision', revisions: [`1-${'a'.repeat(32)}`, `1-${'b'.repeat(32)}`],
      detectedAt: at(Math.floor(second / 3) * 3), updatedAt: at(second), updatedBy: 'central' };
  };
  const everyCopy = () => onEveryCopy(h.central.state.couch.nano, 'audit');
  const pages = async (query: string, limit: number, between?: (n: number) => Promise<void>) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 100; n++) {
      const page = await get(`/conflicts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).to.equal(200);
      expect(page.body.conflicts.length).to.be.at.most(limit);
      ids.push(...page.body.conflicts.map((c) => c._id));
      cursor = page.body.nextCursor;
      if (cursor === null) return ids;
      await between?.(n);
    }
    throw new Error('paging did not end');
  };

  before(async function () {
    h = await startDemoCentral();
    for (let i = 0; i < 250; i++) seeded.push(record(i));
    // Written to every copy, as central writes its records (exclusive-writes.ts, w=n): a view
    // reads one copy of each shard, and on a cluster the copy a default write had not reached
    // yet answered first, with none of them.
    const res = await h.central.state.couch.nano.use('audit').bulk({ docs: seeded }, await everyCopy());
    expect(res.filter((r) => 'error' in r && r.error)).to.deep.equal([]);
  });
  after(async function () {
    await h?.stop();
  });

  it('pages through the pending queue newest first, visiting each record exactly once, with the total of the filter', async function () {
    const ids = await pages('status=pending', 37);
    const pending = seeded.filter((r) => r.status === 'pending').map((r) => r._id);
    expect(new Set(ids).size, 'no record twice').to.equal(ids.length);
    expect(ids).to.include.members(pending);
    const first = await get('/conflicts?status=pending&limit=5');
    expect(first.body.total).to.equal(ids.length);
  });

  it('keeps its place when new conflicts arrive between pages', async function () {
    const before = await pages('status=resolved', 500);
    let extra = 0;
    const ids = await pages('status=resolved', 7, async () => {
      extra += 1;
      await h.central.state.couch.nano.use('audit').insert(record(10_000 + extra, 999_999 + extra, 'resolved'), await everyCopy());
    });
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.slice(0, before.length)).to.deep.equal(before);
  });

  it('filters by store, database, document type and id prefix, with the count of each filter', async function () {
    const cases: Array<[string, (r: (typeof seeded)[number]) => boolean]> = [
      ['store=s2', (r) => r.db === 'store-s2'],
      ['db=catalog', (r) => r.db === 'catalog'],
      ['type=customer', (r) => r.docId.startsWith('customer:')],
      ['q=product:q01', (r) => r.docId.startsWith('product:q01')],
      ['store=s1&type=settings', (r) => r.db === 'store-s1'],
    ];
    for (const [query, keep] of cases) {
      const want = seeded.filter((r) => r.status === 'pending' && keep(r)).map((r) => r._id).sort();
      const ids = await pages(`status=pending&${query}`, 20);
      expect(ids.filter((id) => id.includes(':q')).sort(), query).to.deep.equal(want);
      expect((await get(`/conflicts?status=pending&${query}&limit=1`)).body.total, query).to.equal(ids.length);
    }
  });

  it('answers a bad parameter with a 400 that names it', async function () {
    const cases: Array<[string, string]> = [
      ['status=open', 'status'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'], ['db=Bad%20Name', 'db'], ['type=%3Cx%3E', 'type'], ['store=S%201', 'store'],
      ['db=catalog&type=product', 'db+type'], ['q=a%20b', 'q'],
    ];
    for (const [query, param] of cases) {
      const res = await get(`/conflicts?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.code, query).to.equal('BAD_REQUEST');
      expect(res.body.details?.param, query).to.equal(param);
      expect(res.body.message, query).to.contain(param);
    }
    const first = await get('/conflicts?status=pending&db=catalog&limit=2');
    expect((await get(`/conflicts?status=pending&type=product&cursor=${first.body.nextCursor}`)).status, "another filter's cursor").to.equal(400);
  });

  it("shows a store manager their own store's conflicts only, and refuses cashiers and anonymous callers", async function () {
    const own = await pages('status=pending', 50).then(() => get('/conflicts?status=pending&limit=500', 'manager-s1'));
    expect(own.status).to.equal(200);
    expect(own.body.conflicts.length).to.be.greaterThan(0);
    expect(own.body.conflicts.every((c) => c.db === 'store-s1')).to.equal(true);
    for (const query of ['store=s2', 'db=catalog', 'db=store-s2']) {
      const res = await get(`/conflicts?${query}`, 'manager-s1');
      expect(res.status, query).to.equal(403);
      expect(res.body.code).to.equal('FORBIDDEN');
    }
    const other = seeded.find((r) => r.db === 'store-s2')!;
    expect((await get(`/conflicts/${encodeURIComponent(other._id)}`, 'manager-s1')).status).to.equal(403);
    expect((await get('/conflicts', 'cashier-s1')).status).to.equal(403);
    const anonymous = await fetch(`${h.central.url}/api/conflicts`);
    expect(anonymous.status).to.equal(401);
    expect(await anonymous.json()).to.have.property('code');
    const resolve = await fetch(`${h.central.url}/api/conflicts/${encodeURIComponent(other._id)}/resolve`, { method: 'POST', headers: { ...as('manager-s2'), 'Content-Type': 'application/json' }, body: JSON.stringify({ rev: other._id }) });
    expect(resolve.status, 'resolving stays admin-only').to.equal(403);
  });

  it("shows a queued conflict's differing fields and what lww, central-wins and field-merge would make of it", async function () {
    const admin = { ...as('chain-admin'), 'Content-Type': 'application/json' };
    const { policy } = await (await fetch(`${h.central.url}/api/config/conflict-policy`, { headers: admin })).json() as { policy: { types?: Record<string, unknown> } };
    const put = await fetch(`${h.central.url}/api/config/conflict-policy`, { method: 'PUT', headers: admin, body: JSON.stringify({ policy: { ...policy, types: { ...policy.types, product: { strategy: 'manual' } } } }) });
    expect(put.status).to.equal(200);
    const nano = h.central.state.couch.nano;
    const { rows } = await nano.use<Record<string, unknown>>('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1, include_docs: true });
    const { _rev, ...body } = rows[0]!.doc!;
    const id = body._id as string;
    await makeConflict(nano, 'catalog', id, [
      { ...body, price: Number(body.cost) + 111_00, updatedAt: '2026-11-24T08:00:00.000Z-0000-central', updatedBy: 'chain-admin' },
      { ...body, price: Number(body.cost) + 222_00, updatedAt: '2026-11-24T09:00:00.000Z-0000-till-s1-1', updatedBy: 'manager-s1' },
    ]);
    let queued: { _id: string } | undefined;
    await waitFor(async () => {
      queued = (await get(`/conflicts?status=pending&q=${encodeURIComponent(id)}`)).body.conflicts.find((c) => c.docId === id);
      return queued !== undefined;
    }, { what: 'the conflict to be queued' });
    const detail = await fetch(`${h.central.url}/api/conflicts/${encodeURIComponent(queued!._id)}`, { headers: admin });
    const got = await detail.json() as { differs: string[]; current: unknown[]; previews: Array<{ strategy: string; kind: string; body?: { price?: number } }> };
    expect(got.current, JSON.stringify(got.previews)).to.have.length(2);
    expect(got.differs).to.include.members(['price', 'updatedAt', 'updatedBy']);
    expect(got.differs).not.to.include('name');
    expect(got.previews.map((p) => p.strategy)).to.deep.equal(['lww', 'central-wins', 'field-merge']);
    const by = Object.fromEntries(got.previews.map((p) => [p.strategy, p]));
    expect(by.lww!.body?.price, 'the later stamp wins').to.equal(Number(body.cost) + 222_00);
    expect(by['central-wins']!.body?.price, "central's revision wins").to.equal(Number(body.cost) + 111_00);
  });

  it('keeps every total exact after a resolution and after a record written straight in the database, and pages the rest once each', async function () {
    await setProductPolicy(h, 'manual');
    const [one] = await queueProductConflicts(h, 2, 20);
    const totals = async () => Object.fromEntries(await Promise.all(['status=pending', 'status=pending&type=product', 'status=resolved', `status=pending&q=${encodeURIComponent(one!.docId)}`]
      .map(async (q) => [q, (await get(`/conflicts?${q}&limit=1`)).body.total] as const)));
    const before = await totals();
    expect(before[`status=pending&q=${encodeURIComponent(one!.docId)}`]).to.equal(1);
    const admin = { ...as('chain-admin'), 'Content-Type': 'application/json' };
    const resolved = await fetch(`${h.central.url}/api/conflicts/${encodeURIComponent(one!.recordId)}/resolve`, { method: 'POST', headers: admin, body: JSON.stringify({ rev: one!.revs[0] }) });
    expect(resolved.status, await resolved.clone().text()).to.equal(200);
    expect(await totals()).to.deep.equal({
      'status=pending': before['status=pending']! - 1, 'status=pending&type=product': before['status=pending&type=product']! - 1,
      'status=resolved': before['status=resolved']! + 1, [`status=pending&q=${encodeURIComponent(one!.docId)}`]: 0,
    });
    const ids = await pages('status=pending', 23);
    expect(ids).not.to.include(one!.recordId);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.length).to.equal(before['status=pending']! - 1);
    await h.central.state.couch.nano.use('audit').insert(record(20_000, 1_999_999, 'pending'), await everyCopy());
    expect((await get('/conflicts?status=pending&limit=1')).body.total, 'a record central did not write').to.equal(before['status=pending']!);
  });
});
