// Against in-memory PouchDB (no network): old revision bodies gone after a compaction, and no
// compaction while a sale is being written or right after one.
import { expect } from 'chai';
import { compactionDue } from '../../../store-client/compaction-due.js';
import { startLocalCompactor, type LocalCompactor } from '../../../store-client/local-compactor.js';
import { createNodePouch } from '../../../store-client/index.js';

const PouchDB = createNodePouch();
let n = 0;

describe('store-client/compaction-due', () => {
  const base = { updateSeq: 500, compactedSeq: 0, writing: false, lastWriteMs: 0, nowMs: 10 * 60_000 };
  it('compacts once enough was written, when no sale is being written or was just written', () => {
    expect(compactionDue(base)).to.equal(true);
    expect(compactionDue({ ...base, compactedSeq: 400 })).to.equal(false);
    expect(compactionDue({ ...base, writing: true })).to.equal(false);
    expect(compactionDue({ ...base, lastWriteMs: base.nowMs - 30_000 })).to.equal(false);
    expect(compactionDue({ ...base, lastWriteMs: base.nowMs - 61_000 })).to.equal(true);
    expect(compactionDue({ ...base, updateSeq: 5 }, { minNewChanges: 5 })).to.equal(true);
  });
});

describe('store-client/local-compactor', () => {
  let db: PouchDB.Database;
  let compactor: LocalCompactor | undefined;
  beforeEach(() => {
    db = new PouchDB(`compactor-${n++}`, { adapter: 'memory' });
  });
  afterEach(async () => {
    await compactor?.stop();
    await db.destroy();
  });

  async function rewrite(times: number): Promise<string[]> {
    const revs: string[] = [];
    let rev: string | undefined;
    for (let i = 0; i < times; i++) {
      rev = (await db.put({ _id: 'store-status:s1:s1.pos1', _rev: rev, i })).rev;
      revs.push(rev);
    }
    return revs;
  }

  it('drops old revision bodies once the database is due', async () => {
    const revs = await rewrite(10);
    expect((await db.get('store-status:s1:s1.pos1', { rev: revs[0]! })) as unknown).to.include({ i: 0 });
    compactor = startLocalCompactor({ dbs: [db], activity: () => ({ writing: false, lastWriteMs: 0 }), minNewChanges: 5 });
    expect(await compactor.runOnce()).to.equal(1);
    const err = await db.get('store-status:s1:s1.pos1', { rev: revs[0]! }).then(() => null, (e: unknown) => e);
    expect(err).to.have.property('status', 404);
    expect(await db.get('store-status:s1:s1.pos1')).to.include({ i: 9 });
    // Nothing new since: not again.
    expect(await compactor.runOnce()).to.equal(0);
  });

  it('does not compact while a sale is being written', async () => {
    const revs = await rewrite(10);
    let writing = true;
    compactor = startLocalCompactor({ dbs: [db], activity: () => ({ writing, lastWriteMs: 0 }), minNewChanges: 5 });
    expect(await compactor.runOnce()).to.equal(0);
    expect(await db.get('store-status:s1:s1.pos1', { rev: revs[0]! })).to.include({ i: 0 });
    writing = false;
    expect(await compactor.runOnce()).to.equal(1);
  });
});
