// The cost of central's checks on a real server: how many requests one batch of 200 new sales
// takes with the catalog cache cold and warm, and that a catalog change seen by the follower
// (invalidate) or a failing rule (a fresh read) reaches the rules. Requests are counted with
// nano's request log, on the real embedded server: nothing is mocked.
import { expect } from 'chai';
import Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createDeviceRegistry } from '../../../central/devices/device-registry.js';
import { createStoreDocChecker, verifyStoreDocs, type StoreDocChecker } from '../../../central/devices/verify-store-docs.js';
import { createEventBus, type EventBus } from '../../../central/events/event-bus.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { checkSignaturesAndRules, countAndAnnounce, type BatchNotes, type FeedJobDeps } from '../../../central/feed/feed-jobs.js';
import type { Sale } from '../../../validators/index.js';
import { buildReturn, buildSale, deviceSigner, formatStamp, generateDeviceKey, type DocSigner } from '../../../store-client/index.js';
import { copiesOf } from '../../../central/couch/exclusive-writes.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';

const SKU = 'PS-M01-NEG-25';
const stamp = () => new Date().toISOString();

describe('central/devices/verify-store-docs (integration)', function () {
  this.timeout(60_000);
  let couch: TestCouch;
  let requests: string[];
  let nano: Nano.ServerScope;
  let checker: StoreDocChecker;
  let bus: EventBus;
  let signer: DocSigner;
  let n = 0;

  before(async function () {
    couch = await startTestCouch();
    await couch.createStore('s1');
    const at = `${stamp()}-0000-central`;
    await couch.nano.use('catalog').bulk({ docs: [
      { _id: `product:${SKU}`, type: 'product', sku: SKU, model: 'M01', name: 'Oxford', colour: 'Negro', size: '25', price: 59_900, cost: 20_000, active: true, updatedAt: at, updatedBy: 'test' },
      { _id: 'settings:pos', type: 'settings', key: 'pos', value: { cashierMaxDiscountPct: 10 }, updatedAt: at, updatedBy: 'test' },
    ] as never[] });
    const key = await generateDeviceKey();
    await couch.nano.use('catalog').insert({ _id: 'device:s1:s1.pos1', type: 'device', store: 's1', device: 's1.pos1', updatedAt: at, updatedBy: 'test',
      keys: [{ keyId: key.keyId, publicJwk: key.publicJwk, status: 'active', addedAt: at }] } as never);
    signer = deviceSigner(key);
    const url = new URL(couch.url);
    url.username = couch.adminAuth.username;
    url.password = couch.adminAuth.password;
    requests = [];
    nano = Nano({ url: url.toString().replace(/\/$/, ''), log: (entry: { method?: string; url?: string }) => { if (entry.method) requests.push(`${entry.method.toUpperCase()} ${new URL(entry.url!).pathname}`); } } as never);
    bus = createEventBus();
    const deps: CentralDeps = { nano, clock: createCentralClock(), bus, audit: testAudit(couch.nano), log: pino({ level: 'silent' }), policy: () => Promise.reject(new Error('unused')) };
    // These tests count the rule engine's own reads: the approval verdict (central/approvers, with
    // reads of its own, tested in test/integration/central/approvers.test.ts) answers "approved".
    checker = createStoreDocChecker(deps, createDeviceRegistry(nano), { approvalVerdict: () => Promise.resolve(null) });
  });
  after(async function () {
    await couch?.stop();
  });

  const sales = async (count: number, unitPrice = 59_900) => {
    const docs = [];
    for (let i = 0; i < count; i++) {
      docs.push(await signer.sign(buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice }], payments: [{ method: 'card', amount: unitPrice }] },
        { store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: stamp().slice(0, 10), stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: 's1.pos1' }) })));
    }
    await couch.nano.use('store-s1').bulk({ docs: docs as never[] });
    return docs.map((d) => d._id);
  };
  const check = async (ids: string[]) => {
    requests.length = 0;
    const quarantined = await verifyStoreDocs(checker, 'store-s1', ids);
    return { quarantined, requests: [...requests] };
  };

  it('reads a batch of 200 new sales, the catalog (once), the device key (once) and the returns waiting for them: 5 requests cold', async function () {
    const { quarantined, requests: made } = await check(await sales(200));
    expect(quarantined).to.equal(0);
    expect(made.sort()).to.deep.equal([
      'GET /catalog/device%3As1%3As1.pos1',
      'GET /catalog/settings%3Apos',
      'POST /catalog/_all_docs',
      'POST /store-s1/_all_docs',
      'POST /store-s1/_design/pronto/_view/quarantined-returns-by-sale',
    ].sort());
  });

  it('takes 2 requests for the next 200 sales, the catalog and key cached', async function () {
    const { requests: made } = await check(await sales(200));
    expect(made.sort()).to.deep.equal(['POST /store-s1/_all_docs', 'POST /store-s1/_design/pronto/_view/quarantined-returns-by-sale']);
  });

  it('leaves a sale with a second live leaf to the forged-branch job: the winner it would read may be the forged one', async function () {
    const [id] = await sales(1);
    const original = (await couch.nano.use('store-s1').get(id!)) as unknown as Sale & { _rev: string };
    // A 32-hex-digit revision id of f's wins on both engines: Apache CouchDB compares hex ids as
    // bytes (a short id like 'ffff' stays text there, and loses to any id from 0x67… up).
    const top = 'f'.repeat(32);
    const forged = { ...original, total: 1, payments: [{ method: 'card', amount: 1 }], lines: [{ sku: SKU, qty: 1, unitPrice: 1, discount: 0 }], _rev: `1-${top}`, _revisions: { start: 1, ids: [top] } };
    await couch.nano.use('store-s1').bulk({ docs: [forged], new_edits: false } as never);
    expect((await couch.nano.use('store-s1').get(id!))._rev, 'the forged branch wins CouchDB\'s order').to.equal(`1-${top}`);
    const { quarantined } = await check([id!]);
    expect(quarantined).to.equal(0);
    const after = (await couch.nano.use('store-s1').get(id!, { conflicts: true })) as unknown as { _rev: string; quarantined?: unknown; _conflicts?: string[] };
    expect(after, 'nothing written on top of either branch').to.include({ _rev: `1-${top}` }).and.not.have.property('quarantined');
    expect(after._conflicts).to.deep.equal([original._rev]);
  });

  /** The read-back of an exclusive write, on a database with more than one copy. */
  const readBack = async () => ((await copiesOf(couch.nano, 'store-s1')) > 1 ? ['POST /store-s1/_bulk_get'] : []);

  it('reads the device key afresh once, not once per document, for 200 sales signed by a key it does not know', async function () {
    const stranger = deviceSigner(await generateDeviceKey());
    const docs = [];
    for (let i = 0; i < 200; i++) {
      docs.push(await stranger.sign(buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: 59_900 }], payments: [{ method: 'card', amount: 59_900 }] },
        { store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: stamp().slice(0, 10), stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: 's1.pos1' }) })));
    }
    await couch.nano.use('store-s1').bulk({ docs: docs as never[] });
    const { quarantined, requests: made } = await check(docs.map((d) => d._id));
    expect(quarantined).to.equal(200);
    // `GET /store-s1`: how many copies the database has, asked once per process; on a cluster the
    // flags written are read back from every copy, `_bulk_get` (exclusive-writes.ts).
    expect(made.sort()).to.deep.equal(['GET /catalog/device%3As1%3As1.pos1', 'GET /store-s1', 'POST /store-s1/_all_docs', 'POST /store-s1/_bulk_docs', ...await readBack()]);
  });

  it("sees a price change once the catalog follower reports it, and asks the catalog again before quarantining on a cached price", async function () {
    const product = (await couch.nano.use('catalog').get(`product:${SKU}`)) as unknown as Record<string, unknown>;
    await couch.nano.use('catalog').insert({ ...product, price: 30_000 } as never);
    // Not yet reported by the follower: the cached 59,900 makes 30,000 look like 50% off, so the
    // catalog is read again (fresh) before deciding, and the sale is counted.
    const first = await check(await sales(1, 30_000));
    expect(first.quarantined).to.equal(0);
    expect(first.requests).to.include.members(['POST /catalog/_all_docs', 'GET /catalog/settings%3Apos']);
    checker.rules.facts.invalidate([`product:${SKU}`]);
    const second = await check(await sales(1, 30_000));
    expect(second.quarantined).to.equal(0);
    expect(second.requests.sort(), 'the new price read once, nothing read again').to.deep.equal(['POST /catalog/_all_docs', 'POST /store-s1/_all_docs', 'POST /store-s1/_design/pronto/_view/quarantined-returns-by-sale']);
  });

  it('hands the documents it read to the change feed: a batch checked and announced reads them once, and names each one\'s till, a quarantined one too', async function () {
    const stranger = deviceSigner(await generateDeviceKey());
    const ids = await sales(3);
    const forged = await stranger.sign(buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: 59_900 }], payments: [{ method: 'card', amount: 59_900 }] },
      { store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: stamp().slice(0, 10), stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: 's1.pos1' }) }));
    await couch.nano.use('store-s1').insert(forged as never);
    const stored = await Promise.all([...ids, forged._id].map((id) => couch.nano.use('store-s1').get(id) as Promise<unknown> as Promise<{ _id: string; _rev: string; updatedBy: string; updatedAt: string }>));
    const changes = stored.map((d) => ({ id: d._id, changes: [{ rev: d._rev }] }));
    const announced: Array<Record<string, unknown>> = [];
    const unsubscribe = bus.subscribe((e) => { if (e.type === 'change') announced.push(e.data); });
    const deps = { central: checker.deps, checker, arrivals: new Map() } as unknown as FeedJobDeps;
    const notes: BatchNotes = { written: new Set() };
    requests.length = 0;
    await checkSignaturesAndRules(deps, 'store-s1', changes, notes);
    await countAndAnnounce(deps, 'store-s1', changes, notes);
    unsubscribe();
    expect(requests.filter((r) => r === 'POST /store-s1/_all_docs'), 'the batch\'s documents read once').to.have.length(1);
    expect(((await couch.nano.use('store-s1').get(forged._id)) as unknown as { quarantined?: unknown }).quarantined, 'the forged sale quarantined').to.not.equal(undefined);
    expect(announced.map((c) => [c.docId, c.who, c.when])).to.deep.equal(stored.map((d) => [d._id, d.updatedBy, d.updatedAt]));
  });

  it('takes 2 more reads for returns in a batch: their sales and the returns those sales already have', async function () {
    const [saleId] = await sales(1, 30_000);
    await verifyStoreDocs(checker, 'store-s1', [saleId!]);
    const sale = (await couch.nano.use('store-s1').get(saleId!)) as unknown as Sale;
    const ctx = { store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: stamp().slice(0, 10) };
    const returns = [];
    for (let i = 0; i < 2; i++) {
      returns.push(await signer.sign(buildReturn(sale, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'r', approvedBy: 'maria' },
        { ...ctx, stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: 's1.pos1' }) })));
    }
    await couch.nano.use('store-s1').bulk({ docs: returns as never[] });
    const { quarantined, requests: made } = await check(returns.map((r) => r._id));
    expect(quarantined, 'the second gives back a unit the first already did').to.equal(1);
    expect(made.filter((r) => r.startsWith('POST /store-s1/') || r.startsWith('GET')).sort()).to.deep.equal([
      'POST /store-s1/_all_docs', 'POST /store-s1/_all_docs', 'POST /store-s1/_bulk_docs', ...await readBack(), 'POST /store-s1/_design/pronto/_view/returns-by-sale',
    ]);
  });
});
