// Fleet reconnect: every store's till comes back online at once after a day offline (50 stores
// × 500 sales; quick 10 × 200), until every sale is at central and each store's stock view at
// central answers. Ours: one SyncManager per till, started together, each until online with 0
// pending. Baseline: raw PouchDB `replicate.to` with default options of the same documents from
// the same number of tills into fresh store databases (same design doc) on the same server.
import type { Result, Scenario } from '../lib/scenario.js';
import {
  alternate, assertAtCentral, caughtUp, memDb, offlineDocs, rawRemote, sharedServer, statusUntil, tillManager, timed, warmUpSize, wasOnline,
  type Server, type Store,
} from '../lib/till-fixtures.js';
import type { Db } from '../../store-client/index.js';

let fleets = 0;

interface Till { store: Store; local: { store: Db; catalog: Db }; ids: string[] }

/** `online`: each till was online before (ours: SyncManagers reconnect); the raw pushes' tills hold only the documents. */
async function loadedFleet(server: Server, stores: number, sales: number, online: boolean): Promise<Till[]> {
  const fleet = fleets++;
  const tills: Till[] = [];
  for (let i = 0; i < stores; i++) {
    const store = await server.createStore(`fl${fleet}x${i}`);
    const docs = offlineDocs(store.id, `${store.id}.pos1`, sales, i + 1);
    const local = { store: memDb(), catalog: memDb() };
    if (online) await wasOnline(store, local);
    await local.store.bulkDocs(docs);
    tills.push({ store, local, ids: docs.map((d) => (d as { _id: string })._id) });
  }
  return tills;
}

/** Central's `pronto/stock` view of the store answers (built over everything it holds). */
async function stockAnswers(s: Store): Promise<void> {
  await rawRemote(s.storeDbUrl, s).query('pronto/stock', { startkey: [s.id], endkey: [s.id, {}], reduce: true, group: true, limit: 1 });
}

async function settle(tills: Till[]): Promise<void> {
  for (const t of tills) await assertAtCentral(t.store, t.ids);
  for (const t of tills) await Promise.all([t.local.store.destroy(), t.local.catalog.destroy()]);
}

async function ours(server: Server, stores: number, sales: number): Promise<number> {
  const tills = await loadedFleet(server, stores, sales, true);
  const managers = tills.map((t) => tillManager(t.store, t.local));
  const ms = await timed(() => Promise.all(managers.map(async (m, i) => {
    await m.start();
    await statusUntil(m, caughtUp);
    await stockAnswers(tills[i]!.store);
  })));
  await Promise.all(managers.map((m) => m.stop()));
  await settle(tills);
  return ms;
}

async function raw(server: Server, stores: number, sales: number): Promise<number> {
  const tills = await loadedFleet(server, stores, sales, false);
  const ms = await timed(() => Promise.all(tills.map(async (t) => {
    await t.local.store.replicate.to(rawRemote(t.store.storeDbUrl, t.store));
    await stockAnswers(t.store);
  })));
  await settle(tills);
  return ms;
}

export const fleet: Scenario = {
  name: 'fleet',
  async run(ctx): Promise<Result[]> {
    const [stores, sales] = ctx.quick ? [5, 100] : [50, 500];
    const server = await sharedServer();
    const size = warmUpSize(ctx, sales);
    const r = await alternate(ctx, 'fleet', (w) => ours(server, stores, size(w)), (w) => raw(server, stores, size(w)));
    return [{
      scenario: `fleet reconnect: ${stores} stores × ${sales} offline sales at once → central, stock views answer`,
      unit: 'ms', better: 'lower', ...r,
      baselineName: 'raw PouchDB replicate.to per till, default options, all at once',
      note: 'ours: a SyncManager per till that was online before (untimed first sync), start → online with 0 pending, then the store\'s stock view at central; target ≤ 1.0× raw',
    }];
  },
};
