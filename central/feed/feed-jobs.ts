// The dispatcher's jobs: what central does with each batch of one database's changes, in the
// order they run. Each is a function of (its dependencies, the database, the changes) and returns
// the ids it wants to look at again soon (a conflict record another central holds); a thrown
// error sends the whole batch back to the follower, which keeps it and retries it (every job is
// idempotent: it reads the documents' current state). Order matters: forged branches of a
// store's immutable documents are settled before anything counts them, and conflicts before the
// checks read the winning revision.
import type { CentralDeps } from '../central-deps.js';
import { POLICY_ID, type PolicyStore } from '../conflicts/policy-store.js';
import { resolveAndTell } from '../conflicts/resolve-document.js';
import type { SettledLeaves } from '../conflicts/settled-leaves.js';
import { mergeDuplicates } from '../duplicates/merge-duplicates.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import type { ApproverRegistry } from '../approvers/index.js';
import { SIGNED_TYPES, verifyStoreDocs, type StoreDocChecker } from '../devices/verify-store-docs.js';
import type { StatusRelay } from '../devices/status-relay.js';
import { settleTamper, type TamperDeps } from '../tamper/settle-tamper.js';
import type { PendingChange } from './pending-work.js';
import { changeAuthor } from './change-author.js';
import { recordArrivals, tallyArrivals, type LastArrivals } from '../stats/index.js';
import { refreshStockBases } from '../stock-bases/index.js';

export interface FeedJobDeps {
  central: CentralDeps;
  tamper: TamperDeps;
  checker: StoreDocChecker;
  relayStatus: StatusRelay;
  devices: DeviceRegistry;
  approvers: ApproverRegistry;
  policies: PolicyStore;
  /** The arrival counters this process's followers last wrote (record-arrivals.ts). */
  arrivals?: LastArrivals;
  /** What the resolver left of the documents it settled, so its own writes coming back need no read (settled-leaves.ts). */
  settled?: SettledLeaves;
}

/**
 * What one job of a batch tells the jobs after it: `written`, the documents it rewrote (a
 * conflict it settled). Their new revision is a later change of the feed (written after this
 * batch was read), where every job sees it again, so a job about their current body (duplicate
 * customers) leaves them to that change instead of reading, and indexing, them twice.
 */
export interface BatchNotes {
  written: Set<string>;
  /** Bodies of this batch's documents that a job already has, by id: those it wrote (a settled
   * conflict: the body it has now) and those it read after the conflicts were settled (the signed
   * documents checked). A job that only needs who wrote a change takes them from here instead of
   * reading them again: a verdict written since (`quarantined`) changes neither author nor time. */
  bodies?: Map<string, Record<string, unknown>>;
}

export type FeedJob = (deps: FeedJobDeps, db: string, changes: readonly PendingChange[], notes: BatchNotes) => Promise<readonly string[] | void>;

const isStore = (db: string) => db.startsWith('store-');
/** A store's sales, moves and returns: never merged, a second live leaf is a forged branch. */
const immutable = (db: string, id: string) => isStore(db) && SIGNED_TYPES.has(id.split(':')[0]!);
/** A change listing several leaves (style=all_docs), or a backlog sweep entry, may be a conflict. */
const mayConflict = (c: PendingChange) => c.changes.length !== 1;
const leafRequest = (c: PendingChange) => ({ id: c.id, revs: c.changes.map((r) => r.rev) });

/** The policy, a device's or a manager's keys, or catalog facts changed (here or by another central): read them afresh. */
export const refreshCaches: FeedJob = async (deps, db, changes) => {
  if (db !== 'catalog') return;
  if (changes.some((c) => c.id === POLICY_ID)) deps.policies.invalidate();
  for (const c of changes) if (c.id.startsWith('device:')) deps.devices.invalidate(c.id);
  for (const c of changes) if (c.id.startsWith('approver:')) deps.approvers.invalidate(c.id.slice('approver:'.length));
  deps.checker.rules.facts.invalidate(changes.map((c) => c.id));
};

export const settleForgedBranches: FeedJob = async (deps, db, changes) => {
  await settleTamper(deps.tamper, db, changes.filter((c) => mayConflict(c) && immutable(db, c.id)).map(leafRequest));
};

export const settleConflicts: FeedJob = async (deps, db, changes, notes) => {
  const candidates = changes.filter((c) => mayConflict(c) && !immutable(db, c.id));
  const { outcomes, bodies } = await resolveAndTell(deps.central, db, candidates.map(leafRequest), deps.settled);
  candidates.forEach((c, i) => { if (outcomes[i] === 'resolved') notes.written.add(c.id); });
  for (const [id, body] of bodies) (notes.bodies ??= new Map()).set(id, body);
  return candidates.filter((_, i) => outcomes[i] === 'deferred').map((c) => c.id);
};

/** New sales, moves and returns must carry a valid signature of a registered device key and keep the business rules. */
export const checkSignaturesAndRules: FeedJob = async (deps, db, changes, notes) => {
  if (isStore(db)) await verifyStoreDocs(deps.checker, db, changes.filter((c) => immutable(db, c.id) && !c.deleted).map((c) => c.id), notes.bodies ??= new Map());
};

export const mergeDuplicateCustomers: FeedJob = async (deps, db, changes, notes) => {
  if (db === 'customers') await mergeDuplicates(deps.central, changes.filter((c) => c.id.startsWith('customer:') && !c.deleted && !notes.written.has(c.id)).map((c) => c.id));
};

export const relayTillStatus: FeedJob = async (deps, db, changes) => {
  if (!isStore(db)) return;
  for (const c of changes) if (c.id.startsWith('store-status:') && !c.deleted) await deps.relayStatus(db, c.id);
};

/** A sale, move or return stamped before a published stock base's cutoff (a late one) brings that base up to date (central/stock-bases). */
export const refreshBases: FeedJob = async (deps, db, changes) => {
  if (isStore(db)) await refreshStockBases(deps.central, db.slice('store-'.length), changes.map((c) => c.id));
};

/**
 * The console's "synced per hour" and "sync lag" counters (central/stats), by central's clock at
 * arrival; then tells the console's change feed (/api/events `change`) what reached central, and
 * who wrote it when (change-author.ts). The feed rows carry no body (style=all_docs without
 * include_docs), so the authors of a batch are read in one `_all_docs` request, never one read per
 * change, beside the count's write (one round trip, not two) — but for the bodies an earlier job of
 * the batch already has (BatchNotes: conflicts settled, signed documents checked); when that read fails the changes are
 * still announced, their authors unknown, and the failure logged. Nothing is announced unless the
 * count went through: a batch that fails here is retried, and counted and announced once.
 */
export const countAndAnnounce: FeedJob = async (deps, db, changes, notes) => {
  const [bodies] = await Promise.all([currentBodies(deps.central, db, changes, notes.bodies), recordArrivals(deps.central.nano, db, tallyArrivals(db, changes, Date.now()), deps.arrivals)]);
  const store = isStore(db) ? db.slice('store-'.length) : null;
  for (const c of changes) {
    const { who, when } = changeAuthor(c.id, bodies.get(c.id));
    deps.central.bus.publish('change', { db, docType: c.id.split(':')[0]!, docId: c.id, store, deleted: c.deleted === true, rev: c.changes[0]?.rev ?? null, who, when });
  }
};

/**
 * The current bodies of a batch's live documents, by id; empty when CouchDB could not be read
 * (logged). Those an earlier job of the batch wrote (`known`, the conflicts it settled) are not read again.
 */
async function currentBodies(central: CentralDeps, db: string, changes: readonly PendingChange[], known?: ReadonlyMap<string, Record<string, unknown>>): Promise<Map<string, Record<string, unknown>>> {
  const bodies = new Map<string, Record<string, unknown>>();
  for (const c of changes) if (!c.deleted && known?.has(c.id)) bodies.set(c.id, known.get(c.id)!);
  const keys = changes.filter((c) => !c.deleted && !bodies.has(c.id)).map((c) => c.id);
  if (keys.length === 0) return bodies;
  try {
    const res = await central.nano.use<Record<string, unknown>>(db).fetch({ keys });
    for (const row of res.rows) if ('doc' in row && row.doc) bodies.set(row.id, row.doc as Record<string, unknown>);
  } catch (err) {
    central.log.warn({ db, count: keys.length, err: (err as Error).message }, 'change feed: could not read who wrote a batch; announced without authors');
  }
  return bodies;
}

// Counting and announcing run last, so a batch that fails and is retried is counted and announced
// once, when it has gone through (a failed count sends it back before it is announced).
export const FEED_JOBS: readonly FeedJob[] = [refreshCaches, settleForgedBranches, settleConflicts, checkSignaturesAndRules, mergeDuplicateCustomers, relayTillStatus, refreshBases, countAndAnnounce];

/**
 * What the start-up sweep of already-conflicted documents runs: settling them. They are not new
 * arrivals (counting or announcing them again would count them twice), and the feed checks each
 * change when it comes, before or after the checkpoint (read-database.ts).
 */
export const SWEEP_JOBS: readonly FeedJob[] = [settleForgedBranches, settleConflicts];

/** Runs every job on the batch in order; the ids any of them wants to look at again. */
export async function dispatch(jobs: readonly FeedJob[], deps: FeedJobDeps, db: string, changes: readonly PendingChange[]): Promise<string[]> {
  const again = new Set<string>();
  const notes: BatchNotes = { written: new Set() };
  for (const job of jobs) for (const id of (await job(deps, db, changes, notes)) ?? []) again.add(id);
  return [...again];
}
