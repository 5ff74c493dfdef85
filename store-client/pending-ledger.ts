// Counts "pending uploads": documents with a revision written on this till that central does
// not have yet, and keeps apart the revisions central refused (refused-revisions): those need
// attention and are neither pending nor done. No I/O: the PendingTracker feeds it the local
// changes feed (every leaf of a changed document, `style: 'all_docs'`) and the push/pull events.
//
// Rules (PouchDB 9 `pouchdb-replication`, replicate.js):
// - a push reads the local changes feed with `style: 'all_docs'`, asks central which leaves it
//   lacks (revs_diff), writes them, and after each batch writes its checkpoint and emits
//   `checkpoint` with the batch's last source seq (also for a batch with nothing to write; the
//   `change` event only fires when something was written). So every leaf of every local change
//   at seq <= confirmedSeq is at central, or was refused one by one (`denied`, emitted before
//   the checkpoint). A filtered push skips other documents, so it confirms only together with
//   the pushes that carry the rest (the PendingTracker's lanes).
// - a change above confirmedSeq is pending while one of its leaves is not known to be at
//   central: pulled from it, written by a push (`change` docs), or refused. Every leaf, not only
//   the winner: a local leaf that lost to a pulled revision is still a local write central lacks.
// - design documents and this till's own `store-status` document (rewritten on every status
//   change; the status it carries is the status of the other uploads) never count.
// Errors lean one way: a lost event or an unsaved ledger can only over-count (until the next
// push passes the document), never hide a revision central does not have.

import { RefusedRevisions, revGeneration, type Refusal } from './refused-revisions.js';

export interface LocalChange {
  id: string;
  seq: number;
  /** Every leaf of the document at this seq (conflicts and deleted leaves included). */
  revs: readonly string[];
}

export interface LedgerSnapshot {
  confirmedSeq: number;
  /** Revisions pulled from central since the mark (a resolution arrives as a merged winner
   * plus tombstones on the other leaves, so one document brings several). */
  pulled: Record<string, string | string[]>;
  pushed: Record<string, string | string[]>;
  /** Written by older versions (refusals now live in `_local/refused-docs`); read once to migrate. */
  denied?: Record<string, string>;
}

/** Ids that never count as pending uploads. */
const NOT_UPLOADS = ['_design/', 'store-status:'];

interface Row {
  revs: readonly string[];
  seq: number;
}

type RevSets = Map<string, Set<string>>;

const toSets = (record: Record<string, string | string[]> | undefined): RevSets =>
  new Map(Object.entries(record ?? {}).map(([id, revs]) => [id, new Set(Array.isArray(revs) ? revs : [revs])]));
const fromSets = (sets: RevSets): Record<string, string[]> => Object.fromEntries([...sets].map(([id, revs]) => [id, [...revs]]));

function add(sets: RevSets, id: string, rev: string): void {
  const revs = sets.get(id) ?? new Set<string>();
  revs.add(rev);
  sets.set(id, revs);
}

export class PendingLedger {
  private confirmed: number;
  private readonly pulled: RevSets;
  private readonly pushed: RevSets;
  private readonly refusedRevs: RefusedRevisions;
  /** Latest local change of each document above confirmedSeq. */
  private readonly rows = new Map<string, Row>();
  /** The rows with a leaf not known at central, kept up to date one document at a time: the
   * count is read on every status update (on every local change while a snapshot or a backlog
   * is written), and rescanning every row for it made those cost their size squared. Each
   * method that changes what is known of a document re-checks that document only (refresh). */
  private readonly waiting = new Set<string>();
  /** pendingIds() in row order, until the next change. */
  private pendingCache: string[] | undefined;

  constructor(snapshot?: Partial<LedgerSnapshot>, refused: readonly Refusal[] = []) {
    this.confirmed = snapshot?.confirmedSeq ?? 0;
    this.pulled = toSets(snapshot?.pulled);
    this.pushed = toSets(snapshot?.pushed);
    this.refusedRevs = new RefusedRevisions(refused);
  }

  get confirmedSeq(): number {
    return this.confirmed;
  }

  get pending(): number {
    return this.waiting.size;
  }

  /** Ids still waiting for central. */
  pendingIds(): string[] {
    return [...this.stillPending()];
  }

  /** Refusals still standing, one per document, oldest first. */
  refused(): Refusal[] {
    return this.refusedRevs.perDocument();
  }

  /** Every standing refused revision, to persist and restore with the constructor. */
  refusedRevisions(): Refusal[] {
    return this.refusedRevs.all();
  }

  applyLocalChange(change: LocalChange): void {
    if (NOT_UPLOADS.some((prefix) => change.id.startsWith(prefix))) return;
    // Read after the pushes confirmed past it (the tracker counts while a reconnect pushes):
    // settled as confirmUpTo settles a row.
    if (change.seq <= this.confirmed) {
      this.settle(change.id, change);
      return;
    }
    const known = this.rows.get(change.id);
    if (known && known.seq >= change.seq) return;
    this.rows.set(change.id, { revs: [...change.revs], seq: change.seq });
    this.refusedRevs.localLeaves(change.id, change.revs);
    this.refresh(change.id);
  }

  /** Central sent this revision. Returns whether that settled a refusal. */
  markPulled(id: string, rev: string): boolean {
    add(this.pulled, id, rev);
    const settled = this.refusedRevs.reachedCentral(id, rev);
    this.refresh(id);
    return settled;
  }

  /** A push wrote this revision to central. Returns whether that settled a refusal. */
  markPushed(id: string, rev: string): boolean {
    add(this.pushed, id, rev);
    const settled = this.refusedRevs.reachedCentral(id, rev);
    this.refresh(id);
    return settled;
  }

  /** Central refused this revision (the one in the `denied` event, not the current one).
   * Returns false when it was already recorded (the same revision sent again). */
  markRefused(refusal: Refusal): boolean {
    const row = this.rows.get(refusal.id);
    const atCentral = [this.pulled, this.pushed].flatMap((sets) => [...(sets.get(refusal.id) ?? [])]);
    const added = this.refusedRevs.add(refusal, {
      leaf: row === undefined || row.revs.includes(refusal.rev),
      centralGen: Math.max(0, ...atCentral.map(revGeneration)),
    });
    this.refresh(refusal.id);
    return added;
  }

  /** Everything up to `seq` is at central or refused; returns whether that moved the mark. */
  confirmUpTo(seq: number): boolean {
    if (!(seq > this.confirmed)) return false;
    this.pendingCache = undefined;
    this.confirmed = seq;
    for (const [id, row] of this.rows) {
      if (row.seq > seq) continue;
      this.rows.delete(id);
      this.waiting.delete(id);
      this.settle(id, row);
    }
    return true;
  }

  /** A local change at or behind the mark: its revisions are at central or refused. */
  private settle(id: string, row: { revs: readonly string[] }): void {
    const atCentral = row.revs.filter((rev) => !this.refusedRevs.has(id, rev));
    for (const rev of atCentral) this.refusedRevs.reachedCentral(id, rev);
    // Behind the mark now: what the exclusions said of these revisions (and older ones) is
    // settled. A later revision not seen locally yet is kept.
    const newest = Math.max(...row.revs.map(revGeneration));
    for (const sets of [this.pulled, this.pushed]) forgetUpTo(sets, id, newest);
  }

  snapshot(): LedgerSnapshot {
    return { confirmedSeq: this.confirmed, pulled: fromSets(this.pulled), pushed: fromSets(this.pushed) };
  }

  private stillPending(): readonly string[] {
    this.pendingCache ??= [...this.rows.keys()].filter((id) => this.waiting.has(id));
    return this.pendingCache;
  }

  /** Re-checks one document after something known of it changed. */
  private refresh(id: string): void {
    this.pendingCache = undefined;
    const row = this.rows.get(id);
    if (row && row.revs.some((rev) => !this.settled(id, rev))) this.waiting.add(id);
    else this.waiting.delete(id);
  }

  private settled(id: string, rev: string): boolean {
    return this.pulled.get(id)?.has(rev) === true || this.pushed.get(id)?.has(rev) === true || this.refusedRevs.has(id, rev);
  }
}

function forgetUpTo(sets: RevSets, id: string, generation: number): void {
  const revs = sets.get(id);
  if (!revs) return;
  for (const rev of [...revs]) if (revGeneration(rev) <= generation) revs.delete(rev);
  if (revs.size === 0) sets.delete(id);
}
