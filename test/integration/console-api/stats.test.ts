// GET /api/stats on a real central: sales and returns written into a store database (signed by
// central's own device key, so central's verifier accepts them as it does the demo chain's) and
// conflicts the real resolver settled, read back as hourly and daily series whose numbers are
// checked exactly; changes counted as they reach central; store managers held to their store;
// 400s that name the bad parameter.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { makeConflict } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { loadCentralKey } from '../../../central/devices/central-key.js';
import { buildReturn, buildSale } from '../../../store-client/index.js';
import { deviceSigner } from '../../../store-client/crypto/index.js';
import type { Sale } from '../../../validators/index.js';

const SKU = 'PR-1001-NEG-25.5';
const DAY_MS = 86_400_000;
const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
let counter = 0;
const stampAt = (hhmm: string) => `${yesterday}T${hhmm}:00.000Z-${(counter++).toString(16).padStart(4, '0')}-central`;

interface StatsBody {
  hours: string[]; synced: number[]; days: string[]; store: string | null;
  sales: { count: number[]; gross: number[]; refunds: number[]; net: number[] };
  conflicts: Array<{ strategy: string; outcome: string; counts: number[] }>;
  lag: Array<{ store: string; documents: number; meanLagMs: number | null }>;
  code?: string; message?: string; details?: { param?: string };
}

describe('central/http/stats-route: the console statistics', function () {
  let h: DemoCentral;
  const nano = () => h.central.state.couch.nano;
  const get = async (query: string, who: string | null = 'chain-admin') => {
    const res = await fetch(`${h.central.url}/api/stats${query}`, { headers: who ? basic(who, h.account(who).password) : {} });
    return { status: res.status, body: (await res.json()) as StatsBody };
  };
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  before(async function () {
    h = await startDemoCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('counts sales per hour net of returns from the stores\' views, and the changes and their upload lag as they reach central', async function () {
    const signer = deviceSigner(await loadCentralKey(h.dataDir));
    const ctx = (hhmm: string) => ({ store: 's2', device: 'central', cashier: 'ana', stamp: stampAt(hhmm), businessDay: yesterday });
    const sale = (hhmm: string, qty: number, unitPrice: number): Sale => buildSale({ lines: [{ sku: SKU, qty, unitPrice }], payments: [{ method: 'card', amount: qty * unitPrice }] }, ctx(hhmm));
    const sales = [sale('09:15', 2, 45_000), sale('09:40', 1, 80_000), sale('10:05', 3, 10_000)];
    const refund = buildReturn(sales[0]!, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'too small', approvedBy: 'manager-s2' }, ctx('11:20'));
    // The demo chain's own documents are counted as central's feed first reads them: wait until
    // that count holds still (three equal reads) before writing ours.
    let before = await get(`?from=${today}&to=${today}&store=s2`);
    let still = 0;
    await waitFor(async () => {
      const next = await get(`?from=${today}&to=${today}&store=s2`);
      still = sum(next.body.synced) > 0 && sum(next.body.synced) === sum(before.body.synced) ? still + 1 : 0;
      before = next;
      return still >= 3;
    }, { intervalMs: 300, what: "the demo chain's arrivals counted" });
    const lagBefore = before.body.lag[0]!;
    const writtenAt = Date.now();
    // On every copy: the statistics read the stores' views, which on a cluster read one copy of
    // each shard, and a quorum write leaves one copy without it for a moment (a sale of two at
    // 09:00 missing, once on the 3-node cluster).
    const res = await nano().use('store-s2').bulk({ docs: await Promise.all([...sales, refund].map((d) => signer.sign(d))) as never[] }, await onEveryCopy(nano(), 'store-s2'));
    expect(res.filter((r) => 'error' in r && r.error)).to.deep.equal([]);

    const hour = (hh: string) => `${yesterday}T${hh}`;
    const past = await get(`?from=${yesterday}&to=${yesterday}&store=s2`);
    expect(past.status, JSON.stringify(past.body)).to.equal(200);
    expect(past.body.hours).to.have.length(24);
    const at = (hh: string) => past.body.hours.indexOf(hour(hh));
    expect(past.body.sales.count[at('09')]).to.equal(2);
    expect(past.body.sales.gross[at('09')]).to.equal(170_000);
    expect(past.body.sales.gross[at('10')]).to.equal(30_000);
    expect(past.body.sales.refunds[at('11')]).to.equal(45_000);
    expect(past.body.sales.net[at('11')]).to.equal(-45_000);
    expect(sum(past.body.sales.net)).to.equal(155_000);
    expect(sum(past.body.sales.count)).to.equal(3);
    // The chain's view sums every store: s2's are the only sales stamped yesterday.
    const chain = await get(`?from=${yesterday}&to=${yesterday}`);
    expect(chain.body.sales).to.deep.equal(past.body.sales);

    // The four new documents reach central today: counted once each, their lag measured.
    let now = before.body;
    await waitFor(async () => { now = (await get(`?from=${today}&to=${today}&store=s2`)).body; return sum(now.synced) >= sum(before.body.synced) + 4; }, { what: 'the arrivals counted' });
    const settledAt = Date.now();
    expect(sum(now.synced)).to.equal(sum(before.body.synced) + 4);
    const lag = now.lag[0]!;
    expect(lag.store).to.equal('s2');
    expect(lag.documents).to.equal(lagBefore.documents + 4);
    const added = lag.meanLagMs! * lag.documents - (lagBefore.meanLagMs ?? 0) * lagBefore.documents;
    const stamped = [...sales, refund].map((d) => Date.parse(d.updatedAt.slice(0, 24)));
    expect(added).to.be.at.least(sum(stamped.map((s) => writtenAt - s)) - lag.documents);
    expect(added).to.be.at.most(sum(stamped.map((s) => settledAt - s)) + lag.documents);
  });

  it('counts conflicts per day by strategy and outcome, as the resolver settled them', async function () {
    const product = (await nano().use('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1, include_docs: true })).rows[0]!.doc as unknown as Record<string, unknown>;
    const { _rev: _p, ...body } = product;
    await makeConflict(nano(), 'catalog', String(product._id), [{ ...body, notes: 'a' }, { ...body, notes: 'b' }]);
    const status = { _id: 'store-status:s2:s2.pos9', type: 'store-status', updatedAt: `${today}T08:00:00.000Z-0000-s2.pos9`, updatedBy: 's2.pos9', store: 's2', device: 's2.pos9', state: 'online', pending: 0 };
    await nano().use('store-s2').insert(status as never);
    await makeConflict(nano(), 'store-s2', status._id, [{ ...status, pending: 1 }, { ...status, pending: 2, updatedAt: `${today}T08:00:01.000Z-0000-s2.pos9` }]);
    const records = async () => (await nano().use('audit').view('pronto', 'conflict-records', { include_docs: true, reduce: false })).rows.map((r) => r.doc as unknown as { db: string; status: string; strategy: string; resolution?: string; detectedAt: string });
    await waitFor(async () => (await records()).filter((r) => r.status === 'resolved').length >= 2, { what: 'both conflicts resolved' });

    const all = (await records()).filter((r) => r.detectedAt.startsWith(today));
    const want = (rs: typeof all) => {
      const counts = new Map<string, number>();
      for (const r of rs) counts.set(`${r.strategy}/${r.status === 'pending' ? 'pending' : r.resolution}`, (counts.get(`${r.strategy}/${r.status === 'pending' ? 'pending' : r.resolution}`) ?? 0) + 1);
      return Object.fromEntries([...counts].sort());
    };
    const got = (body: StatsBody) => Object.fromEntries(body.conflicts.map((s) => [`${s.strategy}/${s.outcome}`, s.counts[body.days.indexOf(today)]]).filter(([, n]) => n !== 0).sort());
    const chain = await get(`?from=${today}&to=${today}`);
    expect(got(chain.body)).to.deep.equal(want(all));
    // Differing notes only: field-merge's lww for notes gives one side whole, so it keeps a winner.
    expect(got(chain.body)).to.include({ 'field-merge/keep-winner': 1, 'lww/keep-winner': 1 });
    const s2 = await get(`?from=${today}&to=${today}&store=s2`);
    expect(got(s2.body)).to.deep.equal(want(all.filter((r) => r.db === 'store-s2')));
    expect(got(s2.body)).to.deep.equal({ 'lww/keep-winner': 1 });
  });

  it("gives a store manager their own store's statistics only, and refuses cashiers and anonymous callers", async function () {
    const own = await get('', 'manager-s1');
    expect(own.status).to.equal(200);
    expect(own.body.store).to.equal('s1');
    expect(own.body.lag.map((l) => l.store)).to.deep.equal(['s1']);
    expect(own.body.days).to.have.length(7);
    const other = await get('?store=s2', 'manager-s1');
    expect(other.status).to.equal(403);
    expect(other.body.code).to.equal('FORBIDDEN');
    expect((await get('', 'cashier-s1')).status).to.equal(403);
    expect((await get('', null)).status).to.equal(401);
    const chain = await get('');
    expect(chain.body.store).to.equal(null);
    expect(chain.body.lag.map((l) => l.store)).to.deep.equal(['s1', 's2', 's3']);
  });

  it('answers a bad parameter with a 400 that names it', async function () {
    const cases: Array<[string, string]> = [
      ['from=2026-13-01', 'from'], ['from=2026-02-30', 'from'], ['to=yesterday', 'to'], ['from=2026-11-10&to=2026-11-01', 'from'],
      ['from=2026-10-01&to=2026-11-01', 'to'], ['store=S%201', 'store'], ['store=s1&store=s2', 'store'],
    ];
    for (const [query, param] of cases) {
      const res = await get(`?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.code, query).to.equal('BAD_REQUEST');
      expect(res.body.details?.param, query).to.equal(param);
      expect(res.body.message, query).to.contain(param);
    }
    expect((await get('?from=2026-10-01&to=2026-10-31')).status, '31 days').to.equal(200);
  });
});
