import { expect } from 'chai';
import { oldestPendingAt } from '../../../store-client/oldest-pending.js';
import { createNodePouch } from '../../../store-client/pouch-node.js';
import type { Db } from '../../../store-client/pouch-types.js';

describe('store-client/oldest-pending', () => {
  const PouchDB = createNodePouch();
  let n = 0;
  const dbs: Db[] = [];
  const open = (): Db => {
    const db = new PouchDB(`oldest-pending-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
    dbs.push(db);
    return db;
  };
  after(async () => {
    for (const db of dbs) await db.destroy();
  });

  it('finds the earliest write among the pending documents of every database, by the wall time of their stamps', async () => {
    const store = open();
    const customers = open();
    await store.bulkDocs([
      { _id: 'sale:s1:b', updatedAt: '2026-11-24T17:05:00.000Z-0000-s1.pos1' },
      { _id: 'sale:s1:c', updatedAt: '2026-11-24T16:00:00.000Z-0000-s1.pos1' },
    ]);
    await customers.put({ _id: 'customer:a', updatedAt: '2026-11-24T17:01:00.000Z-0003-s1.pos1' });
    expect(await oldestPendingAt([store, customers], ['sale:s1:b', 'customer:a'])).to.equal('2026-11-24T17:01:00.000Z');
    expect(await oldestPendingAt([store, customers], ['sale:s1:b', 'customer:a', 'sale:s1:c'], 2), 'only the first ids are read').to.equal('2026-11-24T17:01:00.000Z');
    expect(await oldestPendingAt([store, customers], [])).to.equal(undefined);
    expect(await oldestPendingAt([store], ['sale:s1:gone'])).to.equal(undefined);
  });
});
