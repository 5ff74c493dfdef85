// Counts "pending uploads": documents written on this till and not yet confirmed at central.
// No I/O: the SyncManager feeds it the local changes feed and the push/pull events.
//
// Rules (PouchDB 9 `pouchdb-replication`, replicate.js):
// - a push `change` event fires in finishBatch after the batch's `bulkDocs` to the target has
//   returned, with `last_seq` = the source seq of the last change in that batch; every change
//   up to it was written to central, was already there (revs_diff), or was refused one by one
//   (`denied`). Same for `complete`'s `last_seq`. So every local change at seq <= confirmedSeq
//   is settled (only for an unfiltered push: a filtered one skips other documents).
// - a change above confirmedSeq is pending unless its winning revision is one we pulled from
//   central (the push side sees it in the local feed but has nothing to send, so it emits no
//   `change` and confirmedSeq may not move), one a filtered push already sent, one central
//   refused (reported separately), a design document, or this till's own `store-status`
//   document (rewritten on every status change: counting it would keep pending above 0, and
//   the status it carries is the status of the other uploads).
// Errors lean one way: a lost event or an unsaved ledger can only over-count, never hide a
// document central does not have.

export interface LocalChange {
  id: string;
  seq: number;
  rev: string;
}

export interface LedgerSnapshot {
  confirmedSeq: number;
  /** Every revision of a document pulled since the mark (a resolution arrives as a merged
   * winner plus tombstones on the other leaves, so one document brings several). */
  pulled: Record<string, string | string[]>;
  pushed: Record<string, string>;
  denied: Record<string, string>;
}

/** Ids that never count as pending uploads. */
const NOT_UPLOADS = ['_design/', 'store-status:'];

interface Row {
  rev: string;
  seq: number;
}

export class PendingLedger {
  private confirmed: number;
  private readonly pulled: Map<string, Set<string>>;
  private readonly pushed: Map<string, string>;
  private readonly denied: Map<string, string>;
  /** Latest local change of each document above confirmedSeq. */
  private readonly rows = new Map<string, Row>();

  constructor(snapshot?: Partial<LedgerSnapshot>) {
    this.confirmed = snapshot?.confirmedSeq ?? 0;
    this.pulled = new Map(Object.entries(snapshot?.pulled ?? {}).map(([id, revs]) => [id, new Set(Array.isArray(revs) ? revs : [revs])]));
    this.pushed = new Map(Object.entries(snapshot?.pushed ?? {}));
    this.denied = new Map(Object.entries(snapshot?.denied ?? {}));
  }

  get confirmedSeq(): number {
    return this.confirmed;
  }

  get pending(): number {
    let n = 0;
    for (const [id, row] of this.rows) if (!this.settled(id, row.rev)) n++;
    return n;
  }

  /** Ids still waiting for central, for diagnostics and tests. */
  pendingIds(): string[] {
    return [...this.rows].filter(([id, row]) => !this.settled(id, row.rev)).map(([id]) => id);
  }

  applyLocalChange(change: LocalChange): void {
    if (NOT_UPLOADS.some((prefix) => change.id.startsWith(prefix)) || change.seq <= this.confirmed) return;
    const known = this.rows.get(change.id);
    if (known && known.seq >= change.seq) return;
    this.rows.set(change.id, { rev: change.rev, seq: change.seq });
  }

  markPulled(id: string, rev: string): void {
    const revs = this.pulled.get(id) ?? new Set<string>();
    revs.add(rev);
    this.pulled.set(id, revs);
  }

  markPushed(id: string, rev: string): void {
    this.pushed.set(id, rev);
  }

  markDenied(id: string, rev: string): void {
    this.denied.set(id, rev);
  }

  /** Everything up to `seq` is at central; returns whether that moved the mark. */
  confirmUpTo(seq: number): boolean {
    if (!(seq > this.confirmed)) return false;
    this.confirmed = seq;
    for (const [id, row] of this.rows) {
      if (row.seq > seq) continue;
      this.rows.delete(id);
      // The revision is behind the mark now; its exclusion entries have done their job.
      this.pulled.delete(id);
      for (const map of [this.pushed, this.denied]) if (map.get(id) === row.rev) map.delete(id);
    }
    return true;
  }

  snapshot(): LedgerSnapshot {
    return {
      confirmedSeq: this.confirmed,
      pulled: Object.fromEntries([...this.pulled].map(([id, revs]) => [id, [...revs]])),
      pushed: Object.fromEntries(this.pushed),
      denied: Object.fromEntries(this.denied),
    };
  }

  private settled(id: string, rev: string): boolean {
    return this.pulled.get(id)?.has(rev) === true || this.pushed.get(id) === rev || this.denied.get(id) === rev;
  }
}
