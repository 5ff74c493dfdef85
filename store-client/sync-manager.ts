// Keeps one till's databases in sync with central, in priority order on every (re)connect,
// then live; owns retry (PouchDB's own is off) with jittered back-off — except after a refusal,
// which waits for new credentials or retryNow() (retry-plan: each retry with refused credentials
// counts towards CouchDB's account lockout) — and publishes a status whose last push / pull
// times survive a restart (sync-times-store).
// Longer than most files because it is the one stateful coordinator; decisions live in
// classify-sync-error, retry-plan, backoff, pending-ledger (refused-revisions: what central refused stays
// listed, apart from pending) and sync-times, replication set-up in replication-phases. A
// connection gone silent is abandoned by the watchdog fetch its remotes are built with
// (watchdog-fetch): the replication fails, and the back-off brings it back. The admin's
// settings:sync (batch sizes, back-off, heartbeat) arrive through applySettings, which restarts
// the replication with them: checkpoints and the pending ledger carry over, so nothing is lost.

import type { BackoffOptions } from './backoff.js';
import { classifySyncError } from './classify-sync-error.js';
import { retryPlan } from './retry-plan.js';
import { PendingTracker } from './pending-tracker.js';
import {
  pullCatalogLive, pullCatalogOnce, pullStoreOnce, pushPriorityDocs, pushPriorityLive, pushRestOnce, syncAllLive, syncAllOnce, syncStoreLive,
  STORE_LANES, type BatchOptions, type DeniedInfo, type PushLane, type Replication, type ReplicationInfo,
} from './replication-phases.js';
import { initialStatus, type SyncStatus, type SyncStatusListener } from './sync-status.js';
import { createSyncTimesStore, type SyncTimesStore } from './sync-times-store.js';
import { mergeSyncTimes, noSyncTimes, sameSyncTimes } from './sync-times.js';
import type { Db } from './pouch-types.js';
import { observedStamp } from './observed-stamp.js';
import { sameSyncSettings, type SyncSettings } from './sync-settings.js';
import { readHistoryWindow, windowSelector } from './history-window.js';
import { cacheServerId } from './server-id-cache.js';
import { cacheCheckpoints, forgetCheckpoints } from './checkpoint-cache.js';

export interface SyncManagerOptions {
  storeId: string;
  deviceId: string;
  /** `customers` is optional: a till that registers customers syncs it both ways, last. */
  local: { store: Db; catalog: Db; customers?: Db };
  /** http databases built by the caller, with its own auth (and `skip_setup: true`) and one
   * connection budget's fetch around a watchdog fetch for all of them (`fetch: createConnectionBudget({
   * fetch: createWatchdogFetch() }).fetch`; in Node createNodeTillFetch): without the watchdog a
   * connection that goes silent freezes the live pull for good while the status says `online`;
   * without the budget the live replications hold up to 13 connections to central at once. */
  remote: { store: Db; catalog: Db; customers?: Db };
  /** Heartbeat asked of central's live long-polls, ms (default 10000); the watchdog fetch
   * abandons one silent for longer than that plus its margin, and sync restarts. */
  heartbeatMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  now?: () => number;
  /** Fed the `updatedAt` of pulled documents (not store-status ones: observed-stamp), so local stamps sort after central's. */
  clock?: { observe(stamp: string): unknown };
  /** Progress of the one-shot catalog pull (a first start's progress bar). */
  onProgress?: (progress: { pulled: number; total: number }) => void;
  /** Runs at the start of every connect, before any replication: a first start's snapshots
   * (first-start-snapshot.ts; a no-op once loaded). A failure is retried like a sync failure. */
  beforeSync?: (hooks: BeforeSyncHooks) => Promise<unknown>;
}

/** What `beforeSync` may tell the SyncManager. */
export interface BeforeSyncHooks {
  /** These revisions were written here from central (a snapshot's page): they are not pending uploads. */
  delivered(db: 'store' | 'catalog' | 'customers', docs: readonly { _id: string; _rev: string }[]): void;
}

type Cancellable = PromiseLike<unknown> & { cancel(): void };

/** Thrown inside a connect that a newer connect, a failure or stop() has superseded. */
const SUPERSEDED = Symbol('superseded');
const STOP_WAIT_MS = 5000;
/** Heartbeat asked of central's live long-polls when neither the options nor settings:sync say (the POS's). */
export const DEFAULT_HEARTBEAT_MS = 10_000;

/** The local database's update_seq now (memory, idb and leveldb adapters: a number). */
async function localSeq(db: Db): Promise<number> {
  return Number((await db.info()).update_seq);
}

export class SyncManager {
  private current: SyncStatus = initialStatus;
  private readonly listeners = new Set<SyncStatusListener>();
  private readonly tracker: PendingTracker;
  /** Pending uploads of the customers database, when the till syncs it. */
  private readonly customerTracker: PendingTracker | undefined;
  /** A snapshot's pages came from central: neither database counts them as pending uploads. */
  private readonly beforeSyncHooks: BeforeSyncHooks = {
    delivered: (db, docs) => {
      if (db === 'store') this.tracker.delivered(docs);
      else if (db === 'customers') this.customerTracker?.delivered(docs);
    },
  };
  private readonly times: SyncTimesStore;
  /** The latest save of the times; stop() waits for it. */
  private timesSaved: Promise<void> = Promise.resolve();
  private readonly active = new Set<Cancellable>();
  private readonly idle = { money: true, push: true, pull: true, catalog: true, customers: true };
  private session = 0;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDelay: number | undefined;
  /** Central refused the credentials: no reconnect until useRemote() or retryNow() (retry-plan). */
  private awaitingCredentials = false;
  /** Central's databases as the caller built them, with their credentials (useRemote replaces them). */
  private remote: SyncManagerOptions['remote'];
  /** The admin's settings:sync once applied; until then the constructor's options. */
  private applied: SyncSettings | undefined;
  private readonly settingsListeners = new Set<(s: SyncSettings) => void>();
  /** The store pull's selector, read at each connect (history-window.ts); undefined: the whole store. */
  private storePullSelector: object | undefined;
  /** What happened while the backlog was being counted, published with the count (update). */
  private held: Partial<SyncStatus> | undefined;
  /** Restarts for new settings run one after another. */
  private restarting: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SyncManagerOptions) {
    this.remote = opts.remote;
    cacheRemoteReads(opts.remote);
    this.times = createSyncTimesStore(opts.local.store);
    const counted = () => this.update({
      pending: this.tracker.pending + (this.customerTracker?.pending ?? 0),
      refused: [...this.tracker.refused, ...(this.customerTracker?.refused ?? [])],
    });
    this.tracker = new PendingTracker(opts.local.store, 'store', counted, STORE_LANES);
    if (opts.local.customers && opts.remote.customers) {
      this.customerTracker = new PendingTracker(opts.local.customers, 'customers', counted);
    }
  }

  get status(): SyncStatus {
    return this.current;
  }

  /** Ids written here and not yet confirmed at central. */
  pendingIds(): string[] {
    return [...this.tracker.pendingIds(), ...(this.customerTracker?.pendingIds() ?? [])];
  }

  onStatus(listener: SyncStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The settings:sync in effect, once one was applied. */
  get settings(): SyncSettings | undefined {
    return this.applied;
  }

  /** Called with every new settings:sync applied (the status reporter follows its interval). */
  onSettings(listener: (s: SyncSettings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /**
   * Uses `settings` from now on: a running manager stops and starts again with them (the
   * replications resume from their checkpoints; pending uploads stay counted). Resolves once
   * it runs with them; the same settings again change nothing.
   */
  applySettings(settings: SyncSettings): Promise<void> {
    const run = async () => {
      if (this.applied && sameSyncSettings(this.applied, settings)) return;
      this.applied = { ...settings };
      this.lastDelay = undefined;
      for (const listener of this.settingsListeners) listener(this.applied);
      if (!this.running) return;
      await this.stop();
      await this.start();
    };
    this.restarting = this.restarting.then(run, run);
    return this.restarting;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const session = ++this.session;
    // Restored without a status of its own, before anything is published: the first status a
    // listener sees (pending below, or `syncing`) already says how stale the till is. A
    // document that cannot be read only costs the times, never the sync.
    const saved = await this.times.load().catch(() => noSyncTimes);
    // A stop() meanwhile already stopped the trackers: opening them now would leave their
    // local changes feeds running.
    if (session !== this.session) return;
    this.current = Object.freeze({ ...this.current, ...mergeSyncTimes(this.current, saved) });
    // The connect starts while the store's backlog is still being counted (a day offline: a
    // scan of thousands of local changes); the status waits for the count (update), and start()
    // resolves once it is done, or fails and stops as before when it cannot be.
    await this.tracker.open();
    if (session !== this.session) return;
    await this.customerTracker?.start();
    if (session === this.session) void this.connect(session);
    try {
      await this.tracker.whenCounted();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /**
   * New credentials: central's databases built again by the caller, the same ones (`customers`
   * only if the first remotes had it). A running manager stops and starts again with them, at
   * once, also when it was waiting after a refusal; checkpoints and pending carry over.
   */
  useRemote(remote: SyncManagerOptions['remote']): Promise<void> {
    const run = async () => {
      const running = this.running;
      if (running) await this.stop();
      this.remote = remote;
      cacheRemoteReads(remote);
      if (running) await this.start();
    };
    this.restarting = this.restarting.then(run, run);
    return this.restarting;
  }

  /** Cancels replications and timers; resolves when they have stopped (bounded wait). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.session++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awaitingCredentials = false;
    const settling = this.cancelAll();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([settling, new Promise((r) => (timeout = setTimeout(r, STOP_WAIT_MS)))]);
    clearTimeout(timeout);
    // What could not be saved is only counted again (too high) after a restart: reported, not fatal.
    const unsaved = (err: unknown) => console.warn('sync stop: the pending ledger or the refusals could not be saved', err);
    await this.tracker.stop().catch(unsaved);
    await this.customerTracker?.stop().catch(unsaved);
    await this.timesSaved;
    this.update({ state: 'offline', error: null });
  }

  /**
   * The host knows the network is gone (a browser's `offline` event): drop the replications
   * now instead of waiting for a long-poll to time out, and say so. Pending counting goes on.
   */
  connectionLost(): void {
    // Waiting for credentials, nothing runs to drop; the refusal stays what the till must show.
    if (this.awaitingCredentials) return;
    this.fail(this.session, Object.assign(new TypeError('network connection lost'), { code: 'ENETUNREACH' }));
  }

  /**
   * The network is back (a browser's `online` event): reconnect now, not after the back-off. A
   * till waiting for new credentials keeps waiting: the network did not change them.
   */
  connectionRestored(): void {
    if (!this.awaitingCredentials) this.retryNow();
  }

  /**
   * Reconnect now: instead of waiting out the back-off, or, after a refusal, because the
   * credentials were renewed where the remotes read them (a new session cookie after a login).
   * Does nothing while a connect runs or the replications are live.
   */
  retryNow(): void {
    if (!this.running || (this.timer === undefined && !this.awaitingCredentials)) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awaitingCredentials = false;
    void this.connect(this.session);
  }

  private async connect(session: number): Promise<void> {
    const { local } = this.opts;
    const remote = this.remote;
    // Checkpoints are asked of central again on every connect: it may have lost them meanwhile.
    for (const db of [remote.store, remote.catalog, remote.customers]) if (db) forgetCheckpoints(db);
    this.update({ state: 'syncing' });
    try {
      // (0) a first start: central's snapshots in bulk, replication then continues from them.
      if (this.opts.beforeSync) await this.opts.beforeSync(this.beforeSyncHooks);
      if (session !== this.session) throw SUPERSEDED;
      // A till with a history window pulls only it (history-window.ts), the same selector every time.
      const window = await readHistoryWindow(local.store);
      this.storePullSelector = window && windowSelector(window);
      // (1) money first: a short outage must not queue today's sales behind anything else.
      // The store's pull runs beside it (what central has, as it was before the push: not the
      // backlog read back), (2) then the rest of the store's documents go up: that push reads
      // its local changes beside the money push, and writes only once the money push is done.
      // Promise.all: a failure of any of them fails the connect at once. `from` is read first: a
      // failure to read it must come before anything runs that nothing would wait for.
      const from = await localSeq(local.store);
      const pull = this.run(session, this.wirePull(pullStoreOnce(local.store, remote.store, this.batch(), this.storePullSelector), session, 'store'));
      const money = this.run(session, this.wirePush(pushPriorityDocs(local.store, remote.store, this.batch(), this.opts.deviceId), session, 'money', undefined, this.tracker, from));
      const rest = this.run(session, this.wirePush(pushRestOnce(local.store, remote.store, money, this.batch(), this.opts.deviceId), session, 'rest', undefined, this.tracker, from));
      await Promise.all([pull, money, rest]);
      // (3) the catalog, then (3b) customers both ways.
      await this.pullCatalog(session);
      if (local.customers && remote.customers && this.customerTracker) {
        const customersFrom = await localSeq(local.customers);
        const customers = syncAllOnce(local.customers, remote.customers, this.batch());
        this.wirePush(customers.push, session, 'all', undefined, this.customerTracker, customersFrom);
        this.wirePull(customers.pull, session, 'customers');
        customers.on('error', () => undefined);
        await this.run(session, customers);
      }
    } catch (err) {
      if (err !== SUPERSEDED) this.fail(session, err);
      return;
    }
    const at = this.isoNow();
    Object.assign(this.idle, { money: true, push: true, pull: true, catalog: true, customers: true });
    this.lastDelay = undefined;
    this.update({ state: 'online', attempt: 0, error: null, lastPush: at, lastPull: at });
    this.goLive(session);
  }

  /** (4) at most three long-polls: the store sync's pull side, the catalog pull, customers
   * (the money push reads only the local changes feed). */
  private goLive(session: number): void {
    const { local } = this.opts;
    const remote = this.remote;
    const heartbeat = this.applied?.heartbeatMs ?? this.opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    const money = this.wirePush(pushPriorityLive(local.store, remote.store, heartbeat, this.batch(), this.opts.deviceId), session, 'money', 'money');
    money.on('error', (err) => this.fail(session, err));
    const live = syncStoreLive(local.store, remote.store, heartbeat, this.batch(), this.storePullSelector);
    this.wirePush(live.push, session, 'rest', 'push');
    this.wirePull(live.pull, session, 'store', 'pull');
    live.on('error', (err) => this.fail(session, err));
    const catalog = this.wirePull(pullCatalogLive(local.catalog, remote.catalog, heartbeat, this.batch()), session, 'catalog', 'catalog');
    catalog.on('error', (err) => this.fail(session, err));
    const reps: Cancellable[] = [money, live, catalog];
    if (local.customers && remote.customers && this.customerTracker) {
      const customers = syncAllLive(local.customers, remote.customers, heartbeat, this.batch());
      this.wirePush(customers.push, session, 'all', 'customers', this.customerTracker);
      this.wirePull(customers.pull, session, 'customers', 'customers');
      customers.on('error', (err) => this.fail(session, err));
      reps.push(customers);
    }
    for (const rep of reps) {
      this.active.add(rep);
      // A live replication only completes when cancelled (by us, which supersedes the
      // session first) or when its other half died; the latter is a failure to retry.
      Promise.resolve(rep).then(
        () => this.fail(session, new Error('live replication ended')),
        () => undefined,
      );
    }
  }

  private async pullCatalog(session: number): Promise<void> {
    const { local, onProgress } = this.opts;
    const remote = this.remote;
    let pulled = 0;
    let total = 0;
    if (onProgress) {
      const [r, l] = await Promise.all([remote.catalog.info(), local.catalog.info()]);
      total = Math.max(0, r.doc_count - l.doc_count);
      onProgress({ pulled, total });
    }
    const rep = this.wirePull(pullCatalogOnce(local.catalog, remote.catalog, this.batch()), session, 'catalog');
    if (onProgress) {
      rep.on('change', (info) => {
        pulled += info.docs?.length ?? 0;
        // CouchDB 2+ reports `pending`; otherwise the doc-count estimate, never below pulled.
        total = typeof info.pending === 'number' ? pulled + info.pending : Math.max(total, pulled);
        onProgress({ pulled, total });
      });
    }
    await this.run(session, rep);
    onProgress?.({ pulled, total: pulled });
  }

  /** `lane`: which push this is; its checkpoints confirm, with the other lanes' (pending-tracker).
   * `startSeq`, for a one-shot push: the local update_seq read before it started. A filtered
   * push reports as its last seq the last change *it carried* (PouchDB's local changes feed),
   * so a lane with nothing of its own after the other lane's documents — the store's rest lane
   * after a snapshot of sales — would never pass them. A one-shot push that completes (not
   * cancelled, not failed) has read the local feed to its end, so it has passed `startSeq`. */
  private wirePush(rep: Replication, session: number, lane: PushLane, live?: 'money' | 'push' | 'customers', tracker = this.tracker, startSeq?: number): Replication {
    rep.on('change', (info: ReplicationInfo) => {
      // Facts about central stay true whichever session saw them, so they are always kept.
      tracker.pushed(info.docs ?? []);
      if (info.last_seq !== undefined) tracker.confirmed(info.last_seq, lane);
      if (session === this.session) this.update({ lastPush: this.isoNow() });
    });
    // Also after a batch with nothing to write (everything already at central), which emits no `change`.
    rep.on('checkpoint', (info) => {
      if (info.checkpoint !== undefined) tracker.confirmed(info.checkpoint, lane);
    });
    rep.on('complete', (info: ReplicationInfo) => {
      if (info.last_seq !== undefined) tracker.confirmed(info.last_seq, lane);
      if (startSeq !== undefined && info.status === 'complete') tracker.confirmed(startSeq, lane);
    });
    rep.on('denied', (err: DeniedInfo) => this.onDenied(err, tracker));
    if (live) this.trackActivity(rep, session, live, 'lastPush');
    return rep;
  }

  private wirePull(rep: Replication, session: number, db: 'store' | 'catalog' | 'customers', live?: 'pull' | 'catalog' | 'customers'): Replication {
    rep.on('change', (info: ReplicationInfo) => {
      const docs = info.docs ?? [];
      if (db === 'store') this.tracker.pulled(docs);
      if (db === 'customers') this.customerTracker?.pulled(docs);
      for (const doc of docs) {
        const stamp = observedStamp(doc);
        // A clock that cannot follow a remote stamp keeps its own time: it stays monotonic either way.
        // The clock skips a stamp it must not follow; anything else is a fault worth seeing.
        if (stamp !== undefined) Promise.resolve(this.opts.clock?.observe(stamp)).catch((err: unknown) => console.warn('the clock could not observe a pulled stamp', err));
      }
      if (session === this.session) this.update({ lastPull: this.isoNow() });
    });
    if (live) this.trackActivity(rep, session, live, 'lastPull');
    return rep;
  }

  private trackActivity(rep: Replication, session: number, key: keyof SyncManager['idle'], stamp: 'lastPush' | 'lastPull'): void {
    rep.on('active', () => {
      if (session !== this.session) return;
      this.idle[key] = false;
      this.update({ state: 'syncing' });
    });
    rep.on('paused', () => {
      if (session !== this.session) return;
      this.idle[key] = true;
      const allIdle = Object.values(this.idle).every(Boolean);
      this.update({ [stamp]: this.isoNow(), ...(allIdle ? { state: 'online' as const } : {}) });
    });
  }

  private onDenied(err: DeniedInfo, tracker: PendingTracker): void {
    if (err.id === undefined || err.rev === undefined) {
      // Without the revision the refusal cannot be kept apart; the document stays pending.
      console.warn('central refused a document the replication did not name', err);
      return;
    }
    tracker.denied({ id: err.id, rev: err.rev, reason: err.reason ?? err.message ?? 'forbidden', at: this.isoNow() });
  }

  /** Cancel everything, report why, and come back after a jittered back-off, or, refused, wait for new credentials. */
  private fail(session: number, err: unknown): void {
    if (!this.running || session !== this.session) return;
    const next = ++this.session;
    void this.cancelAll();
    const failure = classifySyncError(err);
    const attempt = this.current.attempt + 1;
    const plan = retryPlan(failure, attempt, { ...this.backoff(), previousMs: this.lastDelay }, this.opts.random);
    this.update({ state: failure.state, error: { code: failure.code, message: failure.message }, attempt });
    if (plan.kind === 'await-credentials') {
      this.awaitingCredentials = true;
      return;
    }
    this.lastDelay = plan.delayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running && next === this.session) void this.connect(next);
    }, plan.delayMs);
  }

  private async run(session: number, rep: Cancellable): Promise<void> {
    if (session !== this.session) throw SUPERSEDED;
    this.active.add(rep);
    try {
      await rep;
    } finally {
      this.active.delete(rep);
    }
    if (session !== this.session) throw SUPERSEDED;
  }

  private cancelAll(): Promise<unknown> {
    const reps = [...this.active];
    this.active.clear();
    for (const rep of reps) rep.cancel();
    return Promise.allSettled(reps.map((rep) => Promise.resolve(rep)));
  }

  /** Replication batches: settings:sync's once applied, else replication-phases' defaults. */
  private batch(): BatchOptions | undefined {
    const s = this.applied;
    return s && { batch_size: s.batchSize, batches_limit: s.batchesLimit };
  }

  private backoff(): BackoffOptions {
    const s = this.applied;
    return s ? { ...this.opts.backoff, baseMs: s.retryMinMs, maxMs: s.retryMaxMs } : { ...this.opts.backoff };
  }

  private isoNow(): string {
    return new Date((this.opts.now ?? Date.now)()).toISOString();
  }

  private update(patch: Partial<SyncStatus>): void {
    // Nothing is published while the backlog is counted: a status would say too few pending.
    if (!this.tracker.counted) {
      this.held = { ...this.held, ...patch };
      return;
    }
    if (this.held) {
      patch = { ...this.held, ...patch };
      this.held = undefined;
    }
    const previous = this.current;
    // Times only move forward, in the status as in what is saved (see sync-times).
    const next = { ...previous, ...patch, ...mergeSyncTimes(previous, patch) };
    const keys = Object.keys(patch) as (keyof SyncStatus)[];
    if (keys.every((k) => JSON.stringify(next[k]) === JSON.stringify(previous[k]))) return;
    this.current = Object.freeze(next);
    if (!sameSyncTimes(previous, next)) {
      this.timesSaved = this.times.save({ lastPush: next.lastPush, lastPull: next.lastPull })
        .catch((err: unknown) => console.warn('could not save the last sync times', err));
    }
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch {
        // A broken status listener (UI) must not break sync.
      }
    }
  }
}

/** Every replication asks the remote's id, and its checkpoint before it starts and before each
 * write: central's uuid is read once per remote (server-id-cache), a checkpoint once per remote
 * (checkpoint-cache), then known from what was read or written. */
function cacheRemoteReads(remote: SyncManagerOptions['remote']): void {
  for (const db of [remote.store, remote.catalog, remote.customers]) if (db) cacheCheckpoints(cacheServerId(db));
}
