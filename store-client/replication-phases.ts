// Starts the replication phases of a (re)connect, in priority order: (1) push the store's
// sales and moves, with the one-shot pull of the store database beside it, (2) one-shot push of
// the rest (every document the money push does not; it reads its local changes during (1) and
// writes after it), (3) one-shot pull of the catalog, (4) live:
// the money push, the store sync (rest push + pull) and the catalog pull. The two pushes have
// complementary selectors, so no document goes up twice and neither pass re-reads what the
// other sent; each keeps its own checkpoint, and a local seq both have passed is confirmed
// (pending-tracker). Always `retry: false`: the SyncManager owns retry and back-off, so a
// failure surfaces as one `error` event.
// Events used (PouchDB 9 replicate.js / sync.js): `change` (a batch written to the target,
// with `docs` and `last_seq`), `checkpoint` (a batch done, even one with nothing to write),
// `complete` (one-shot done, or cancelled), `paused` (caught up), `active`, `denied` (one
// revision refused by validate_doc_update), `error` (fatal).

import type { Db } from './pouch-types.js';

export interface ReplicationInfo {
  last_seq?: number | string;
  /** On `complete`: 'complete' when it ran to the end, 'cancelled' or 'aborting' otherwise. */
  status?: 'complete' | 'cancelled' | 'aborting';
  docs?: { _id: string; _rev: string; updatedAt?: unknown }[];
  docs_written?: number;
  pending?: number;
}

export interface DeniedInfo {
  id?: string;
  /** The refused revision (patches/pouchdb-replication: PouchDB Server does not name it). */
  rev?: string;
  reason?: string;
  message?: string;
}

/** The part of PouchDB's Replication object we use (typed here: @types lags PouchDB 9). */
export interface Replication extends PromiseLike<unknown> {
  on(event: 'change', fn: (info: ReplicationInfo) => void): this;
  on(event: 'complete', fn: (info: ReplicationInfo) => void): this;
  on(event: 'denied', fn: (err: DeniedInfo) => void): this;
  on(event: 'paused' | 'active', fn: () => void): this;
  /** `{checkpoint: seq}` once a batch's checkpoint is written (other keys: progress we ignore). */
  on(event: 'checkpoint', fn: (info: { checkpoint?: number | string }) => void): this;
  on(event: 'error', fn: (err: unknown) => void): this;
  cancel(): void;
}

export interface SyncHandle extends PromiseLike<unknown> {
  push: Replication;
  pull: Replication;
  on(event: 'error', fn: (err: unknown) => void): this;
  cancel(): void;
}

/** PouchDB's `batch_size` / `batches_limit`, from settings:sync (store-client/sync-settings). */
export interface BatchOptions { batch_size: number; batches_limit: number }

// 1,000 rather than 500: every batch costs a revs_diff, a _bulk_docs and a checkpoint written to
// both sides, one after the other, so a reconnect's backlog waits on round trips; the same as
// DEFAULT_SYNC_SETTINGS (sync-settings), which an admin's settings:sync overrides.
const BATCH: BatchOptions = { batch_size: 1000, batches_limit: 4 };
/** Money first: sales, stock movements and refunds. */
export const PRIORITY_TYPES = ['sale', 'move', 'return'] as const;

// Mango selectors, not filter functions: PouchDB names the replication's checkpoint after the
// filter's source text (pouchdb-generate-replication-id), which minification changes on every
// POS build, so each deploy would rescan the whole store database; a selector's JSON is stable,
// and changes with the list of types, as it should. `$not` of the money selector matches every
// other document, tombstones (no `type`) included (pouchdb-selector-core), so the two together
// pass each local change exactly once.
const MONEY = { type: { $in: [...PRIORITY_TYPES] } };
const REST = { $not: MONEY };
/** The store's push lanes' selectors (their checkpoint ids hash them: snapshot/load-snapshot writes those checkpoints too). */
export const LANE_SELECTORS = Object.freeze({ money: MONEY, rest: REST });

// patches/pouchdb-replication, none of them PouchDB options (no checkpoint id changes):
// - prefetch: the next batch's revs_diff and local read overlap the current batch's bulk_docs
//   (a backlog's pushes are otherwise a ping-pong: the till waits for central, then central
//   for the till);
// - reuse_docs: a generation-1 revision (a new sale) goes up as the local changes feed read it,
//   not read a second time from the local database;
// - skip_revs_diff: such a revision of a document this till wrote (its `device`) goes up
//   without asking central's revs_diff first. If central has it after all (a push interrupted
//   after its bulk_docs), the write is a no-op there: a replicated revision already in the tree
//   is neither validated nor stored (test/conformance/replicated-noop.test.ts).
const ownDocsAsRead = (deviceId: string | undefined) => ({
  reuse_docs: true, ...(deviceId === undefined ? {} : { skip_revs_diff: writtenBy(deviceId) }),
});
const oneShotPush = (deviceId: string | undefined) => ({ prefetch: true, ...ownDocsAsRead(deviceId) });

// patches/pouchdb-replication `task_info: false`: a replication registers its active task without
// asking the source for its info() first; for a pull that is a `GET /{db}` before its first
// `_changes` at every start (four per reconnect: the store's and the catalog's, one-shot then
// live), for a figure nothing reads. Every replication here takes it (a push's source is local).
const NO_TASK_INFO = { task_info: false } as const;

/** patches/pouchdb-replication `hold_target_until`: nothing past the checkpoint's read is sent to the target before `after` resolves. */
const heldUntil = (after: PromiseLike<unknown>) => ({ hold_target_until: after });

/** A document written on this till: sales, moves and returns carry the device that wrote them. */
export const writtenBy = (deviceId: string) => (doc: { device?: unknown }): boolean => doc.device === deviceId;

/** Which push a checkpoint belongs to: the store's are split in two; customers' is one. */
export type PushLane = 'money' | 'rest' | 'all';
/** The lanes that must both have passed a local seq of the store database before it is confirmed. */
export const STORE_LANES: readonly PushLane[] = ['money', 'rest'];

/** `deviceId`: this till's, whose own new documents skip revs_diff (see oneShotPush). */
export function pushPriorityDocs(local: Db, remote: Db, batch = BATCH, deviceId?: string): Replication {
  return local.replicate.to(remote, { ...batch, ...oneShotPush(deviceId), retry: false, ...NO_TASK_INFO, selector: MONEY }) as unknown as Replication;
}

/** The money push, live: shares its checkpoint with pushPriorityDocs (same selector, same id).
 * A sale rung up while online goes up as the local feed read it, without central's revs_diff
 * (`deviceId`: this till's, as in the one-shot push): one round trip fewer between the till's
 * write and central's, on the path of every live sale. */
export function pushPriorityLive(local: Db, remote: Db, heartbeat: number, batch = BATCH, deviceId?: string): Replication {
  return local.replicate.to(remote, { ...batch, ...ownDocsAsRead(deviceId), live: true, retry: false, ...NO_TASK_INFO, heartbeat, selector: MONEY }) as unknown as Replication;
}

/** The store pull's options: a till with a history window pulls only it (history-window.ts's selector). */
const storePull = (pullSelector?: object) => (pullSelector ? { pull: { selector: pullSelector } } : {});

/** The store's pull, one-shot. It runs beside the money push (sync-manager), so it reads what
 * central had before the push's writes landed (and those too if it is still reading then),
 * instead of reading the till's whole backlog back after the push: the live pull does that
 * later, off the reconnect's path. Same options as syncStoreLive's pull (a till with a history
 * window: its selector, history-window.ts), so the same checkpoint (pouchdb-generate-replication-id). */
export function pullStoreOnce(local: Db, remote: Db, batch = BATCH, pullSelector?: object): Replication {
  return local.replicate.from(remote, { ...batch, retry: false, ...NO_TASK_INFO, ...(pullSelector ? { selector: pullSelector } : {}) }) as unknown as Replication;
}

/** The rest of the store database, one-shot: only what the money push does not carry. It starts
 * beside the money push and reads its local changes meanwhile (every document of a backlog is
 * read to learn whether it is the rest's), but sends central nothing past its checkpoint's read
 * until `after` (the money push) resolves: patches/pouchdb-replication `hold_target_until`.
 * Same selector as syncStoreLive's push, so the same checkpoint. */
export function pushRestOnce(local: Db, remote: Db, after: PromiseLike<unknown>, batch = BATCH, deviceId?: string): Replication {
  return local.replicate.to(remote, { ...batch, ...oneShotPush(deviceId), retry: false, ...NO_TASK_INFO, ...heldUntil(after), selector: REST }) as unknown as Replication;
}

/** Customers (or any database without a money push): both ways, unfiltered. */
export function syncAllOnce(local: Db, remote: Db, batch = BATCH): SyncHandle {
  return local.sync(remote, { ...batch, retry: false, ...NO_TASK_INFO }) as unknown as SyncHandle;
}

export function pullCatalogOnce(local: Db, remote: Db, batch = BATCH): Replication {
  return local.replicate.from(remote, { ...batch, retry: false, ...NO_TASK_INFO }) as unknown as Replication;
}

/** `heartbeat`: central sends a newline this often while a long-poll waits (what watchdog-fetch watches for). */
export function syncStoreLive(local: Db, remote: Db, heartbeat: number, batch = BATCH, pullSelector?: object): SyncHandle {
  return local.sync(remote, { ...batch, live: true, retry: false, ...NO_TASK_INFO, heartbeat, push: { selector: REST }, ...storePull(pullSelector) }) as unknown as SyncHandle;
}

export function syncAllLive(local: Db, remote: Db, heartbeat: number, batch = BATCH): SyncHandle {
  return local.sync(remote, { ...batch, live: true, retry: false, ...NO_TASK_INFO, heartbeat }) as unknown as SyncHandle;
}

export function pullCatalogLive(local: Db, remote: Db, heartbeat: number, batch = BATCH): Replication {
  return local.replicate.from(remote, { ...batch, live: true, retry: false, ...NO_TASK_INFO, heartbeat }) as unknown as Replication;
}
