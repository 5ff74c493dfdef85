// Against an in-memory PouchDB (no network): the follower applies the local settings:sync, then
// each new revision, from its own live feed of the catalog or from a feed the caller gives; and
// its own feed reads each catalog write once (PouchDB's live feed with `doc_ids` never moved past
// the writes it did not deliver, so every write re-read all the catalog written since).
import { expect } from 'chai';
import { createNodePouch, followSyncSettings, type CatalogDoc, type Db } from '../../../store-client/index.js';
import { SYNC_SETTINGS_ID, type SyncSettings } from '../../../store-client/sync-settings.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
let n = 0;

describe('store-client/follow-sync-settings', () => {
  let catalog: Db;
  const applied: SyncSettings[] = [];
  const target = { applySettings: async (s: SyncSettings) => { applied.push(s); } };
  beforeEach(async () => {
    applied.length = 0;
    catalog = new PouchDB(`follow-sync-settings-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
  });
  afterEach(async () => {
    await catalog.destroy();
  });

  it('applies the local copy first, then every new revision written to the catalog', async () => {
    const first = await catalog.put({ _id: SYNC_SETTINGS_ID, type: 'settings', value: { batchSize: 50 } });
    const follower = followSyncSettings(catalog, target);
    await follower.ready;
    expect(applied.map((s) => s.batchSize)).to.deep.equal([50]);
    await catalog.put({ _id: 'product:A', type: 'product' });
    await catalog.put({ _id: SYNC_SETTINGS_ID, _rev: first.rev, type: 'settings', value: { batchSize: 20 } });
    await waitFor(() => applied.length === 2, { timeoutMs: 5000, what: 'the new revision applied' });
    expect(applied[1]!.batchSize).to.equal(20);
    follower.stop();
  });

  it('takes the revisions from a feed the caller gives, with no live feed of its own', async () => {
    const listeners = new Set<(doc: CatalogDoc) => void>();
    const live: unknown[] = [];
    const changes = catalog.changes.bind(catalog);
    (catalog as { changes: unknown }).changes = (opts: { live?: boolean }) => { if (opts?.live) live.push(opts); return changes(opts as never); };
    const follower = followSyncSettings(catalog, target, undefined, (l) => { listeners.add(l); return () => listeners.delete(l); });
    await follower.ready;
    expect(applied.map((s) => s.batchSize)).to.deep.equal([1000]);
    for (const l of listeners) l({ _id: 'product:A' });
    for (const l of listeners) l({ _id: SYNC_SETTINGS_ID, value: { batchSize: 30 } });
    for (const l of listeners) l({ _id: SYNC_SETTINGS_ID, _deleted: true });
    expect(applied.map((s) => s.batchSize)).to.deep.equal([1000, 30, 1000]);
    follower.stop();
    expect(listeners.size, 'unsubscribed on stop').to.equal(0);
    expect(live, 'no live feed opened').to.deep.equal([]);
  });

  it('reads each catalog write once, however long ago settings:sync last changed', async () => {
    // The live feed asks PouchDB for the changes since where it last stood (a one-off `changes`
    // call with `since`); a feed stuck at settings:sync's seq re-reads every later write each time.
    const sinces: number[] = [];
    const changes = catalog.changes.bind(catalog);
    (catalog as { changes: unknown }).changes = (opts: { live?: boolean; since?: unknown }) => {
      if (!opts?.live && typeof opts?.since === 'number') sinces.push(opts.since);
      return changes(opts as never);
    };
    const follower = followSyncSettings(catalog, target);
    await follower.ready;
    await catalog.put({ _id: SYNC_SETTINGS_ID, type: 'settings', value: { batchSize: 40 } });
    await waitFor(() => applied.length === 2, { timeoutMs: 5000, what: 'the settings applied' });
    for (let page = 0; page < 10; page++) {
      await catalog.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `product:${page}-${i}`, type: 'product' })));
      const seq = Number((await catalog.info()).update_seq);
      await waitFor(() => sinces.length > 0 && sinces[sinces.length - 1]! >= seq - 20, { timeoutMs: 5000, what: `the feed past page ${page}` });
    }
    expect(Math.max(...sinces), 'the feed moved past the products it did not deliver').to.be.at.least(1 + 9 * 20);
    follower.stop();
  });
});
