// Node's map/reduce (store-client/pouch-views-node.ts) against in-memory PouchDB: a view's code is
// compiled once per index update, never once per document, and still answers as CouchDB's would.
import { expect } from 'chai';
import { createNodePouch, stockOf, STORE_DB_OPTIONS, type Db } from '../../../store-client/index.js';
import { compileInSandbox } from '../../../store-client/pouch-views-node.js';
import { buildDesignDocs } from '../../../design-docs/index.js';

const PouchDB = createNodePouch();
let n = 0;
const memDb = (): Db => new PouchDB(`views-node-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;

const sale = (i: number, sku: string, qty: number, extra: object = {}) => ({
  _id: `sale:s1:2026-11-0${1 + (i % 9)}T10:00:00.000Z-${String(i).padStart(4, '0')}-s1.pos1`, type: 'sale', store: 's1', lines: [{ sku, qty }], ...extra,
});

describe('store-client/pouch-views-node', () => {
  let db: Db;
  beforeEach(() => { db = memDb(); });
  afterEach(() => db.destroy());

  it('compiles a map once per index update, not once per document', async () => {
    // One context for the whole update: a counter kept in it reaches the number of documents.
    const map = 'function (doc) { globalThis.seen = (globalThis.seen || 0) + 1; emit(doc._id, globalThis.seen); }';
    await db.put({ _id: '_design/t', views: { count: { map } } } as never);
    await db.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}` })) as never);
    const res = await db.query('t/count');
    expect(res.rows.map((r) => r.value).sort((a, b) => Number(a) - Number(b))).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('hands the map a copy of each document: a map that changes it changes nothing stored', async () => {
    const map = 'function (doc) { doc.lines = []; emit(doc._id, 1); }';
    await db.put({ _id: '_design/t', views: { touch: { map } } } as never);
    await db.put(sale(1, 'A', 2) as never);
    await db.query('t/touch');
    const stored = (await db.get(sale(1, 'A', 2)._id)) as unknown as { lines: unknown[] };
    expect(stored.lines).to.have.length(1);
  });

  it('gives the view code no way into Node (no require, no process)', () => {
    const out: unknown[] = [];
    compileInSandbox('function (doc) { emit(typeof require, typeof process); }', (k, v) => out.push(k, v))({});
    expect(out).to.deep.equal(['undefined', 'undefined']);
  });

  it('answers the store\'s stock view as the sum of the lines, quarantined and deleted documents left out', async () => {
    await db.put(buildDesignDocs().store as never);
    await db.bulkDocs([
      sale(1, 'A', 2), sale(2, 'A', 1), sale(3, 'B', 4),
      sale(4, 'A', 5, { quarantined: { reason: 'forged' } }),
      { _id: 'move:s1:2026-11-01T09:00:00.000Z-0000-s1.pos1', type: 'move', store: 's1', lines: [{ sku: 'A', qty: 10 }, { sku: 'B', qty: 6 }] },
    ] as never);
    const gone = sale(5, 'B', 1);
    const put = await db.put(gone as never);
    await db.remove(gone._id, put.rev);
    expect(await stockOf(db, 's1', 'A')).to.equal(7);
    expect(await stockOf(db, 's1', 'B')).to.equal(2);
  });

  it('indexes a store database opened as the POS opens it 500 changes a step (STORE_DB_OPTIONS)', async () => {
    const store = new PouchDB(`views-node-opts-${process.pid}-${n++}`, { adapter: 'memory', ...STORE_DB_OPTIONS }) as unknown as Db;
    try {
      await store.put(buildDesignDocs().store as never);
      await store.bulkDocs(Array.from({ length: 1_200 }, (_, i) => sale(i, 'A', 1)) as never);
      const limits: unknown[] = [];
      const changes = store.changes.bind(store);
      (store as { changes: unknown }).changes = (opts: { limit?: number }) => { limits.push(opts?.limit); return changes(opts as never); };
      expect(await stockOf(store, 's1', 'A')).to.equal(-1_200);
      expect(limits.filter((l) => l !== undefined)).to.deep.equal([500, 500, 500]);
    } finally {
      await store.destroy();
    }
  });

  it('runs built-in and custom reduces', async () => {
    await db.put({
      _id: '_design/t',
      views: {
        total: { map: 'function (doc) { emit(doc.k, doc.v); }', reduce: '_sum' },
        stats: { map: 'function (doc) { emit(doc.k, doc.v); }', reduce: '_stats' },
        biggest: { map: 'function (doc) { emit(doc.k, doc.v); }', reduce: 'function (keys, values, rereduce) { return Math.max.apply(null, values); }' },
      },
    } as never);
    await db.bulkDocs([{ k: 'a', v: 1 }, { k: 'a', v: 5 }, { k: 'b', v: 3 }] as never);
    expect((await db.query('t/total')).rows[0]?.value).to.equal(9);
    expect((await db.query('t/stats')).rows[0]?.value).to.include({ sum: 9, min: 1, max: 5, count: 3 });
    expect((await db.query('t/biggest', { group: true })).rows.map((r) => [r.key, r.value])).to.deep.equal([['a', 5], ['b', 3]]);
  });
});
