// GET /api/metrics on a real central (embedded server, demo chain): who may read it (a scraper
// with METRICS_TOKEN, an admin; never an anonymous caller, a cashier or a wrong token), and its
// counters moving as a store works — sales through /db (unsigned, so quarantined), an upload
// CouchDB refuses, a catalog conflict settled by the resolver, audit entries, a console on
// /api/events — with route patterns as labels, never a store's or a document's id.
import { expect } from 'chai';
import { buildSale, createNodePouch, formatStamp } from '../../../store-client/index.js';
import { businessDay } from '../../../store-client/business-day.js';
import { basic } from '../../helpers/demo-central.js';
import { makeConflict } from '../../helpers/conflicts.js';
import { readSse } from '../../helpers/sse.js';
import { waitFor } from '../../helpers/wait-for.js';
import { sample, startObservedCentral, type ObservedCentral } from './observed-central.js';

const PouchDB = createNodePouch();
const SKU = 'PS-M05-NEG-25';
const DEVICE = 's1.pos6';

describe('central/metrics: GET /api/metrics', function () {
  this.timeout(180_000);
  let h: ObservedCentral;
  let n = 0;
  const as = (who: string) => ({ ...basic(who, h.account(who).password), 'Content-Type': 'application/json' });
  const scrape = async (): Promise<string> => {
    const res = await fetch(`${h.central.url}/api/metrics`, { headers: { Authorization: `Bearer ${h.metricsToken}` } });
    expect(res.status).to.equal(200);
    return res.text();
  };
  const ctx = () => ({ store: 's1', device: DEVICE, cashier: 'cashier-s1', businessDay: businessDay(Date.now(), 'America/Mexico_City'), stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: DEVICE }) });

  before(async function () {
    h = await startObservedCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('answers a scraper holding METRICS_TOKEN and admins, in the Prometheus text format', async function () {
    for (const headers of [{ Authorization: `Bearer ${h.metricsToken}` }, as('chain-admin')]) {
      const res = await fetch(`${h.central.url}/api/metrics`, { headers });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      for (const name of ['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'pronto_http_requests_total', 'pronto_feed_lag_changes', 'pronto_feed_lag_seconds',
        'pronto_feed_following', 'pronto_conflicts_waiting', 'pronto_sse_clients', 'pronto_audit_writes_total']) expect(text, name).to.include(`# TYPE ${name} `);
      expect(sample(text, 'pronto_feed_following', { db: 'store-s1' }), 'the follower follows store-s1').to.equal(1);
    }
  });

  it("shows the /db proxy's sockets to CouchDB and the requests queued for one, by pool", async function () {
    for (let i = 0; i < 3; i++) expect((await fetch(`${h.central.url}/db/store-s1`, { headers: as('cashier-s1') })).status).to.equal(200);
    const text = await scrape();
    for (const name of ['pronto_couch_proxy_sockets', 'pronto_couch_proxy_queued_requests']) expect(text, name).to.include(`# TYPE ${name} gauge`);
    // The proxy's requests are answered: a kept-alive socket of the short pool is idle, none queued.
    expect(sample(text, 'pronto_couch_proxy_sockets', { pool: 'short', state: 'idle' }), 'an idle kept-alive socket').to.be.at.least(1);
    expect(text).to.match(/^pronto_couch_proxy_sockets\{pool="longpoll",state="busy"\} \d+$/m);
    expect(sample(text, 'pronto_couch_proxy_queued_requests', { pool: 'short' })).to.equal(0);
  });

  it('refuses an anonymous caller, a wrong token and a non-admin, and shows them nothing', async function () {
    const wrong = randomLike(h.metricsToken);
    for (const [headers, status] of [[{}, 401], [{ Authorization: `Bearer ${wrong}` }, 401], [{ Authorization: 'Bearer ' }, 401], [as('cashier-s1'), 403], [as('manager-s1'), 403]] as const) {
      const res = await fetch(`${h.central.url}/api/metrics`, { headers });
      const text = await res.text();
      expect(res.status, JSON.stringify(headers).slice(0, 40)).to.equal(status);
      expect(text).not.to.include('pronto_');
      expect(text).not.to.include('store-s1');
    }
  });

  it('moves its counters as stores sell, uploads are refused, conflicts are settled and consoles connect', async function () {
    const before = await scrape();
    const count = (text: string, name: string, labels: Record<string, string> = {}) => sample(text, name, labels);

    // Three sales from a till, unsigned: stored, then quarantined by central's signature check.
    const device = h.account('device-s1');
    const local = new PouchDB(`metrics-${Date.now()}`, { adapter: 'memory' });
    const price = ((await (await fetch(`${h.central.url}/db/catalog/product:${SKU}`, { headers: as('chain-admin') })).json()) as { price: number }).price;
    const sales = [1, 2, 3].map(() => buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: price }], payments: [{ method: 'cash', amount: price }] }, ctx()));
    await local.bulkDocs(sales as never[]);
    await local.replicate.to(new PouchDB(`${h.central.url}/db/store-s1`, { auth: { username: device.name, password: device.password }, skip_setup: true } as never));
    await local.destroy();
    // An upload CouchDB refuses (the sale schema wants a number for total).
    const bad = { ...sales[0]!, _id: `sale:s1:${ctx().stamp}`, total: 'cien', _rev: '1-' + 'b'.repeat(32), _revisions: { start: 1, ids: ['b'.repeat(32)] } };
    const refused = await fetch(`${h.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: as('cashier-s1'), body: JSON.stringify({ docs: [bad], new_edits: false }) });
    expect(refused.status).to.equal(201);
    // A catalog conflict, as two offline edits replicated in would make.
    const nano = h.central.state.couch.nano;
    const product = (await nano.use('catalog').get(`product:${SKU}`)) as unknown as Record<string, unknown>;
    const { _rev: _ignored, ...body } = product;
    await makeConflict(nano, 'catalog', `product:${SKU}`, [{ ...body, notes: 'a' }, { ...body, notes: 'b' }]);

    let now = before;
    await waitFor(async () => {
      now = await scrape();
      return count(now, 'pronto_quarantines_total', { change: 'quarantined' }) >= count(before, 'pronto_quarantines_total', { change: 'quarantined' }) + 3
        && count(now, 'pronto_refusals_total', { change: 'refused' }) >= count(before, 'pronto_refusals_total', { change: 'refused' }) + 1
        && count(now, 'pronto_conflicts_total', { outcome: 'detected' }) >= count(before, 'pronto_conflicts_total', { outcome: 'detected' }) + 1
        && count(now, 'pronto_conflicts_total', { outcome: 'resolved' }) >= count(before, 'pronto_conflicts_total', { outcome: 'resolved' }) + 1;
    }, { what: 'the quarantine, refusal and conflict counters to move', timeoutMs: 60_000, intervalMs: 500 });
    expect(count(now, 'pronto_audit_writes_total', { result: 'ok' }), 'audit entries written').to.be.greaterThan(count(before, 'pronto_audit_writes_total', { result: 'ok' }));
    const pushes = (text: string) => count(text, 'pronto_http_requests_total', { method: 'POST', route: '/db/:db/_bulk_docs', status: '201' });
    expect(pushes(now), 'the uploads, counted by route pattern').to.be.at.least(pushes(before) + 2);
    expect(count(now, 'pronto_http_request_duration_seconds_count', { method: 'POST', route: '/db/:db/_bulk_docs', status: '201' })).to.equal(pushes(now));

    // A console connects to the live events, then leaves.
    const sse = await readSse(`${h.central.url}/api/events`, as('chain-admin'));
    await waitFor(async () => count(await scrape(), 'pronto_sse_clients') === 1, { what: 'one SSE client counted', timeoutMs: 10_000, intervalMs: 100 });
    sse.close();
    await waitFor(async () => count(await scrape(), 'pronto_sse_clients') === 0, { what: 'the SSE client gone', timeoutMs: 10_000, intervalMs: 100 });
  });

  it('labels requests by route pattern, never by the ids in their URLs', async function () {
    const id = `sale:s1:${ctx().stamp}`;
    await (await fetch(`${h.central.url}/api/docs/store-s1/${encodeURIComponent(id)}`, { headers: as('chain-admin') })).text();
    await (await fetch(`${h.central.url}/db/store-s1/${encodeURIComponent(id)}`, { headers: as('chain-admin') })).text();
    await (await fetch(`${h.central.url}/api/no/such/${id}`)).text();
    const text = await scrape();
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    expect([...routes]).to.include.members(['/api/docs/:db/:id', '/db/:db/:doc', '/db/:db/_bulk_docs', '/api/metrics', 'unmatched']);
    for (const route of routes) expect(route, 'no store, database or document id').not.to.match(/s1|sale|product|catalog|PS-M05/);
  });
});

/** A string as long as the token, different from it. */
function randomLike(token: string): string {
  return token.split('').reverse().join('') === token ? `x${token.slice(1)}` : token.split('').reverse().join('');
}
