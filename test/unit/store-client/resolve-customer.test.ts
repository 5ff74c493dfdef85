import { expect } from 'chai';
import { createNodePouch, MAX_MERGE_HOPS, resolveCustomer } from '../../../store-client/index.js';

const PouchDB = createNodePouch();
const at = '2026-11-24T17:03:09.120Z-0000-s1.pos1';
let n = 0;

/** `customer:<uuid>` for a small number, so chains read as 1 → 2 → 3. */
const cid = (i: number) => `customer:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const customer = (i: number, mergedInto?: number) => ({
  _id: cid(i), type: 'customer', updatedAt: at, updatedBy: 's1.pos1', name: `Cliente ${i}`,
  ...(mergedInto === undefined ? {} : { mergedInto: cid(mergedInto) }),
});

describe('store-client/resolve-customer', () => {
  let db: PouchDB.Database;
  beforeEach(() => {
    db = new PouchDB(`resolve-customer-${n++}`, { adapter: 'memory' });
  });
  afterEach(() => db.destroy());

  it('returns a customer that was never merged as it is', async () => {
    await db.put(customer(1));
    expect((await resolveCustomer(db, cid(1)))?.name).to.equal('Cliente 1');
  });

  it('follows mergedInto links to the survivor', async () => {
    await db.bulkDocs([customer(1, 2), customer(2, 3), customer(3)]);
    expect((await resolveCustomer(db, cid(1)))?._id).to.equal(cid(3));
  });

  it(`follows at most ${MAX_MERGE_HOPS} links`, async () => {
    const chain = Array.from({ length: MAX_MERGE_HOPS + 2 }, (_, i) => customer(i, i + 1 <= MAX_MERGE_HOPS + 1 ? i + 1 : undefined));
    await db.bulkDocs(chain);
    expect((await resolveCustomer(db, cid(1)))?._id).to.equal(cid(MAX_MERGE_HOPS + 1));
    expect(await resolveCustomer(db, cid(0))).to.equal(null);
  });

  it('gives null for a loop, a missing link, an unknown id or a document that is not a customer', async () => {
    await db.bulkDocs([customer(1, 2), customer(2, 1), customer(3, 4), customer(5, 5)]);
    await db.put({ _id: cid(6), type: 'product' });
    expect(await resolveCustomer(db, cid(1))).to.equal(null);
    expect(await resolveCustomer(db, cid(3))).to.equal(null);
    expect(await resolveCustomer(db, cid(5))).to.equal(null);
    expect(await resolveCustomer(db, cid(6))).to.equal(null);
    expect(await resolveCustomer(db, cid(99))).to.equal(null);
  });

  it('gives null for a deleted customer', async () => {
    const res = await db.put(customer(1));
    await db.remove(cid(1), res.rev);
    expect(await resolveCustomer(db, cid(1))).to.equal(null);
  });
});
