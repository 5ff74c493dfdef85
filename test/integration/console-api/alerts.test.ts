// The panel's alerts and figures on a real central (GET /api/alerts, GET /api/stores), each alert
// produced by a real cause reaching central the way it would from a till: a forged (unsigned)
// sale it quarantines, a tampered sale (a second, unsigned revision), a return refunding more
// than its sale sold (the rules let it be stored, but quarantined, so it never counts), an
// upload CouchDB refuses, a conflict waiting under a `manual` policy, a till gone silent, and a
// sale that takes stock below zero. Admins see every store's alerts; a store manager their own
// (another store's is a 403); cashiers 403, anonymous 401; bad input 400 naming it; paging by
// cursor shows each alert once.
import { expect } from 'chai';
import {
  approvalSigner, buildReturn, buildSale, createApproverKey, createNodePouch, deviceSigner, formatStamp, generateDeviceKey, signDoc,
  type ApprovalSigner, type DeviceKey, type DocSigner,
} from '../../../store-client/index.js';
import { businessDay } from '../../../store-client/business-day.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { makeConflict } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Alert { id: string; kind: string; store: string; count: number; tills?: Array<{ device: string }>; skus?: Array<{ sku: string; qty: number }> }
interface AlertPage { total: number; alerts: Alert[]; nextCursor: string | null; code?: string; details?: { param?: string } }

const PouchDB = createNodePouch();
const SKU = 'PS-M05-NEG-25';
const DEVICE = 's1.pos7';

describe('central/http/alerts-route: alerts that need a human', function () {
  this.timeout(180_000);
  let h: DemoCentral;
  let key: DeviceKey;
  let signer: DocSigner;
  let approver: ApprovalSigner;
  let price: number;
  let n = 0;
  const as = (who: string) => ({ ...basic(who, h.account(who).password), 'Content-Type': 'application/json' });
  const api = async <T = AlertPage>(who: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.central.url}/api${path}`, { method, headers: who === null ? { 'Content-Type': 'application/json' } : as(who), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() as T };
  };
  const alertsOf = async (store: string) => (await api('chain-admin', 'GET', `/alerts?store=${store}&limit=200`)).body.alerts;
  const waitForAlert = async (store: string, kind: string, ok: (a: Alert) => boolean = () => true): Promise<Alert> => {
    let found: Alert | undefined;
    await waitFor(async () => {
      found = (await alertsOf(store)).find((a) => a.kind === kind && ok(a));
      return found !== undefined;
    }, { what: `a ${kind} alert for ${store}`, timeoutMs: 30_000, intervalMs: 250 });
    return found!;
  };
  const ctx = () => ({ store: 's1', device: DEVICE, cashier: 'cashier-s1', businessDay: businessDay(Date.now(), 'America/Mexico_City'),
    stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: DEVICE }) });
  const sale = (qty = 2) => buildSale({ lines: [{ sku: SKU, qty, unitPrice: price }], payments: [{ method: 'card', amount: qty * price }] }, ctx());
  /** As a till sends them: a local PouchDB replicated with the store's device account. */
  const push = async (docs: object[]) => {
    const device = h.account('device-s1');
    const local = new PouchDB(`alerts-${Date.now()}-${n++}`, { adapter: 'memory' });
    await local.bulkDocs(docs as never[]);
    await local.replicate.to(new PouchDB(`${h.central.url}/db/store-s1`, { auth: { username: device.name, password: device.password }, skip_setup: true } as never));
    await local.destroy();
  };
  const figuresOf = async (store: string) => (await api<{ stores: Array<{ store: string; figures: { net: number; sales: { count: number; total: number }; returns: { total: number }; quarantined: { total: number } } }> }>('chain-admin', 'GET', '/stores'))
    .body.stores.find((s) => s.store === store)!.figures;

  before(async function () {
    h = await startDemoCentral();
    key = await generateDeviceKey();
    const enrolled = await api('manager-s1', 'POST', '/devices', { store: 's1', device: DEVICE, publicJwk: key.publicJwk });
    expect(enrolled.status).to.equal(201);
    signer = deviceSigner(key);
    const { key: managerKey } = await createApproverKey('manager-s1', 'test', 1000);
    expect((await api('manager-s1', 'POST', '/approvers/keys', { publicJwk: managerKey.publicJwk })).status).to.equal(201);
    approver = approvalSigner('manager-s1', managerKey);
    price = ((await (await fetch(`${h.central.url}/db/catalog/product:${SKU}`, { headers: as('chain-admin') })).json()) as { price: number }).price;
  });
  after(async function () {
    await h?.stop();
  });

  it('refuses cashiers (403) and anonymous callers (401), and bad input with a 400 naming it', async function () {
    expect((await api('cashier-s1', 'GET', '/alerts')).status).to.equal(403);
    const anonymous = await api(null, 'GET', '/alerts');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body).to.have.property('code');
    for (const [query, param] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit'], ['store=S%2F1', 'store'], ['store=s1&store=s2', 'store'], ['cursor=nope', 'cursor']]) {
      const res = await api('chain-admin', 'GET', `/alerts?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.details?.param, query).to.equal(param);
    }
  });

  it("counts today's sales net of returns in the store's business day", async function () {
    const before = await figuresOf('s1');
    const s = await signer.sign(sale(2));
    const back = await signer.sign(await approver.sign(buildReturn(s, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'talla', approvedBy: 'manager-s1' }, ctx())));
    await push([s, back]);
    await waitFor(async () => (await figuresOf('s1')).returns.total > before.returns.total, { what: 'the return counted', timeoutMs: 30_000, intervalMs: 250 });
    const after = await figuresOf('s1');
    expect(after.sales.count).to.equal(before.sales.count + 1);
    expect(after.sales.total - before.sales.total).to.equal(2 * price);
    expect(after.net - before.net).to.equal(2 * price - back.total);
  });

  it('raises quarantined for a forged sale and tamper for a second revision of a signed one', async function () {
    const forged = sale();
    await push([forged]);
    const quarantined = await waitForAlert('s1', 'quarantined');
    expect(quarantined.count).to.be.at.least(1);
    expect((await figuresOf('s1')).quarantined.total).to.be.at.least(1);

    const s = await signer.sign(sale());
    const docs = [{ ...s, _rev: '1-a1', _revisions: { start: 1, ids: ['a1'] } }, { ...s, cashier: 'cashier-otro', _rev: '1-b2', _revisions: { start: 1, ids: ['b2'] } }];
    const res = await fetch(`${h.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: as('chain-admin'), body: JSON.stringify({ docs, new_edits: false }) });
    expect(res.status).to.equal(201);
    expect((await waitForAlert('s1', 'tamper')).count).to.equal(1);
  });

  it('raises refund-above-sale for a return that gives back more than its sale sold', async function () {
    const s = await signer.sign(sale(1));
    const legit = buildReturn(s, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'talla', approvedBy: 'manager-s1' }, ctx());
    const line = legit.lines[0]!;
    const over = { ...legit, lines: [{ ...line, qty: 3 }], total: legit.total * 3, refunds: legit.refunds.map((r) => ({ ...r, amount: r.amount * 3 })) };
    await push([s, await signer.sign(await approver.sign(over))]);
    const alert = await waitForAlert('s1', 'refund-above-sale');
    expect(alert.count).to.equal(1);
  });

  it('raises refused for an upload CouchDB refuses', async function () {
    const bad = { ...sale(), total: String(price) };
    const res = await fetch(`${h.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: as('cashier-s1'), body: JSON.stringify({ docs: [{ ...bad, _rev: '1-c3', _revisions: { start: 1, ids: ['c3'] } }], new_edits: false }) });
    expect(res.status).to.equal(201);
    expect((await waitForAlert('s1', 'refused')).count).to.be.at.least(1);
  });

  it('raises conflicts for a conflict waiting under a manual policy', async function () {
    const { policy } = (await api<{ policy: Record<string, any> }>('chain-admin', 'GET', '/config/conflict-policy')).body;
    expect((await api('chain-admin', 'PUT', '/config/conflict-policy', { policy: { ...policy, types: { ...(policy.types ?? {}), 'store-status': { strategy: 'manual' } } } })).status).to.equal(200);
    const nano = h.central.state.couch.nano;
    const at = new Date().toISOString();
    const body = { type: 'store-status', store: 's1', device: 's1.pos8', state: 'online', pending: 0, reportedAt: at, intervalMs: 60_000, updatedAt: formatStamp({ wallMs: Date.now(), counter: 0, node: 's1.pos8' }), updatedBy: 'device-s1' };
    await nano.use('store-s1').insert({ _id: 'store-status:s1:s1.pos8', ...body } as never);
    await makeConflict(nano, 'store-s1', 'store-status:s1:s1.pos8', [{ ...body, pending: 1 }, { ...body, pending: 2 }]);
    expect((await waitForAlert('s1', 'conflicts')).count).to.equal(1);
  });

  it('raises silent for a till whose verified reports stop', async function () {
    const status = { _id: `store-status:s1:${DEVICE}`, type: 'store-status', store: 's1', device: DEVICE, state: 'online', pending: 0, reportedAt: new Date().toISOString(), intervalMs: 1000,
      updatedAt: formatStamp({ wallMs: Date.now(), counter: n++, node: DEVICE }), updatedBy: 'device-s1' };
    // Silent means heard, then nothing: wait for central to relay the report first. The feed reads
    // a store some time after a write (a polling round on the embedded server), and a report not
    // relayed yet counts from central's start, which would make the till silent at once — and
    // then, once relayed, not silent for its next 6 s, while later tests read the alerts.
    let heard = false;
    const stop = h.central.state.bus.subscribe((e) => { if (e.type === 'store.status' && e.data._id === status._id) heard = true; });
    try {
      await h.central.state.couch.nano.use('store-s1').insert((await signDoc(status, key)) as never);
      await waitFor(() => heard, { timeoutMs: 30_000, what: 'central to relay the till\'s report' });
    } finally {
      stop();
    }
    const alert = await waitForAlert('s1', 'silent', (a) => (a.tills ?? []).some((t) => t.device === DEVICE));
    expect(alert.count).to.be.at.least(1);
  });

  it('raises negative-stock for a sale that takes a SKU below zero, naming the SKU', async function () {
    await push([await signer.sign(sale(60))]);
    const alert = await waitForAlert('s1', 'negative-stock', (a) => (a.skus ?? []).some((s) => s.sku === SKU));
    expect(alert.skus!.find((s) => s.sku === SKU)!.qty).to.be.below(0);
  });

  it("shows a store manager their own store's alerts only; another store's is a 403", async function () {
    const bad = { ...sale(), _id: `sale:s2:${ctx().stamp}`, store: 's2', total: 'x', _rev: '1-d4', _revisions: { start: 1, ids: ['d4'] } };
    expect((await fetch(`${h.central.url}/db/store-s2/_bulk_docs`, { method: 'POST', headers: as('cashier-s2'), body: JSON.stringify({ docs: [bad], new_edits: false }) })).status).to.equal(201);
    await waitForAlert('s2', 'refused');
    const own = await api('manager-s1', 'GET', '/alerts?limit=200');
    expect(own.status).to.equal(200);
    expect(own.body.alerts.length).to.be.greaterThan(0);
    expect(new Set(own.body.alerts.map((a) => a.store))).to.deep.equal(new Set(['s1']));
    expect((await api('manager-s1', 'GET', '/alerts?store=s2')).status).to.equal(403);
    const all = await api('chain-admin', 'GET', '/alerts?limit=200');
    expect(all.body.alerts.map((a) => a.kind)).to.include.members(['tamper', 'quarantined', 'refund-above-sale', 'refused', 'conflicts', 'silent', 'negative-stock']);
  });

  it('pages by cursor: every alert once, in the same order as one big page', async function () {
    const whole = (await api('chain-admin', 'GET', '/alerts?limit=200')).body;
    expect(whole.total).to.equal(whole.alerts.length).and.to.be.greaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: AlertPage = (await api('chain-admin', 'GET', `/alerts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      expect(page.alerts.length).to.be.at.most(2);
      seen.push(...page.alerts.map((a) => a.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).to.deep.equal(whole.alerts.map((a) => a.id));
  });
});
