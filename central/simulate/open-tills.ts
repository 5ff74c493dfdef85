// Sets the run up on a running central as the console would: picks the first N ready stores,
// finds or makes each store's manager and selling account, reads each store's stock before the
// run (the check's baseline), registers a return-approval key per manager, and enrols and starts
// T virtual tills per store, each with a fresh device key (ids `<store>.sim-<run>-<n>`).
import {
  approvalSigner, createApproverKey, deviceSigner, generateDeviceKey, type ApprovalSigner,
} from '../../store-client/index.js';
import { ProntoError } from '../../validators/errors.js';
import { storeAccounts, type AccountEntry } from './accounts.js';
import type { CentralClient } from './central-client.js';
import { VirtualTill } from './virtual-till.js';

export interface SimStore { store: string; manager: string; approver: ApprovalSigner; baselineStock: Record<string, number> }

export async function pickStores(central: CentralClient, wanted: number): Promise<string[]> {
  const all = await central.storeIds();
  if (all.length < wanted) {
    throw new ProntoError('BAD_REQUEST', `--stores ${wanted}: central has ${all.length} store(s) set up (${all.slice(0, 10).join(', ')}${all.length > 10 ? ', …' : ''}); lower --stores or add stores first`, { param: 'stores', available: all.length });
  }
  return all.slice(0, wanted);
}

export async function openTills(central: CentralClient, storeIds: readonly string[], tillsPerStore: number, entries: readonly AccountEntry[], run: string): Promise<{ stores: SimStore[]; tills: VirtualTill[] }> {
  const stores: SimStore[] = [];
  const tills: VirtualTill[] = [];
  for (const store of storeIds) {
    const { manager, seller } = await storeAccounts(central, store, entries);
    const { key } = await createApproverKey(manager.name, 'simulate', 1000);
    await central.registerApprover(manager, key.publicJwk);
    stores.push({ store, manager: manager.name, approver: approvalSigner(manager.name, key), baselineStock: await central.stock(store) });
    for (let i = 1; i <= tillsPerStore; i++) {
      const device = `${store}.sim-${run}-${i}`;
      const deviceKey = await generateDeviceKey();
      await central.enrol(manager, store, device, deviceKey.publicJwk);
      const till = new VirtualTill({ centralUrl: central.url, store, device, seller, signer: deviceSigner(deviceKey) });
      tills.push(till);
      await till.start();
    }
  }
  return { stores, tills };
}
