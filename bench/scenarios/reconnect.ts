// Reconnect backlog: one till comes online with a day's worth of offline documents (10,000;
// quick 2,000). Ours: the SyncManager from start() until nothing is pending and it is online
// (priority push, two-way pass, catalog pull: everything a reconnect does). Baseline: raw
// PouchDB `replicate.to` with default options of the same documents into the same kind of
// database (a fresh store's, with its design doc and validate_doc_update) on the same server.
import type { Result, Scenario } from '../lib/scenario.js';
import {
  alternate, assertAtCentral, caughtUp, memDb, offlineDocs, rawRemote, sharedServer, statusUntil, tillManager, timed, warmUpSize, wasOnline, type Server,
} from '../lib/till-fixtures.js';

let stores = 0;

/** `online`: the till was online before (ours: a SyncManager reconnects); the raw push's till holds only the documents. */
async function loadedTill(server: Server, count: number, online: boolean) {
  const store = await server.createStore(`rc${stores++}`);
  const docs = offlineDocs(store.id, `${store.id}.pos1`, count);
  const local = { store: memDb(), catalog: memDb() };
  if (online) await wasOnline(store, local);
  await local.store.bulkDocs(docs);
  return { store, local, ids: docs.map((d) => (d as { _id: string })._id) };
}

async function ours(server: Server, count: number): Promise<number> {
  const { store, local, ids } = await loadedTill(server, count, true);
  const m = tillManager(store, local);
  const ms = await timed(async () => {
    await m.start();
    await statusUntil(m, caughtUp);
  });
  await m.stop();
  await assertAtCentral(store, ids);
  await Promise.all([local.store.destroy(), local.catalog.destroy()]);
  return ms;
}

async function raw(server: Server, count: number): Promise<number> {
  const { store, local, ids } = await loadedTill(server, count, false);
  const ms = await timed(() => local.store.replicate.to(rawRemote(store.storeDbUrl, store)));
  await assertAtCentral(store, ids);
  await Promise.all([local.store.destroy(), local.catalog.destroy()]);
  return ms;
}

export const reconnect: Scenario = {
  name: 'reconnect',
  async run(ctx): Promise<Result[]> {
    const count = ctx.quick ? 2_000 : 10_000;
    const server = await sharedServer();
    const size = warmUpSize(ctx, count);
    const r = await alternate(ctx, 'reconnect', (w) => ours(server, size(w)), (w) => raw(server, size(w)));
    return [{
      scenario: `reconnect backlog: one till, ${count.toLocaleString('en')} offline documents → central`,
      unit: 'ms', better: 'lower', ...r,
      baselineName: 'raw PouchDB replicate.to, default options',
      note: 'ours: SyncManager start → online with 0 pending (priority push, two-way pass, catalog pull) of a till that was online before (untimed first sync); target ≤ 0.5× raw',
    }];
  },
};
