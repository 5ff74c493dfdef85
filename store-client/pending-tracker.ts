// The I/O shell around PendingLedger: loads `_local/sync-state` and `_local/refused-docs`, scans
// the database's changes since the confirmed seq (every leaf: `style: 'all_docs'`), then follows
// its live changes feed from exactly where the scan ended (no gap, no double count), and saves
// the ledger and the refusals when what they must remember moves. A database pushed in lanes
// (the store's money push and the push of the rest, replication-phases) has a local seq
// confirmed only once every lane's checkpoint has passed it.

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

  async start(): Promise<void> {
    const snapshot = await this.store.load();
    const refused = migrateDenied(snapshot, await this.refusals.load(), new Date().toISOString());
    this.ledger = new PendingLedger(snapshot, refused);
    if (snapshot?.denied && Object.keys(snapshot.denied).length > 0) this.changed(true, true);
    const scan = await this.db.changes({ since: this.ledger.confirmedSeq, style: 'all_docs', return_docs: true });
    for (const row of scan.results as ChangeRow[]) {
      const change = toLocalChange(row);
      if (change) this.ledger.applyLocalChange(change);
    }
    const feed = this.db.changes({ live: true, since: scan.last_seq, style: 'all_docs' });
    feed.on('change', (row: ChangeRow) => {
      const change = toLocalChange(row);
      if (!change) return;
      this.ledger.applyLocalChange(change);
      this.onChange();
    });
    // A feed error (database closed under us) freezes the count, which can then only be too high.
    feed.on('error', (err: unknown) => console.warn('pending count: the local changes feed stopped', err));
    this.feed = feed;
    this.onChange();
  }

  async stop(): Promise<void> {
    this.feed?.cancel();
    this.feed = undefined;
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
    if (ledger) this.store.save().catch((err: unknown) => console.warn('pending count: could not save _local/sync-state', err));
    if (refusals) this.refusals.save().catch((err: unknown) => console.warn('could not save _local/refused-docs', err));
  }
}
