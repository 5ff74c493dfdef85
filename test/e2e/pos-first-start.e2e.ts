// A till's first login in Chromium takes its databases from central's snapshots (GET
// /api/snapshot/:db, the SyncManager's beforeSync in open-till.ts), not by replicating them from
// zero: every database's `_local/snapshot-progress` is done, the catalog's documents never came
// through `_bulk_get`, and the till sells online from them.
import { expect } from 'chai';
import { logIn, scan, scanWhenArrived, startPosRig, type PosRig } from '../helpers/pos-e2e.js';

describe('POS first start from snapshots (Chromium)', function () {
  let rig: PosRig;
  before(async function () {
    rig = await startPosRig();
  });
  after(async function () {
    await rig?.stop();
  });

  it('loads store, catalog and customers from central snapshots at the first login, then replicates on from them', async function () {
    const snapshots: string[] = [];
    const catalogBulkGets: string[] = [];
    rig.page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/snapshot/')) snapshots.push(url.pathname.slice('/api/snapshot/'.length));
      if (url.pathname === '/db/catalog/_bulk_get') catalogBulkGets.push(url.search);
    });
    await logIn(rig, 'cashier-s1');
    // Each database from its snapshot (a load that failed under load is asked again after its back-off: counted once).
    expect([...new Set(snapshots)].sort()).to.deep.equal(['catalog', 'customers', 'store-s1']);
    expect(catalogBulkGets, 'catalog documents fetched by replication').to.deep.equal([]);
    // pouchdb-adapter-idb keeps `_local` documents in the `local-store` object store of `_pouch_<name>`.
    const progress = await rig.page.evaluate(async (names: string[]) => Promise.all(names.map((name) => new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open(`_pouch_${name}`);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('local-store').objectStore('local-store').get('_local/snapshot-progress');
        get.onerror = () => reject(get.error);
        get.onsuccess = () => resolve((get.result as { done?: boolean } | undefined)?.done);
      };
    }))), ['pronto-store-s1', 'pronto-catalog', 'pronto-customers']);
    expect(progress).to.deep.equal([true, true, true]);
    // The catalog index was handed the snapshot's pages (CatalogIndex.snapshotPages): the last
    // SKU scans; and it follows the catalog again after the load: a product central adds later scans.
    await rig.page.getByTestId('code').waitFor();
    await scan(rig.page, 'PS-M30-AZU-30');
    const catalog = rig.central.state.couch.nano.use('catalog');
    const model = (await catalog.get('product:PS-M30-AZU-30')) as unknown as Record<string, unknown>;
    const { _rev: _r, ...body } = model;
    await catalog.insert({ ...body, _id: 'product:PS-M30-AZU-31', sku: 'PS-M30-AZU-31', size: '31', barcode: undefined } as never);
    // Central's write reaches the till by live replication, then the index's feed: scanned until it does.
    await scanWhenArrived(rig.page, 'PS-M30-AZU-31');
  });
});
