// Against an in-memory PouchDB (no network): what `_local/sync-times` holds after saves.
import { expect } from 'chai';
import { createNodePouch } from '../../../store-client/index.js';
import { createSyncTimesStore } from '../../../store-client/sync-times-store.js';

const PouchDB = createNodePouch();
let n = 0;

const T1 = '2026-11-24T10:00:00.000Z';
const T2 = '2026-11-24T11:00:00.000Z';
const T3 = '2026-11-24T12:00:00.000Z';

describe('store-client/sync-times-store', () => {
  let db: PouchDB.Database;
  beforeEach(() => {
    db = new PouchDB(`sync-times-${n++}`, { adapter: 'memory' });
  });
  afterEach(async () => {
    await db.destroy();
  });

  const storedDoc = () => db.get('_local/sync-times') as Promise<Record<string, unknown>>;

  it('loads no times from a database that never synced', async () => {
    expect(await createSyncTimesStore(db).load()).to.deep.equal({ lastPush: null, lastPull: null });
  });

  it('saves times that a store opened later on the same database loads back', async () => {
    const store = createSyncTimesStore(db);
    await store.load();
    await store.save({ lastPush: T1, lastPull: T2 });
    expect(await createSyncTimesStore(db).load()).to.deep.equal({ lastPush: T1, lastPull: T2 });
  });

  it('never writes a time earlier than the stored one', async () => {
    const store = createSyncTimesStore(db);
    await store.load();
    await store.save({ lastPush: T2, lastPull: T2 });
    const { _rev } = await storedDoc();
    await store.save({ lastPush: T1, lastPull: null });
    const after = await storedDoc();
    expect(after).to.include({ lastPush: T2, lastPull: T2, _rev });
  });

  it('folds saves made while one is being written into a single further write', async () => {
    const store = createSyncTimesStore(db);
    await store.load();
    const saves = [T1, T2, T3].map((t) => store.save({ lastPush: t, lastPull: t }));
    await Promise.all(saves);
    const doc = await storedDoc();
    expect(doc).to.include({ lastPush: T3, lastPull: T3 });
    // `_local` revisions count writes: 0-1 for the first, 0-2 for the one that folded the others.
    expect(doc._rev).to.equal('0-2');
  });

  it('keeps the later times of another tab that wrote in between', async () => {
    const tabA = createSyncTimesStore(db);
    const tabB = createSyncTimesStore(db);
    await tabA.load();
    await tabB.load();
    await tabA.save({ lastPush: T3, lastPull: T1 });
    await tabB.save({ lastPush: T2, lastPull: T2 });
    expect(await createSyncTimesStore(db).load()).to.deep.equal({ lastPush: T3, lastPull: T2 });
  });

  it('does not write when the document already holds the times', async () => {
    const store = createSyncTimesStore(db);
    await store.load();
    await store.save({ lastPush: T1, lastPull: T1 });
    const { _rev } = await storedDoc();
    await store.save({ lastPush: T1, lastPull: T1 });
    const again = createSyncTimesStore(db);
    await again.load();
    await again.save({ lastPush: T1, lastPull: null });
    expect((await storedDoc())._rev).to.equal(_rev);
  });
});
