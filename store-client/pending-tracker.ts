// The I/O shell around PendingLedger: loads `_local/sync-state` and `_local/refused-docs`, scans
// the database's changes since the confirmed seq (every leaf: `style: 'all_docs'`), then follows
// its live changes feed from exactly where the scan ended (no gap, no double count), and saves
// the ledger (at most every LEDGER_SAVE_MS) and the refusals when what they must remember moves.
// The count runs while a reconnect starts: the SyncManager publishes no status until it is done.
// A database pushed in lanes (the store's money push and the push of the rest,
// replication-phases) has a local seq confirmed only once every lane's checkpoint has passed it.

import { PendingLedger, type LedgerSnapshot, type LocalChange } from './pending-ledger.js';
import { createRefusedDocsStore, type RefusedDocsStore } from './refused-docs-store.js';
import type { Refusal } from './refused-revisions.js';
import { createSyncStateStore, type SyncStateStore } from './sync-state-store.js';
import type { RefusedDoc } from './sync-status.js';
import type { Db } from './pouch-types.js';
import type { PushLane } from './replication-phases.js';

interface ChangeRow {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
}

/** The longest a changed ledger waits to be saved (saveLedgerSoon). */
const LEDGER_SAVE_MS = 250;

function toLocalChange(row: ChangeRow): LocalChange | undefined {
  const revs = row.changes.map((c) => c.rev);
  return revs.length === 0 ? undefined : { id: row.id, seq: Number(row.seq), revs };
}

/** Refusals an older version kept as bare `id → rev` in the ledger: shown from now on. */
function migrateDenied(snapshot: Partial<LedgerSnapshot> | undefined, known: Refusal[], at: string): Refusal[] {
  const legacy = Object.entries(snapshot?.denied ?? {}).filter(([id, rev]) => !known.some((r) => r.id === id && r.rev === rev));
  return [...known, ...legacy.map(([id, rev]) => ({ id, rev, reason: 'forbidden', at }))];
}

export class PendingTracker {
  private ledger = new PendingLedger();
  private readonly store: SyncStateStore;
  private readonly refusals: RefusedDocsStore;
  private feed: { cancel(): void } | undefined;
  /** The highest local seq each lane's push has passed, as reported since this process started. */
  private readonly passed = new Map<PushLane, number>();
  /** The scan of open(); resolved when there is none. */
  private counting: Promise<void> = Promise.resolve();
  private isCounted = false;
  private countFailure: unknown;
  private stopped = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Db,
    private readonly dbName: RefusedDoc['db'],
    private readonly onChange: () => void,
    private readonly lanes: readonly PushLane[] = ['all'],
  ) {
    this.store = createSyncStateStore(db, () => this.ledger.snapshot());
    this.refusals = createRefusedDocsStore(db, () => this.ledger.refusedRevisions());
  }

  get pending(): number {
    return this.ledger.pending;
  }

  get confirmedSeq(): number {
    return this.ledger.confirmedSeq;
  }

  pendingIds(): string[] {
    return this.ledger.pendingIds();
  }

  /** Standing refusals, one per document, oldest first. */
  get refused(): RefusedDoc[] {
    return this.ledger.refused().map((r) => ({ db: this.dbName, ...r }));
  }

  /** Loads the ledger, counts what is pending and follows the database: open(), then the count. */
  async start(): Promise<void> {
    await this.open();
    await this.whenCounted();
  }

  /**
   * Loads the ledger and starts counting (the scan of the changes since the confirmed seq, then
   * the live feed); resolves before the count is done, so that a reconnect's first requests do
   * not wait for a scan of the whole backlog. Pushes may report meanwhile (the ledger takes
   * events in any order); `counted` says when `pending` is the count, and onChange is called then.
   */
  async open(): Promise<void> {
    this.stopped = false;
    this.isCounted = false;
    this.countFailure = undefined;
    const snapshot = await this.store.load();
    const refused = migrateDenied(snapshot, await this.refusals.load(), new Date().toISOString());
    this.ledger = new PendingLedger(snapshot, refused);
    if (snapshot?.denied && Object.keys(snapshot.denied).length > 0) this.changed(true, true);
    this.counting = this.count();
  }

  /** Whether the scan is done: until then `pending` counts only part of the backlog. */
  get counted(): boolean {
    return this.isCounted;
  }

  /** Resolves when the scan of open() is done; rejects when it failed. */
  async whenCounted(): Promise<void> {
    await this.counting;
    if (this.countFailure !== undefined) throw this.countFailure;
  }

  /** Never rejects (nothing may be waiting yet): a failure is kept for whenCounted(). */
  private async count(): Promise<void> {
    try {
      await this.scan();
    } catch (err) {
      this.countFailure = err;
    }
  }

  private async scan(): Promise<void> {
    const ledger = this.ledger;
    const scan = await this.db.changes({ since: ledger.confirmedSeq, style: 'all_docs', return_docs: true });
    for (const row of scan.results as ChangeRow[]) {
      const change = toLocalChange(row);
      if (change) ledger.applyLocalChange(change);
    }
    if (!this.stopped) this.follow(ledger, scan.last_seq);
    this.isCounted = true;
    this.onChange();
  }

  private follow(ledger: PendingLedger, since: number | string): void {
    const feed = this.db.changes({ live: true, since, style: 'all_docs' });
    feed.on('change', (row: ChangeRow) => {
      const change = toLocalChange(row);
      if (!change) return;
      ledger.applyLocalChange(change);
      this.onChange();
    });
    // A feed error (database closed under us) freezes the count, which can then only be too high.
    feed.on('error', (err: unknown) => console.warn('pending count: the local changes feed stopped', err));
    this.feed = feed;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // A scan still running ends first (it then follows nothing): the ledger saved is the whole one.
    await this.counting;
    this.feed?.cancel();
    this.feed = undefined;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await Promise.all([this.store.save(), this.refusals.save()]);
  }

  /** A push wrote these revisions to central (a push `change` event's `docs`). */
  pushed(docs: { _id: string; _rev: string }[]): void {
    let settled = false;
    for (const d of docs) settled = this.ledger.markPushed(d._id, d._rev) || settled;
    this.changed(docs.length > 0, settled);
  }

  /** `lane`'s push has passed this local seq (its checkpoint or `complete`): what it carries up
   * to there is at central or refused. Once every lane has, so is everything up to the lowest. */
  confirmed(upToSeq: number | string, lane: PushLane = 'all'): void {
    if (!this.lanes.includes(lane)) throw new Error(`pending count: no push lane ${lane} on ${this.dbName}`);
    this.passed.set(lane, Math.max(this.passed.get(lane) ?? 0, Number(upToSeq)));
    const upTo = Math.min(...this.lanes.map((l) => this.passed.get(l) ?? 0));
    const before = this.ledger.refusedRevisions().length;
    const moved = this.ledger.confirmUpTo(upTo);
    this.changed(moved, this.ledger.refusedRevisions().length !== before);
  }

  pulled(docs: { _id: string; _rev: string }[]): void {
    let settled = false;
    for (const d of docs) settled = this.ledger.markPulled(d._id, d._rev) || settled;
    this.changed(docs.length > 0, settled);
  }

  /**
   * These revisions were written here from central's snapshot: known there, like pulled ones.
   * Not saved for this alone: the ledger would be rewritten, whole, after every page of a first
   * start; unsaved, a restart in the middle can only count them again until the next push
   * passes them (the safe direction).
   */
  delivered(docs: readonly { _id: string; _rev: string }[]): void {
    for (const d of docs) this.ledger.markPulled(d._id, d._rev);
    if (docs.length > 0) this.onChange();
  }

  /** Central refused this revision: it stays here, needs attention, and no longer counts as pending. */
  denied(refusal: Refusal): void {
    this.changed(false, this.ledger.markRefused(refusal));
  }

  private changed(ledger: boolean, refusals: boolean): void {
    this.onChange();
    if (ledger) this.saveLedgerSoon();
    if (refusals) this.refusals.save().catch((err: unknown) => console.warn('could not save _local/refused-docs', err));
  }

  /**
   * Saves the ledger at most once per LEDGER_SAVE_MS: a backlog's push reports a batch every
   * ~100 ms, and each save writes the whole ledger (the pushed revisions grow to the backlog's
   * size until the checkpoints pass them), so saving after every batch cost the reconnect time
   * squared, on the path between a batch's write and its checkpoint. A save lost to a crash in
   * between only over-counts until the next push passes those documents (pending-ledger).
   */
  private saveLedgerSoon(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.store.save().catch((err: unknown) => console.warn('pending count: could not save _local/sync-state', err));
    }, LEDGER_SAVE_MS);
  }
}
