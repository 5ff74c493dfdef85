// A real till in node for the console's browser tests: the store-client SyncManager with its
// signed status reporter (a short heartbeat), against central's /db as the store's cashier, with a
// device key a manager enrolled. Its store and catalog go through one cuttable loopback proxy,
// its customers through another, so a test can silence the till, or leave only customer uploads
// stuck (pending, while its status still reaches central).
import { expect } from 'chai';
import {
  createClock, createNodePouch, createNodeTillFetch, deviceSigner, generateDeviceKey, oldestPendingAt, reportStatus, SyncManager,
  type DocSigner, type StatusReporter,
} from '../../store-client/index.js';
import type { Db } from '../../store-client/pouch-types.js';
import { basic, type DemoAccount } from './demo-central.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const PouchDB = createNodePouch();
let n = 0;

export interface NodeTill {
  device: string;
  manager: SyncManager;
  local: { store: Db; catalog: Db; customers: Db };
  clock: { next(): Promise<string> };
  signer: DocSigner;
  /** Store and catalog traffic. */
  proxy: TcpProxy;
  /** Customers traffic. */
  customersProxy: TcpProxy;
  stop(): Promise<void>;
}

export interface NodeTillOptions { centralUrl: string; store: string; device: string; cashier: DemoAccount; manager: DemoAccount; heartbeatMs: number }

export async function startNodeTill(o: NodeTillOptions): Promise<NodeTill> {
  const key = await generateDeviceKey();
  const enrolled = await fetch(`${o.centralUrl}/api/devices`, {
    method: 'POST', headers: { ...basic(o.manager.name, o.manager.password), 'Content-Type': 'application/json' },
    body: JSON.stringify({ store: o.store, device: o.device, publicJwk: key.publicJwk }),
  });
  expect(enrolled.status, `enrolling ${o.device}`).to.equal(201);
  const port = Number(new URL(o.centralUrl).port);
  const proxy = await startTcpProxy(port);
  const customersProxy = await startTcpProxy(port);
  const auth = { username: o.cashier.name, password: o.cashier.password };
  // One connection budget for the till's remotes, as the POS (open-till.ts).
  const { fetch: budgeted } = createNodeTillFetch();
  const remote = (via: TcpProxy, db: string) => new PouchDB(`${via.url}/db/${db}`, { auth, skip_setup: true, fetch: budgeted } as never) as unknown as Db;
  const tag = `${process.pid}-${n++}`;
  const local = {
    store: new PouchDB(`till-store-${tag}`, { adapter: 'memory' }) as unknown as Db,
    catalog: new PouchDB(`till-catalog-${tag}`, { adapter: 'memory' }) as unknown as Db,
    customers: new PouchDB(`till-customers-${tag}`, { adapter: 'memory' }) as unknown as Db,
  };
  const clock = await createClock(local.store, o.device);
  const manager = new SyncManager({
    storeId: o.store, deviceId: o.device, local, clock, backoff: { baseMs: 200, maxMs: 1000 },
    remote: { store: remote(proxy, `store-${o.store}`), catalog: remote(proxy, 'catalog'), customers: remote(customersProxy, 'customers') },
  });
  const signer = deviceSigner(key);
  const reporter: StatusReporter = reportStatus(manager, local.store, {
    store: o.store, device: o.device, clock, signer, heartbeatMs: o.heartbeatMs, minIntervalMs: 200,
    oldestPending: () => oldestPendingAt([local.store, local.customers], manager.pendingIds()),
    onError: (err) => console.warn(`      ${o.device}: status not written: ${(err as Error).message}`),
  });
  await manager.start();
  return {
    device: o.device, manager, local, clock, signer, proxy, customersProxy,
    async stop() {
      await reporter();
      await manager.stop();
      await Promise.all([proxy.close(), customersProxy.close()]);
      for (const db of Object.values(local)) await db.destroy();
    },
  };
}
