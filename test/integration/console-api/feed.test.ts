// The console's change feed on a real central: a change is announced with who wrote it and
// when; GET /api/docs/:db/:id shows one document, a customer's personal fields masked, to
// admins (any database) and store managers (their own store and the catalog); GET /api/console
// names Fauxton to admins only.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('console API: change feed, documents and console info', function () {
  let h: DemoCentral;
  const open: SseClient[] = [];
  const as = (name: string) => basic(name, h.account(name).password);
  const call = async (who: string | null, path: string) => {
    const res = await fetch(`${h.central.url}/api${path}`, { headers: who === null ? {} : as(who) });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };
  const firstId = async (db: string, prefix: string) => {
    const { rows } = await h.central.state.couch.nano.use(db).list({ startkey: prefix, endkey: `${prefix}\ufff0`, limit: 1 });
    return rows[0]!.id;
  };
  const auditActions = async () => {
    const { rows } = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit;', endkey: 'audit:', descending: true, limit: 20, include_docs: true });
    return rows.map((r) => r.doc as unknown as { action: string; actor: string; details: Record<string, unknown> });
  };

  before(async function () {
    h = await startDemoCentral();
  });
  afterEach(() => { for (const sse of open.splice(0)) sse.close(); });
  after(async function () {
    await h?.stop();
  });

  it('announces a change with who wrote it and when (the doc’s updatedBy and updatedAt)', async function () {
    const sse = await readSse(`${h.central.url}/api/events`, as('chain-admin'));
    open.push(sse);
    const catalog = h.central.state.couch.nano.use<Record<string, unknown>>('catalog');
    const product = await catalog.get(await firstId('catalog', 'product:'));
    const updatedAt = `${new Date().toISOString()}-0000-central`;
    await catalog.insert({ ...product, price: Number(product.price) + 100, updatedAt, updatedBy: 'ana.precios' });
    // This write's announcement: on a cluster the follower can still be announcing the demo
    // chain's seeding (the same product, by central) after the events stream opened.
    const change = await sse.next((e) => e.type === 'change' && e.data.docId === product._id && e.data.who !== 'central');
    expect(change.data).to.include({ db: 'catalog', docType: 'product', who: 'ana.precios', when: updatedAt });
  });

  it('gives an admin a customer with every personal field masked, and writes no audit entry for the masked read', async function () {
    const id = await firstId('customers', 'customer:');
    const before = (await auditActions()).length;
    const r = await call('chain-admin', `/docs/customers/${encodeURIComponent(id)}`);
    expect(r.status).to.equal(200);
    expect(r.body.doc._id).to.equal(id);
    for (const field of ['name', 'phone', 'email', 'taxId', 'address']) {
      if (field in r.body.doc) expect(r.body.doc[field], field).to.equal('•••');
    }
    expect(r.body.doc.name).to.equal('•••');
    expect(Object.values(r.body.doc.blindIndex ?? {}).every((v) => v === '•••')).to.equal(true);
    expect(r.body.masked).to.include.members(['name', 'phone']);
    expect(JSON.stringify(r.body)).not.to.match(/López|Hernández|García|Martínez|v1\./);
    expect((await auditActions()).length).to.equal(before);
  });

  it('gives a store manager their own store’s documents and the catalog, and refuses another store and customers (403, audited)', async function () {
    const own = await firstId('store-s1', 'sale:');
    expect((await call('manager-s1', `/docs/store-s1/${encodeURIComponent(own)}`)).status).to.equal(200);
    expect((await call('manager-s1', `/docs/catalog/${encodeURIComponent(await firstId('catalog', 'product:'))}`)).status).to.equal(200);
    const other = await call('manager-s1', `/docs/store-s2/${encodeURIComponent(await firstId('store-s2', 'sale:'))}`);
    expect(other.status).to.equal(403);
    expect(other.body.code).to.equal('FORBIDDEN');
    expect((await call('manager-s1', `/docs/customers/${encodeURIComponent(await firstId('customers', 'customer:'))}`)).status).to.equal(403);
    await waitFor(async () => (await auditActions()).some((e) => e.action === 'auth.denied' && e.actor === 'manager-s1' && String(e.details.path).includes('store-s2')), { what: 'the refused read audited' });
    expect((await call('chain-admin', `/docs/store-s2/${encodeURIComponent(await firstId('store-s2', 'sale:'))}`)).status).to.equal(200);
  });

  it('refuses a cashier (403) and an anonymous caller (401)', async function () {
    const path = `/docs/catalog/${encodeURIComponent(await firstId('catalog', 'product:'))}`;
    expect((await call('cashier-s1', path)).status).to.equal(403);
    expect((await call(null, path)).status).to.equal(401);
  });

  const badInput: Array<[string, string]> = [
    ['/docs/audit/audit:1', 'db'],
    ['/docs/_users/org.couchdb.user:x', 'db'],
    ['/docs/pronto-sessions/x', 'db'],
    ['/docs/store-S1!/x', 'db'],
    ['/docs/catalog/_design%2Fpronto', 'id'],
    [`/docs/catalog/${'x'.repeat(301)}`, 'id'],
  ];
  for (const [path, param] of badInput) {
    it(`answers 400 naming ${param} for ${path.slice(0, 40)}`, async function () {
      const r = await call('chain-admin', path);
      expect(r.status).to.equal(400);
      expect(r.body.code).to.equal('BAD_REQUEST');
      expect(r.body.details.param).to.equal(param);
      expect(r.body.message).to.match(new RegExp(`^${param}:`));
    });
  }

  it('answers 404 for a document that does not exist', async function () {
    const r = await call('chain-admin', '/docs/catalog/product:nope');
    expect(r.status).to.equal(404);
    expect(r.body.code).to.equal('NOT_FOUND');
  });

  it("keeps a store manager's live feed to their own store: no other store's changes, no catalog or customers", async function () {
    const manager = await readSse(`${h.central.url}/api/events`, as('manager-s1'));
    const admin = await readSse(`${h.central.url}/api/events`, as('chain-admin'));
    open.push(manager, admin);
    // A real catalog edit through the feed, and store and customer changes as the feed announces them.
    const catalog = h.central.state.couch.nano.use<Record<string, unknown>>('catalog');
    const product = await catalog.get(await firstId('catalog', 'product:'));
    await catalog.insert({ ...product, updatedAt: `${new Date().toISOString()}-0000-central` });
    const announce = (db: string, docId: string) => h.central.state.bus.publish('change', { db, docType: docId.split(':')[0], docId, store: db.startsWith('store-') ? db.slice(6) : null, deleted: false, rev: '2-a', who: 'x', when: null });
    announce('store-s2', 'sale:s2:other');
    announce('customers', 'customer:someone');
    announce('store-s1', 'sale:s1:own');
    await admin.next((e) => e.type === 'change' && e.data.docId === product._id);
    await admin.next((e) => e.type === 'change' && e.data.docId === 'sale:s1:own');
    await manager.next((e) => e.type === 'change' && e.data.docId === 'sale:s1:own');
    const seen = manager.seen.filter((e) => e.type === 'change');
    expect(seen.map((e) => e.data.docId)).to.deep.equal(['sale:s1:own']);
  });

  it('reads the latest changes from the databases, newest first, with who and when, and the bus id they were read at', async function () {
    const catalog = h.central.state.couch.nano.use<Record<string, unknown>>('catalog');
    const product = await catalog.get(await firstId('catalog', 'product:'));
    const updatedAt = `${new Date(Date.now() + 60_000).toISOString()}-0000-central`;
    const { rev } = await catalog.insert({ ...product, updatedAt, updatedBy: 'ultimo.cambio' });
    const r = await call('chain-admin', '/changes/recent?limit=50');
    expect(r.status).to.equal(200);
    expect(r.body.lastEventId).to.match(/^[0-9a-f]+-\d+$/);
    expect(r.body.changes).to.have.length(50);
    expect(r.body.changes[0]).to.deep.equal({ db: 'catalog', docType: 'product', docId: product._id, store: null, deleted: false, rev, who: 'ultimo.cambio', when: updatedAt });
    const whens = r.body.changes.map((c: { when: string | null }) => c.when ?? '');
    expect(whens, 'newest first').to.deep.equal([...whens].sort().reverse());
    expect(new Set(r.body.changes.map((c: { db: string }) => c.db)).size, 'several databases').to.be.greaterThan(1);
    const customers = await call('chain-admin', '/changes/recent?limit=500');
    expect(JSON.stringify(customers.body), 'no personal data').not.to.match(/López|Hernández|v1\./);
  });

  it("gives a store manager their own store's latest changes only, and refuses them another store (403)", async function () {
    const own = await call('manager-s1', '/changes/recent?limit=100');
    expect(own.status).to.equal(200);
    expect(own.body.changes.length).to.be.greaterThan(0);
    expect(new Set(own.body.changes.map((c: { db: string }) => c.db))).to.deep.equal(new Set(['store-s1']));
    expect((await call('manager-s1', '/changes/recent?store=s1')).status).to.equal(200);
    expect((await call('manager-s1', '/changes/recent?store=s2')).status).to.equal(403);
    const one = await call('chain-admin', '/changes/recent?store=s2&limit=10');
    expect(new Set(one.body.changes.map((c: { db: string }) => c.db))).to.deep.equal(new Set(['store-s2']));
  });

  it('refuses the latest changes to a cashier (403) and an anonymous caller (401), and a bad limit or store (400 naming it)', async function () {
    expect((await call('cashier-s1', '/changes/recent')).status).to.equal(403);
    expect((await call(null, '/changes/recent')).status).to.equal(401);
    for (const [query, param] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'], ['store=S!', 'store'], ['store=a&store=b', 'store']]) {
      const r = await call('chain-admin', `/changes/recent?${query}`);
      expect(r.status, query).to.equal(400);
      expect(r.body.details.param, query).to.equal(param);
    }
  });

  it('names Fauxton to a chain admin only (GET /api/console)', async function () {
    const admin = await call('chain-admin', '/console');
    expect(admin.status).to.equal(200);
    expect(admin.body.fauxtonUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/_utils\/$/);
    expect((await call('manager-s1', '/console')).status).to.equal(403);
    expect((await call('cashier-s1', '/console')).status).to.equal(403);
    expect((await call(null, '/console')).status).to.equal(401);
    expect((await fetch(`${h.central.url}/admin/console.json`, { headers: { accept: 'application/json' } })).status).not.to.equal(200);
  });
});
