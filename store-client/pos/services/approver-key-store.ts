// What this till keeps per manager so they can approve while the store is offline: their approval
// key wrapped under their password (store-client/crypto/approver-key: nothing in it opens
// without the password), the roles central last gave them and when. IndexedDB, one record per
// name. A record of the earlier kind (a password verifier, no key) counts as unknown: that
// manager approves online once and gets a key.
import type { WrappedApproverKey } from '../../browser.js';
import { idbStore } from './idb-store.js';

export interface KnownApprover {
  name: string;
  roles: string[];
  key: WrappedApproverKey;
  /** When central last confirmed this manager's password and roles (ms). */
  confirmedAt: number;
  /** This till's device id, registered with the key at central. */
  device: string;
}

const approvers = idbStore<KnownApprover>('pronto-pos-approvers', 'approvers');

export async function loadApprover(name: string): Promise<KnownApprover | undefined> {
  const known = await approvers.get(name);
  return known?.key?.v === 1 && typeof known.device === 'string' ? known : undefined;
}

export function saveApprover(known: KnownApprover): Promise<void> {
  return approvers.put(known.name, known);
}

export function forgetApprover(name: string): Promise<void> {
  return approvers.delete(name);
}
