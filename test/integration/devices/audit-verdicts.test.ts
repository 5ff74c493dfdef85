// Every quarantine central writes, and every lift, is audited exactly once: also when central dies
// between writing the document and appending the entry (the append fails once, through the audit
// writer central's jobs share), when the batch is replayed again, and when two centrals (two audit
// writers, one trail) mend the same verdict at once. Real embedded server, nothing mocked.
import { expect } from 'chai';
import Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createDeviceRegistry } from '../../../central/devices/device-registry.js';
import { createStoreDocChecker, verifyStoreDocs, type StoreDocChecker } from '../../../central/devices/verify-store-docs.js';
import { createEventBus, type ProntoEvent } from '../../../central/events/event-bus.js';
import { releaseQuarantined } from '../../../central/quarantine/index.js';
import { readChainPages } from '../../../central/audit/read-chain.js';
import { readChainHead } from '../../../central/audit/chain-head.js';
import { verifyChain, type ChainEntry } from '../../../central/audit/verify-chain.js';
import type { AuditWriter, ChainAuditWriter } from '../../../central/audit/append-audit.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import type { Sale } from '../../../validators/index.js';
import { buildReturn, buildSale, deviceSigner, formatStamp, generateDeviceKey, type DocSigner } from '../../../store-client/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { TEST_AUDIT_KEY, testAudit } from '../../helpers/test-audit.js';

const SKU = 'PS-M01-NEG-25';
const DB = 'store-s1';
const today = () => new Date().toISOString().slice(0, 10);

interface Central { checker: StoreDocChecker; audit: ChainAuditWriter; notices: ProntoEvent[] }

/** The shared writer, whose next appendOnce fails as a dropped connection would (central dies there). */
function dyingOnce(audit: ChainAuditWriter): AuditWriter {
  let died = false;
  return { ...audit, appendOnce: (request) => {
    if (died) return audit.appendOnce(request);
    died = true;
    return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  } };
}

describe('central/devices/audit-verdicts (integration)', function () {
  this.timeout(60_000);
  let couch: TestCouch;
  let signer: DocSigner;
  let n = 0;

  before(async function () {
    couch = await startTestCouch();
    await couch.createStore('s1');
    const at = `${new Date().toISOString()}-0000-central`;
    await couch.nano.use('catalog').bulk({ docs: [
      { _id: `product:${SKU}`, type: 'product', sku: SKU, model: 'M01', name: 'Oxford', colour: 'Negro', size: '25', price: 59_900, cost: 20_000, active: true, updatedAt: at, updatedBy: 'test' },
      { _id: 'settings:pos', type: 'settings', key: 'pos', value: { cashierMaxDiscountPct: 10 }, updatedAt: at, updatedBy: 'test' },
    ] as never[] });
    const key = await generateDeviceKey();
    await couch.nano.use('catalog').insert({ _id: 'device:s1:s1.pos1', type: 'device', store: 's1', device: 's1.pos1', updatedAt: at, updatedBy: 'test',
      keys: [{ keyId: key.keyId, publicJwk: key.publicJwk, status: 'active', addedAt: at }] } as never);
    signer = deviceSigner(key);
  });
  after(async function () {
    await couch?.stop();
  });

  /** A central process: its own clock, bus and audit writer over the one trail; `dying`: its first appendOnce fails. */
  const central = (dying = false, nano = couch.nano): Central => {
    const audit = testAudit(nano);
    const notices: ProntoEvent[] = [];
    const bus = createEventBus();
    bus.subscribe((e) => { if (e.type !== 'change') notices.push(e); });
    const deps: CentralDeps = { nano, clock: createCentralClock(), bus, audit: dying ? dyingOnce(audit) : audit, log: pino({ level: 'silent' }), policy: () => Promise.reject(new Error('unused')) };
    return { checker: createStoreDocChecker(deps, createDeviceRegistry(nano), { approvalVerdict: () => Promise.resolve(null) }), audit, notices };
  };
  const ctx = () => ({ store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: today(), stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: 's1.pos1' }) });
  const sale = () => signer.sign(buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: 59_900 }], payments: [{ method: 'card', amount: 59_900 }] }, ctx()));
  /** A sale signed by a key nobody registered for the device it names: central quarantines it. */
  const forgedSale = async () => deviceSigner(await generateDeviceKey()).sign(buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: 59_900 }], payments: [{ method: 'card', amount: 59_900 }] }, ctx()));
  const store = async (...docs: object[]) => {
    const res = (await couch.nano.use(DB).bulk({ docs: docs as never[] })) as Array<{ error?: string }>;
    expect(res.filter((r) => r.error), 'stored').to.deep.equal([]);
  };
  const current = async (id: string) => (await couch.nano.use(DB).get(id)) as unknown as { _rev: string; quarantined?: { reason: string; at: string } };

  /** The trail's entries of `action` naming document `id`, after checking the chain is whole. */
  const entriesNaming = async (action: string, id: string) => {
    const all: ChainEntry[] = [];
    for await (const page of readChainPages(couch.nano)) all.push(...page);
    expect(verifyChain(all, TEST_AUDIT_KEY, await readChainHead(couch.nano, TEST_AUDIT_KEY)).ok, 'the chain verifies').to.equal(true);
    return all.filter((e) => e.action === action && ((e.details as { documents?: Array<{ id: string }>; docId?: string }).documents?.some((d) => d.id === id) || (e.details as { docId?: string }).docId === id));
  };
  const noticesOf = (c: Central, type: string, id: string) => c.notices.filter((e) => e.type === type && e.data.docId === id);

  it('audits and announces a quarantine once, and only reads the trail once when its write comes back through the feed', async function () {
    const requests: string[] = [];
    const url = new URL(couch.url);
    url.username = couch.adminAuth.username;
    url.password = couch.adminAuth.password;
    const counted = Nano({ url: url.toString().replace(/\/$/, ''), log: (entry: { method?: string; url?: string }) => { if (entry.method) requests.push(`${entry.method.toUpperCase()} ${new URL(entry.url!).pathname}`); } } as never);
    const c = central(false, counted);
    const doc = await forgedSale();
    await store(doc);
    expect(await verifyStoreDocs(c.checker, DB, [doc._id])).to.equal(1);
    await c.audit.settled();
    requests.length = 0;
    await verifyStoreDocs(c.checker, DB, [doc._id]);
    expect(requests.sort(), 'the document, and the trail asked once').to.deep.equal(['POST /audit/_design/pronto/_view/idempotency-keys', 'POST /store-s1/_all_docs']);
    await c.audit.settled();
    expect(await entriesNaming('sale.quarantined', doc._id)).to.have.length(1);
    expect(noticesOf(c, 'sale.quarantined', doc._id)).to.have.length(1);
  });

  it('audits a quarantine whose entry a crash kept from the trail when the batch is replayed: once, announced once, however often it is replayed', async function () {
    const dead = central(true);
    const doc = await forgedSale();
    await store(doc);
    let error: unknown;
    await verifyStoreDocs(dead.checker, DB, [doc._id]).catch((err: unknown) => { error = err; });
    expect(error, 'the append failed').to.be.instanceOf(Error);
    expect((await current(doc._id)).quarantined, 'the document was quarantined').to.not.equal(undefined);
    expect(await entriesNaming('sale.quarantined', doc._id), 'but not audited').to.have.length(0);
    expect(noticesOf(dead, 'sale.quarantined', doc._id)).to.have.length(0);

    const restarted = central();
    await verifyStoreDocs(restarted.checker, DB, [doc._id]);
    await verifyStoreDocs(restarted.checker, DB, [doc._id]);
    await restarted.audit.settled();
    const entries = await entriesNaming('sale.quarantined', doc._id);
    expect(entries).to.have.length(1);
    expect(entries[0]!.details).to.deep.include({ recovered: true, count: 1 });
    expect((entries[0]!.details as { documents: unknown[] }).documents[0]).to.deep.include({ id: doc._id, at: (await current(doc._id)).quarantined!.at });
    expect(noticesOf(restarted, 'sale.quarantined', doc._id)).to.have.length(1);
  });

  it('audits it once when several centrals replay the same batch at once', async function () {
    const dead = central(true);
    const docs = [await forgedSale(), await forgedSale(), await forgedSale()];
    await store(...docs);
    const ids = docs.map((d) => d._id);
    await verifyStoreDocs(dead.checker, DB, ids).catch((err: unknown) => { expect(err).to.be.instanceOf(Error); });
    const centrals = [central(), central(), central(), central()];
    await Promise.all(centrals.flatMap((c) => [verifyStoreDocs(c.checker, DB, ids), verifyStoreDocs(c.checker, DB, ids)]));
    await Promise.all(centrals.map((c) => c.audit.settled()));
    for (const id of ids) {
      expect(await entriesNaming('sale.quarantined', id), id).to.have.length(1);
      expect(centrals.reduce((sum, c) => sum + noticesOf(c, 'sale.quarantined', id).length, 0), `notices of ${id}`).to.equal(1);
    }
  });

  it('audits a lift whose entry a crash kept from the trail when the batch is replayed: once, announced once', async function () {
    const c = central();
    const late = await sale();
    const ret = await signer.sign(buildReturn(late as unknown as Sale, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'r', approvedBy: 'maria' }, ctx()));
    await store(ret);
    expect(await verifyStoreDocs(c.checker, DB, [ret._id]), 'quarantined: its sale has not arrived').to.equal(1);

    const dead = central(true);
    await store(late);
    let error: unknown;
    await verifyStoreDocs(dead.checker, DB, [late._id]).catch((err: unknown) => { error = err; });
    expect(error, 'the append failed').to.be.instanceOf(Error);
    const lifted = await current(ret._id);
    expect(lifted.quarantined, 'the sale arrived: the return was lifted').to.equal(undefined);
    expect(await entriesNaming('sale.quarantine-lifted', ret._id), 'but not audited').to.have.length(0);

    const restarted = central();
    await verifyStoreDocs(restarted.checker, DB, [late._id, ret._id]);
    await verifyStoreDocs(restarted.checker, DB, [late._id, ret._id]);
    await restarted.audit.settled();
    const entries = await entriesNaming('sale.quarantine-lifted', ret._id);
    expect(entries).to.have.length(1);
    expect((entries[0]!.details as { documents: unknown[] }).documents[0]).to.deep.include({ id: ret._id, rev: lifted._rev });
    expect(noticesOf(restarted, 'sale.quarantine-lifted', ret._id)).to.have.length(1);
    expect(await entriesNaming('sale.quarantined', ret._id), 'its quarantine: audited once').to.have.length(1);
  });

  it("does not audit an admin's release again when central sees the released revision", async function () {
    const c = central();
    const doc = await forgedSale();
    await store(doc);
    await verifyStoreDocs(c.checker, DB, [doc._id]);
    await releaseQuarantined({ nano: couch.nano, audit: c.audit, bus: createEventBus() }, 's1', doc._id, 'admin', 'checked by hand');
    await verifyStoreDocs(c.checker, DB, [doc._id]);
    await c.audit.settled();
    expect(await entriesNaming('quarantine.released', doc._id)).to.have.length(1);
    expect(await entriesNaming('sale.quarantine-lifted', doc._id)).to.have.length(0);
  });
});
