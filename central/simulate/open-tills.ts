// Sets the run up on a running central as the console would: picks the first N ready stores,
// finds or makes each store's manager and selling account, reads each store's stock before the
// run (the check's baseline), registers a return-approval key per manager, and enrols T virtual
// tills per store, each with a fresh device key (ids `<store>.sim-<run>-<n>`), a few stores at a
// time; then starts every till, a few at a time.
import {
  approvalSigner, createApproverKey, deviceSigner, generateDeviceKey, type ApprovalSigner,
} from '../../store-client/index.js';
import { ProntoError } from '../../validators/errors.js';
import { storeAccounts, type AccountEntry } from './accounts.js';
import type { CentralClient } from './central-client.js';
import { VirtualTill } from './virtual-till.js';
import { mapLimit } from '../map-limit.js';

export interface SimStore { store: string; manager: string; approver: ApprovalSigner; baselineStock: Record<string, number> }

export async function pickStores(central: CentralClient, wanted: number): Promise<string[]> {
  const all = await central.storeIds();
  if (all.length < wanted) {
    throw new ProntoError('BAD_REQUEST', `--stores ${wanted}: central has ${all.length} store(s) set up (${all.slice(0, 10).join(', ')}${all.length > 10 ? ', …' : ''}); lower --stores or add stores first`, { param: 'stores', available: all.length });
  }
  return all.slice(0, wanted);
}

/**
 * Stores set up at once, and tills started at once: each waits on central for its accounts
 * (password hashing), approver key, stock and enrolment, and each till for its first start; one
 * after another, 100 stores took minutes before the first sale.
 */
const STORES_AT_ONCE = 8;
const TILLS_AT_ONCE = 8;
/** How long one till's first start is waited for before the next is begun in its place. */
const FIRST_START_WAIT_MS = 120_000;

interface Enrolled { store: SimStore; tills: VirtualTill[] }

/**
 * Two phases: every store's accounts, approver key, stock baseline and till enrolments first, then
 * every till's first start. Enrolments and approver keys are catalog documents, and every started
 * till pulls the whole catalog live: enrolling store k while k-1 tills ran woke all of them, each
 * to pull the new document (a long-poll answered, a _bulk_get, a checkpoint, a new long-poll), so
 * opening n stores cost about n²/2 wake-ups (measured with 100 stores: the embedded server's CPU
 * went to those _changes reads). A chain does not enrol every till at one moment; the run
 * measures selling, not an enrolment storm.
 */
export async function openTills(central: CentralClient, storeIds: readonly string[], tillsPerStore: number, entries: readonly AccountEntry[], run: string, onStarted: (tills: number) => void = () => undefined): Promise<{ stores: SimStore[]; tills: VirtualTill[] }> {
  const enrolStore = async (store: string): Promise<Enrolled> => {
    const { manager, seller } = await storeAccounts(central, store, entries);
    const { key } = await createApproverKey(manager.name, 'simulate', 1000);
    await central.registerApprover(manager, key.publicJwk);
    const sim: SimStore = { store, manager: manager.name, approver: approvalSigner(manager.name, key), baselineStock: await central.stock(store) };
    const tills: VirtualTill[] = [];
    for (let i = 1; i <= tillsPerStore; i++) {
      const device = `${store}.sim-${run}-${i}`;
      const deviceKey = await generateDeviceKey();
      await central.enrol(manager, store, device, deviceKey.publicJwk);
      tills.push(new VirtualTill({ centralUrl: central.url, store, device, seller, signer: deviceSigner(deviceKey) }));
    }
    return { store: sim, tills };
  };
  const enrolled = await allOrFirstFailure(await mapLimit(storeIds, STORES_AT_ONCE, settled(enrolStore)), async () => undefined);
  const tills = enrolled.flatMap((e) => e.tills);
  const started: VirtualTill[] = [];
  let startedCount = 0;
  const startTill = async (till: VirtualTill): Promise<void> => {
    started.push(till);
    await till.start();
    // Its first start (snapshots, then replication caught up) before the next till's: what is
    // bounded at once is the loading, not only the starting. Not an error when slow: the run's
    // own wait for every till online says so.
    const deadline = Date.now() + FIRST_START_WAIT_MS;
    for (let i = 0; i < FIRST_START_WAIT_MS / 100 && Date.now() < deadline && !(till.manager.status.state === 'online' && till.manager.status.pending === 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    onStarted(++startedCount);
  };
  // Every till is tried (a failure does not leave the others running unseen); on any failure the
  // tills started so far are stopped and the first failure is thrown.
  await allOrFirstFailure(await mapLimit(tills, TILLS_AT_ONCE, settled(startTill)), async () => {
    await Promise.allSettled(started.map((t) => t.stop()));
  });
  // In store order, whatever order they finished in: a seed replays the same choices per till.
  return { stores: enrolled.map((e) => e.store), tills };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settled = <A, T>(fn: (a: A) => Promise<T>) => (a: A): Promise<Settled<T>> => fn(a).then(
  (value) => ({ ok: true as const, value }),
  (error: unknown) => ({ ok: false as const, error }),
);

async function allOrFirstFailure<T>(results: readonly Settled<T>[], onFailure: () => Promise<void>): Promise<T[]> {
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) {
    await onFailure();
    throw failed.error;
  }
  return results.flatMap((r) => (r.ok ? [r.value] : []));
}
