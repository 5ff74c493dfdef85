// The I/O shell around PendingLedger: loads `_local/sync-state`, scans the store database's
// changes since the confirmed seq, then follows its live changes feed from exactly where the
// scan ended (no gap, no double count), and saves the ledger when what it must remember moves.

import { PendingLedger, type LocalChange } from './pending-ledger.js';
import { createSyncStateStore, type SyncStateStore } from './sync-state-store.js';
import type { Db } from './pouch-types.js';

interface ChangeRow {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
}

function toLocalChange(row: ChangeRow): LocalChange | undefined {
  const rev = row.changes[0]?.rev;
  return rev === undefined ? undefined : { id: row.id, seq: Number(row.seq), rev };
}

export class PendingTracker {
  private ledger = new PendingLedger();
  private readonly store: SyncStateStore;
  private feed: { cancel(): void } | undefined;

  constructor(
    private readonly db: Db,
    private readonly onChange: (pending: number) => void,
  ) {
    this.store = createSyncStateStore(db, () => this.ledger.snapshot());
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

  async start(): Promise<void> {
    this.ledger = new PendingLedger(await this.store.load());
    const scan = await this.db.changes({ since: this.ledger.confirmedSeq, return_docs: true });
    for (const row of scan.results as ChangeRow[]) {
      const change = toLocalChange(row);
      if (change) this.ledger.applyLocalChange(change);
    }
    const feed = this.db.changes({ live: true, since: scan.last_seq });
    feed.on('change', (row: ChangeRow) => {
      const change = toLocalChange(row);
      if (!change) return;
      this.ledger.applyLocalChange(change);
      this.onChange(this.ledger.pending);
    });
    // A feed error (database closed under us) only freezes the count; sync goes on.
    feed.on('error', () => undefined);
    this.feed = feed;
    this.onChange(this.ledger.pending);
  }

  async stop(): Promise<void> {
    this.feed?.cancel();
    this.feed = undefined;
    await this.store.save();
  }

  /** A push wrote these revisions to central (from a push `change` event's `docs`). */
  pushed(docs: { _id: string; _rev: string }[], upToSeq?: number | string): void {
    for (const d of docs) this.ledger.markPushed(d._id, d._rev);
    if (upToSeq !== undefined) this.ledger.confirmUpTo(Number(upToSeq));
    this.changed(docs.length > 0 || upToSeq !== undefined);
  }

  /** Everything up to this local seq is at central (an unfiltered push's `complete`). */
  confirmed(upToSeq: number | string): void {
    this.changed(this.ledger.confirmUpTo(Number(upToSeq)));
  }

  pulled(docs: { _id: string; _rev: string }[]): void {
    for (const d of docs) this.ledger.markPulled(d._id, d._rev);
    this.changed(docs.length > 0);
  }

  /** Central refused this document: it will never upload, so it stops counting as pending. */
  async denied(id: string): Promise<void> {
    const doc = await this.db.get(id);
    this.ledger.markDenied(id, doc._rev);
    this.changed(true);
  }

  private changed(persist: boolean): void {
    this.onChange(this.ledger.pending);
    if (persist) this.store.save().catch(() => undefined);
  }
}
