// The order of a reconnect, read off the wire: every remote database of a till is given a
// recording `fetch` (PouchDB's http adapter calls `opts.fetch(url, init)` for each request,
// pouchdb-adapter-http's ourFetch), so the test sees the requests the SyncManager's
// replications make to a real embedded server, in the order they are sent and answered.
// DESIGN.md: on every (re)connect the store's sales and money go up first, then the rest of the
// store database, then the catalog comes down, then customers (both ways).
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import { validate } from '../../../validators/index.js';
import {
  createClock, createNodePouch, recordMove, recordSale, storeStatusId, SyncManager, type Clock,
} from '../../../store-client/index.js';

const PouchDB = createNodePouch();
const SKU = 'TEN-001-25.5';
const PRODUCT = `product:${SKU}`;
const OFFLINE_SALES = 25;
/** What DESIGN.md calls the store's sales and money: immutable, append-only documents. */
const PRIORITY_TYPES = ['sale', 'move', 'return'];
/** POSTs that only read (replication's revs_diff, bulk_get, all_docs, changes). */
const READ_POSTS = ['_revs_diff', '_bulk_get', '_all_docs', '_changes'];

type RemoteName = 'store' | 'catalog' | 'customers';

interface Sent {
  /** Position in the one sequence of sends and answers of the whole till. */
  sentAt: number;
  answeredAt?: number;
  failed?: boolean;
  db: RemoteName;
  method: string;
  /** Path inside the database (`_bulk_docs`, `_changes?…`, a document id, '' for its info), or `/…` outside it. */
  path: string;
  body: unknown;
}

interface Recorder {
  log: Sent[];
  now(): number;
  fetchFor(db: RemoteName, dbName: string): (url: string | Request, init?: RequestInit) => Promise<Response>;
}

function createRecorder(): Recorder {
  const log: Sent[] = [];
  let clock = 0;
  return {
    log,
    now: () => clock,
    fetchFor(db, dbName) {
      return async (url, init = {}) => {
        const { pathname, search } = new URL(String(url));
        const inDb = decodeURIComponent(pathname).match(new RegExp(`^/${dbName}(?:/(.*))?$`));
        const path = (inDb ? (inDb[1] ?? '') : pathname) + search;
        const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
        const sent: Sent = { sentAt: clock++, db, method: init.method ?? 'GET', path, body };
        log.push(sent);
        try {
          const res = await PouchDB.fetch(url as string, init as never);
          sent.answeredAt = clock++;
          return res;
        } catch (err) {
          sent.failed = true;
          sent.answeredAt = clock++;
          throw err;
        }
      };
    },
  };
}

const endpoint = (s: Sent) => s.path.split('?')[0]!;
/**
 * A write of documents: not a read, and not a replication checkpoint (`_local/…`), which the
 * store's one-shot pull, running beside the money push, may write first when it has little to
 * read (seen on a 3-node cluster).
 */
const isWrite = (s: Sent) => !['GET', 'HEAD'].includes(s.method) && !READ_POSTS.includes(endpoint(s)) && !s.path.startsWith('_local/');
const docsWritten = (s: Sent): Array<{ _id: string; type?: string }> =>
  endpoint(s) === '_bulk_docs' ? ((s.body as { docs?: Array<{ _id: string; type?: string }> })?.docs ?? []) : [];
/** Ids a request fetches: a `_bulk_get` body, or a single-document GET. */
const idsRead = (s: Sent): string[] =>
  endpoint(s) === '_bulk_get'
    ? ((s.body as { docs?: Array<{ id: string }> })?.docs ?? []).map((d) => d.id)
    : s.method === 'GET' && /^[^_/]/.test(endpoint(s)) ? [endpoint(s)] : [];
const show = (log: Sent[]) =>
  log.map((s) => `${s.sentAt}-${s.answeredAt} ${s.db} ${s.method} ${s.path.slice(0, 60)}${docsWritten(s).length ? ` [${docsWritten(s).map((d) => d.type).join(',')}]` : ''}`).join('\n');

describe('store-client/sync-manager priorities on reconnect (integration)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let proxy: TcpProxy;
  let manager: SyncManager | undefined;
  const locals: PouchDB.Database[] = [];

  before(async () => {
    couch = await startTestCouch();
    proxy = await startTcpProxy(Number(new URL(couch.url).port));
  });
  after(async () => {
    await manager?.stop();
    for (const db of locals) await db.destroy();
    await proxy?.close();
    await couch?.stop();
  });

  const stamp = (who: string) => `${new Date().toISOString()}-0000-${who}`;

  async function centralEdit(db: string, id: string, changes: Record<string, unknown>): Promise<void> {
    const doc = (await couch.nano.use(db).get(id)) as unknown as Record<string, unknown>;
    await couch.nano.use(db).insert({ ...doc, ...changes, updatedAt: stamp('central'), updatedBy: 'admin' } as never);
  }

  it('sends sales and moves first, then the rest of the store database, then reads the catalog, then customers, and converges', async () => {
    const storeId = `pr${process.pid % 1000}`;
    const device = `${storeId}.pos1`;
    const store = await couch.createStore(storeId);
    const customerAtCentral = `customer:${randomUUID()}`;
    await couch.nano.use('catalog').insert({
      _id: PRODUCT, type: 'product', sku: SKU, model: 'TEN-001', name: 'Tenis Pronto', colour: 'negro', size: '25.5',
      price: 99_900, cost: 45_000, active: true, updatedAt: stamp('central'), updatedBy: 'admin',
    } as never);
    await couch.nano.use('customers').insert({
      _id: customerAtCentral, type: 'customer', name: 'Ana', notes: 'first visit', updatedAt: stamp('central'), updatedBy: 'admin',
    } as never);

    const recorder = createRecorder();
    const remote = (db: RemoteName, dbName: string) =>
      new PouchDB(`${proxy.url}/${dbName}`, { auth: store.account, skip_setup: true, fetch: recorder.fetchFor(db, dbName) });
    const local = {
      store: new PouchDB(`prio-store-${storeId}`, { adapter: 'memory' }),
      catalog: new PouchDB(`prio-catalog-${storeId}`, { adapter: 'memory' }),
      customers: new PouchDB(`prio-customers-${storeId}`, { adapter: 'memory' }),
    };
    locals.push(local.store, local.catalog, local.customers);
    const clock: Clock = await createClock(local.store, device);
    const till = { store: storeId, device, cashier: 'ana' };
    manager = new SyncManager({
      storeId, deviceId: device, local, clock, backoff: { baseMs: 100, maxMs: 1000 },
      remote: { store: remote('store', `store-${storeId}`), catalog: remote('catalog', 'catalog'), customers: remote('customers', 'customers') },
    });
    const m = manager;

    // Synced once: the catalog and the customer are on the till, a first sale at central.
    await m.start();
    const first = await recordSale(local.store, clock, till, { lines: [{ sku: SKU, qty: 1, unitPrice: 99_900 }], payments: [{ method: 'cash', amount: 99_900 }] });
    await waitFor(async () => m.status.state === 'online' && m.status.pending === 0 &&
      (await local.customers.get(customerAtCentral).then(() => true, () => false)), { what: 'the first sync' });

    // Central becomes unreachable.
    proxy.cut();
    await waitFor(() => m.status.state === 'offline', { what: 'offline' });
    const offlineFrom = recorder.now();

    // The till goes on: a status document first (lower local seq than every sale, so a push
    // in seq order would carry it first), then sales and a move, then a customer it registers.
    const statusId = storeStatusId(storeId, device);
    const statusDoc = { _id: statusId, type: 'store-status', store: storeId, device, state: 'offline', pending: 0, updatedAt: await clock.next(), updatedBy: device };
    validate(statusDoc, { db: `store-${storeId}` });
    await local.store.put(statusDoc);
    const saleIds: string[] = [];
    for (let i = 0; i < OFFLINE_SALES; i++) {
      const sale = await recordSale(local.store, clock, till, { lines: [{ sku: SKU, qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'card', amount: 1_000 + i }] });
      saleIds.push(sale._id);
    }
    const move = await recordMove(local.store, clock, { store: storeId, device, user: 'ana' }, { kind: 'receipt', lines: [{ sku: SKU, qty: 6 }] });
    const customerAtTill = { _id: `customer:${randomUUID()}`, type: 'customer', name: 'Beto', updatedAt: await clock.next(), updatedBy: device };
    validate(customerAtTill, { db: 'customers' });
    await local.customers.put(customerAtTill);
    await waitFor(() => m.status.pending === OFFLINE_SALES + 2, { what: 'the offline sales, the move and the customer pending' });

    // Meanwhile at central: an admin changes a price and a customer.
    await centralEdit('catalog', PRODUCT, { price: 89_900 });
    await centralEdit('customers', customerAtCentral, { notes: 'prefers wide fits' });

    // The network returns.
    proxy.heal();
    m.retryNow();
    await waitFor(async () => {
      if (m.status.state !== 'online' || m.status.pending !== 0) return false;
      const [product, customer] = await Promise.all([local.catalog.get(PRODUCT), local.customers.get(customerAtCentral)]);
      return (product as { price?: number }).price === 89_900 && (customer as { notes?: string }).notes === 'prefers wide fits';
    }, { what: 'the till to converge' });

    // Only answered requests: while cut, every request fails, so these are the reconnect's.
    const reconnect = recorder.log.filter((s) => s.sentAt >= offlineFrom && !s.failed);
    const log = show(reconnect);
    const why = (what: string) => `${what}; the reconnect's requests (sent-answered db method path [types]):\n${log}`;

    // (1) The first write is a _bulk_docs to the store database with only sales and moves.
    const firstWrite = reconnect.find(isWrite);
    expect(firstWrite, why('a write in the reconnect')).to.not.equal(undefined);
    expect(firstWrite!.db, why('the first write goes to the store database')).to.equal('store');
    expect(endpoint(firstWrite!), why('the first write is a _bulk_docs')).to.equal('_bulk_docs');
    const firstDocs = docsWritten(firstWrite!);
    expect(firstDocs, why('the first write carries documents')).to.not.be.empty;
    for (const doc of firstDocs) expect(doc.type, why(`${doc._id} in the first write`)).to.be.oneOf(PRIORITY_TYPES);

    // Each offline sale and the move written once, all answered before the catalog is asked anything.
    const firstCatalog = reconnect.find((s) => s.db === 'catalog');
    expect(firstCatalog, why('a request to the catalog')).to.not.equal(undefined);
    for (const id of [...saleIds, move._id]) {
      const writes = reconnect.filter((s) => s.db === 'store' && docsWritten(s).some((d) => d._id === id));
      expect(writes, why(`the writes of ${id}`)).to.have.length(1);
      expect(writes[0]!.answeredAt, why(`${id} written before the catalog`)).to.be.below(firstCatalog!.sentAt);
    }

    // Central is asked about each of them at most once: the push of the rest of the store
    // database never goes over what the money push carried (the two pushes' selectors are
    // complementary; a document both carried would also be written twice, checked above). This
    // till's own new documents go up without a revs_diff at all (replication-phases: skip_revs_diff).
    const askedAbout = (id: string) => reconnect.filter((s) => s.db === 'store' && endpoint(s) === '_revs_diff' && id in (s.body as object));
    for (const id of [...saleIds, move._id]) expect(askedAbout(id), why(`the _revs_diff naming ${id}`)).to.have.length.at.most(1);
    expect(askedAbout(statusId), why('the _revs_diff naming the status document')).to.have.length.at.most(1);

    // (2) The rest of the store database (the status document) after the money, before the catalog.
    const lastMoneyAnswered = Math.max(...reconnect.filter((s) => docsWritten(s).some((d) => PRIORITY_TYPES.includes(d.type ?? ''))).map((s) => s.answeredAt!));
    const statusWrite = reconnect.find((s) => s.db === 'store' && docsWritten(s).some((d) => d._id === statusId));
    expect(statusWrite, why('the status document written')).to.not.equal(undefined);
    expect(statusWrite!.sentAt, why('the status document sent after the sales and moves were written')).to.be.above(lastMoneyAnswered);
    expect(statusWrite!.answeredAt, why('the status document written before the catalog')).to.be.below(firstCatalog!.sentAt);

    // (3) The catalog's change is read, (3b) before the customers database is asked anything.
    const firstCustomers = reconnect.find((s) => s.db === 'customers');
    expect(firstCustomers, why('a request to customers')).to.not.equal(undefined);
    const productRead = reconnect.find((s) => s.db === 'catalog' && idsRead(s).includes(PRODUCT));
    expect(productRead, why('the changed product fetched from the catalog')).to.not.equal(undefined);
    expect(productRead!.answeredAt, why('the changed product read before customers')).to.be.below(firstCustomers!.sentAt);
    for (const s of reconnect.filter((r) => r.db === 'catalog' && endpoint(r) === '_changes' && r.sentAt < productRead!.sentAt)) {
      expect(s.answeredAt, why('the catalog changes read before customers')).to.be.below(firstCustomers!.sentAt);
    }
    // Customers both ways: the central change read, the till's new customer written.
    expect(reconnect.some((s) => s.db === 'customers' && idsRead(s).includes(customerAtCentral)), why('the central customer change read')).to.equal(true);
    expect(reconnect.some((s) => s.db === 'customers' && docsWritten(s).some((d) => d._id === customerAtTill._id)), why('the customer registered at the till written')).to.equal(true);

    // (4) Converged: every sale at central once, as its first and only revision.
    const central = await couch.nano.use(`store-${storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    expect(central.rows.map((r) => r.id).sort()).to.deep.equal([first._id, ...saleIds].sort());
    for (const row of central.rows) expect(row.value.rev, row.id).to.match(/^1-/);
    expect(await couch.nano.use('customers').get(customerAtTill._id)).to.include({ name: 'Beto' });
    expect(m.status.pending).to.equal(0);
  });
});
