// Against an in-memory PouchDB (no network): the store database is pushed in two lanes (the
// money push and the push of the rest, replication-phases), and only a local seq both have
// passed is confirmed; each lane alone vouches only for what its own selector carries.
import { expect } from 'chai';
import { createNodePouch, type Db } from '../../../store-client/index.js';
import { PendingTracker } from '../../../store-client/pending-tracker.js';
import { STORE_LANES } from '../../../store-client/replication-phases.js';

const PouchDB = createNodePouch();
let n = 0;

describe('store-client/pending-tracker', () => {
  let db: Db;
  let tracker: PendingTracker;
  beforeEach(async () => {
    db = new PouchDB(`pending-tracker-${n++}`, { adapter: 'memory' }) as unknown as Db;
    await db.put({ _id: 'sale:s1:a', type: 'sale' });
    await db.put({ _id: 'customer-note', type: 'note' });
    await db.put({ _id: 'sale:s1:b', type: 'sale' });
    tracker = new PendingTracker(db, 'store', () => undefined, STORE_LANES);
    await tracker.start();
  });
  afterEach(async () => {
    await tracker.stop();
    await db.destroy();
  });

  it('confirms nothing while only the money push has passed a seq', () => {
    expect(tracker.pending).to.equal(3);
    tracker.confirmed(3, 'money');
    expect(tracker.pending).to.equal(3);
    expect(tracker.confirmedSeq).to.equal(0);
  });

  it('confirms up to the lowest seq every lane has passed', () => {
    tracker.confirmed(3, 'money');
    tracker.confirmed(2, 'rest');
    expect(tracker.confirmedSeq).to.equal(2);
    expect(tracker.pendingIds()).to.deep.equal(['sale:s1:b']);
    tracker.confirmed(3, 'rest');
    expect(tracker.pending).to.equal(0);
  });

  it('never moves a lane back when an older checkpoint is reported late', () => {
    tracker.confirmed(3, 'rest');
    tracker.confirmed(1, 'rest');
    tracker.confirmed(3, 'money');
    expect(tracker.confirmedSeq).to.equal(3);
  });

  it('refuses a lane the database is not pushed in', () => {
    expect(() => tracker.confirmed(3, 'all')).to.throw(/no push lane all/);
  });

  it('saves the ledger at most once a while, not after every batch a push reports', async () => {
    // A `_local` document's revision counts its writes: `0-1`, `0-2`…
    const generation = async () => Number(((await db.get('_local/sync-state').catch(() => ({ _rev: '0-0' }))) as { _rev: string })._rev.split('-')[1]);
    const before = await generation();
    for (let i = 0; i < 10; i++) {
      tracker.pushed([{ _id: `sale:s1:x${i}`, _rev: `1-${i}` }]);
      await db.put({ _id: `_local/tick-${i}` }); // a write after a save started now: that save is done by then
    }
    expect(await generation() - before, 'saves during ten batches').to.be.at.most(2);
    await tracker.stop(); // stop() saves what is left
    expect((await db.get('_local/sync-state') as { pushed: Record<string, string[]> }).pushed).to.include.keys('sale:s1:x9');
    tracker = new PendingTracker(db, 'store', () => undefined, STORE_LANES); // afterEach stops one
  });

  it('fails start() when the scan of local changes fails, and counts nothing as done', async () => {
    // A database whose changes feed breaks (a disk error), the rest of it the real one.
    const broken = Object.assign(Object.create(db) as Db, { changes: () => Promise.reject(new Error('disk read failed')) });
    const failing = new PendingTracker(broken, 'store', () => undefined, STORE_LANES);
    let failure: unknown;
    await failing.start().catch((err: unknown) => { failure = err; });
    expect((failure as Error | undefined)?.message).to.equal('disk read failed');
    expect(failing.counted).to.equal(false);
    await failing.stop();
  });
});

