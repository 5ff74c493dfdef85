// A whole chain for fault and chaos scenarios: a real central (in process, embedded server, demo
// chain s1–s3), its live events, what each store held before the scenario (baseline stock and
// sale ids), and tills opened on demand behind their own fault proxies, enrolled by the store's
// manager as a real till is. Returns are approved by the manager's own registered key.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  approvalSigner, createApproverKey, deviceSigner, generateDeviceKey, type ApprovalSigner,
} from '../../../store-client/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../demo-central.js';
import { readSse, type SseClient } from '../sse.js';
import { startFaultProxy } from '../fault-proxy.js';
import { ChaosTill, type Product } from './chaos-till.js';

export interface Baseline { stock: Record<string, number>; ids: Set<string> }

export interface ChainRig {
  demo: DemoCentral;
  sse: SseClient;
  stores: readonly string[];
  products: readonly Product[];
  baseline: Map<string, Baseline>;
  tills: ChaosTill[];
  admin: Record<string, string>;
  /** Documents a scenario expects central to quarantine (sales from a till six hours ahead), for every later check too. */
  expectQuarantined: Set<string>;
  /** `via`: the central URL the till talks to (a second central on the same databases); default the rig's. */
  openTill(store: string, device: string, options?: { now?: () => number; start?: boolean; via?: string }): Promise<ChaosTill>;
  approver(store: string): Promise<ApprovalSigner>;
  /** Stops a till and leaves it out of the invariants (a scenario that failed must not poison the next). */
  forget(till: ChaosTill): Promise<void>;
  stop(): Promise<void>;
}

export const STORES = ['s1', 's2', 's3'] as const;

/** `central`: a DemoCentral-shaped central to use (a child process one, to kill it); default a demo central in this process. */
export async function startChainRig(options: { products?: number; central?: DemoCentral } = {}): Promise<ChainRig> {
  const demo = options.central ?? await startDemoCentral();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'pronto-chaos-'));
  const adminAccount = demo.account('chain-admin');
  const admin = { ...basic(adminAccount.name, adminAccount.password), 'Content-Type': 'application/json' };
  const sse = await readSse(`${demo.central.url}/api/events`, admin);
  const nano = demo.central.state.couch.nano;
  const catalog = await nano.use<{ sku?: string; price?: number; type?: string }>('catalog').list({ startkey: 'product:', endkey: 'product;', include_docs: true, limit: options.products ?? 40 });
  const products = catalog.rows.map((r) => ({ sku: r.doc!.sku!, price: r.doc!.price! }));
  const baseline = new Map<string, Baseline>();
  for (const store of STORES) baseline.set(store, await readBaseline(demo, store));
  const approvers = new Map<string, Promise<ApprovalSigner>>();
  const tills: ChaosTill[] = [];
  const as = (name: string) => {
    const a = demo.account(name);
    return { ...basic(a.name, a.password), 'Content-Type': 'application/json' };
  };

  const rig: ChainRig = {
    demo, sse, stores: STORES, products, baseline, tills, admin, expectQuarantined: new Set(),
    async openTill(store, device, opts = {}) {
      const key = await generateDeviceKey();
      const res = await fetch(`${demo.central.url}/api/devices`, { method: 'POST', headers: as(`manager-${store}`), body: JSON.stringify({ store, device, publicJwk: key.publicJwk }) });
      if (res.status !== 201) throw new Error(`enrolling ${device}: ${res.status} ${await res.text()}`);
      const proxy = await startFaultProxy(Number(new URL(opts.via ?? demo.central.url).port));
      const account = demo.account(`device-${store}`);
      const till = new ChaosTill({
        store, device, proxy, dir: path.join(tmp, device), now: opts.now,
        account: { username: account.name, password: account.password }, signer: deviceSigner(key),
      });
      if (opts.start !== false) await till.start();
      tills.push(till);
      return till;
    },
    approver(store) {
      let signer = approvers.get(store);
      if (!signer) {
        signer = (async () => {
          const name = `manager-${store}`;
          const { key } = await createApproverKey(name, 'test', 1000);
          const res = await fetch(`${demo.central.url}/api/approvers/keys`, { method: 'POST', headers: as(name), body: JSON.stringify({ publicJwk: key.publicJwk }) });
          if (res.status !== 201) throw new Error(`registering ${name}'s approval key: ${res.status}`);
          return approvalSigner(name, key);
        })();
        approvers.set(store, signer);
      }
      return signer;
    },
    async forget(till) {
      tills.splice(tills.indexOf(till), 1);
      await till.stop().catch((err: Error) => console.warn(`      till ${till.device} did not stop cleanly: ${err.message}`));
      await till.setup.proxy.close();
    },
    async stop() {
      for (const till of tills) {
        await till.stop().catch((err: Error) => console.warn(`      till ${till.device} did not stop cleanly: ${err.message}`));
        await till.setup.proxy.close();
      }
      sse.close();
      await demo.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Stock per SKU (central's view) and the ids of the sales and returns a store held before the scenario. */
export async function readBaseline(demo: DemoCentral, store: string): Promise<Baseline> {
  const db = demo.central.state.couch.nano.use(`store-${store}`);
  const stock = await stockOf(demo, store);
  const ids = new Set<string>();
  for (const prefix of ['sale', 'return']) {
    const rows = await db.list({ startkey: `${prefix}:${store}:`, endkey: `${prefix}:${store};` });
    for (const r of rows.rows) ids.add(r.id);
  }
  return { stock, ids };
}

export async function stockOf(demo: DemoCentral, store: string): Promise<Record<string, number>> {
  const res = await demo.central.state.couch.nano.use(`store-${store}`).view('pronto', 'stock', { group: true });
  return Object.fromEntries(res.rows.map((r) => [(r.key as unknown as [string, string])[1], r.value as number]));
}
