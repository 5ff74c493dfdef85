// Against an in-memory PouchDB (no network): `_local/sync-state` written by two stores at once,
// as two tabs of one till do.
import { expect } from 'chai';
import { createNodePouch } from '../../../store-client/index.js';
import type { LedgerSnapshot } from '../../../store-client/pending-ledger.js';
import { createSyncStateStore } from '../../../store-client/sync-state-store.js';

const PouchDB = createNodePouch();
let n = 0;

const ledger = (confirmedSeq: number): LedgerSnapshot => ({ confirmedSeq, pulled: {}, pushed: {}, denied: {} });

describe('store-client/sync-state-store', () => {
  let db: PouchDB.Database;
  beforeEach(() => {
    db = new PouchDB(`sync-state-${n++}`, { adapter: 'memory' });
  });
  afterEach(() => db.destroy());

  it('keeps saving after another tab wrote the document in between (a 409 re-reads the revision)', async () => {
    let a = ledger(1);
    let b = ledger(2);
    const tabA = createSyncStateStore(db, () => a);
    const tabB = createSyncStateStore(db, () => b);
    await tabA.load();
    await tabB.load();
    for (let i = 0; i < 5; i++) {
      a = ledger(10 + i);
      b = ledger(20 + i);
      await tabA.save();
      await tabB.save();
    }
    a = ledger(99);
    await tabA.save();
    expect(await createSyncStateStore(db, () => a).load()).to.deep.equal(ledger(99));
  });
});
