// Sets the run up on a running central as the console would: picks the first N ready stores,
// finds or makes each store's manager and selling account, reads each store's stock before the
// run (the check's baseline), registers a return-approval key per manager, and enrols and starts
// T virtual tills per store, each with a fresh device key (ids `<store>.sim-<run>-<n>`); a few
// stores at a time.
import {
  approvalSigner, createApproverKey, deviceSigner, generateDeviceKey, type ApprovalSigner,
} from '../../store-client/index.js';
import { ProntoError } from '../../validators/errors.js';
import { storeAccounts, type AccountEntry } from './accounts.js';
import type { CentralClient } from './central-client.js';
import { VirtualTill } from './virtual-till.js';
import { mapLimit } from '../conflicts/map-limit.js';

export interface SimStore { store: string; manager: string; approver: ApprovalSigner; baselineStock: Record<string, number> }

export async function pickStores(central: CentralClient, wanted: number): Promise<string[]> {
  const all = await central.storeIds();
  if (all.length < wanted) {
    throw new ProntoError('BAD_REQUEST', `--stores ${wanted}: central has ${all.length} store(s) set up (${all.slice(0, 10).join(', ')}${all.length > 10 ? ', …' : ''}); lower --stores or add stores first`, { param: 'stores', available: all.length });
  }
  return all.slice(0, wanted);
}

/**
 * Stores opened at once: each waits on central for its accounts (password hashing), approver key,
 * stock and enrolments, and its tills' first sync; one after another, 100 stores took minutes
 * before the first sale.
 */
const STORES_AT_ONCE = 8;

export async function openTills(central: CentralClient, storeIds: readonly string[], tillsPerStore: number, entries: readonly AccountEntry[], run: string, onStarted: (tills: number) => void = () => undefined): Promise<{ stores: SimStore[]; tills: VirtualTill[] }> {
  const started: VirtualTill[] = [];
  let startedCount = 0;
  const openStore = async (store: string): Promise<{ store: SimStore; tills: VirtualTill[] }> => {
    const { manager, seller } = await storeAccounts(central, store, entries);
    const { key } = await createApproverKey(manager.name, 'simulate', 1000);
    await central.registerApprover(manager, key.publicJwk);
    const sim: SimStore = { store, manager: manager.name, approver: approvalSigner(manager.name, key), baselineStock: await central.stock(store) };
    const tills: VirtualTill[] = [];
    for (let i = 1; i <= tillsPerStore; i++) {
      const device = `${store}.sim-${run}-${i}`;
      const deviceKey = await generateDeviceKey();
      await central.enrol(manager, store, device, deviceKey.publicJwk);
      const till = new VirtualTill({ centralUrl: central.url, store, device, seller, signer: deviceSigner(deviceKey) });
      started.push(till);
      tills.push(till);
      await till.start();
      onStarted(++startedCount);
    }
    return { store: sim, tills };
  };
  // Every store is tried (a failure does not leave the others' tills running unseen); on any
  // failure the tills started so far are stopped and the first failure is thrown.
  const opened = await mapLimit(storeIds, STORES_AT_ONCE, (store) => openStore(store).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  ));
  const failed = opened.find((o) => !o.ok);
  if (failed && !failed.ok) {
    await Promise.allSettled(started.map((t) => t.stop()));
    throw failed.error;
  }
  const ok = opened.flatMap((o) => (o.ok ? [o.value] : []));
  // In store order, whatever order they finished in: a seed replays the same choices per till.
  return { stores: ok.map((o) => o.store), tills: ok.flatMap((o) => o.tills) };
}
