// The revisions central refused one by one (validate_doc_update `forbidden`, a replication
// `denied` event), pure. A refused revision stays on the till and needs attention: it is neither
// pending upload nor done. It leaves the book once it is no longer a leaf of the local document
// (corrected or deleted here) and central has a later revision of that document (a higher
// generation: the correction arrived). While it is still a leaf it stands, whatever central
// holds on another branch: the till still keeps a write central does not have.
// The same revision refused again (the priority push re-sends it on every reconnect) is one entry.

export interface Refusal {
  readonly id: string;
  readonly rev: string;
  readonly reason: string;
  /** ISO time central first refused this revision. */
  readonly at: string;
}

/** A revision's generation: the number before the dash (CouchDB `N-hash`). */
export function revGeneration(rev: string): number {
  const n = Number.parseInt(rev, 10);
  return Number.isFinite(n) ? n : 0;
}

interface Entry {
  refusal: Refusal;
  /** Still a leaf of the local document, as far as the till has seen. */
  leaf: boolean;
}

export class RefusedRevisions {
  /** id → rev → entry, in first-refused order. */
  private readonly byId = new Map<string, Map<string, Entry>>();
  /** The highest generation central is known to have, for documents with refusals. */
  private readonly centralGen = new Map<string, number>();

  constructor(refusals: readonly Refusal[] = []) {
    for (const r of refusals) this.add(r);
  }

  /** Records a refusal; returns false when this revision was already recorded. */
  add(refusal: Refusal, known: { leaf?: boolean; centralGen?: number } = {}): boolean {
    const revs = this.byId.get(refusal.id) ?? new Map<string, Entry>();
    if (revs.has(refusal.rev)) return false;
    revs.set(refusal.rev, { refusal, leaf: known.leaf ?? true });
    this.byId.set(refusal.id, revs);
    this.centralGen.set(refusal.id, Math.max(this.centralGen.get(refusal.id) ?? 0, known.centralGen ?? 0));
    this.settle(refusal.id);
    return this.has(refusal.id, refusal.rev);
  }

  has(id: string, rev: string): boolean {
    return this.byId.get(id)?.has(rev) === true;
  }

  /** The document's leaves now (a local change). Returns whether a refusal left the book. */
  localLeaves(id: string, leaves: readonly string[]): boolean {
    const revs = this.byId.get(id);
    if (!revs) return false;
    for (const [rev, entry] of revs) entry.leaf = leaves.includes(rev);
    return this.settle(id);
  }

  /** Central has `rev` of `id`. Returns whether a refusal left the book. */
  reachedCentral(id: string, rev: string): boolean {
    if (!this.byId.has(id)) return false;
    this.centralGen.set(id, Math.max(this.centralGen.get(id) ?? 0, revGeneration(rev)));
    return this.settle(id);
  }

  /** One entry per document: its latest refused revision (highest generation), dated when the document was first refused. */
  perDocument(): Refusal[] {
    return [...this.byId.values()].map((revs) => {
      const list = [...revs.values()].map((e) => e.refusal);
      const latest = list.reduce((a, b) => (revGeneration(b.rev) > revGeneration(a.rev) ? b : a));
      return { ...latest, at: list[0]!.at };
    });
  }

  /** Every standing refused revision (what is persisted). */
  all(): Refusal[] {
    return [...this.byId.values()].flatMap((revs) => [...revs.values()].map((e) => e.refusal));
  }

  private settle(id: string): boolean {
    const revs = this.byId.get(id);
    if (!revs) return false;
    const central = this.centralGen.get(id) ?? 0;
    let changed = false;
    for (const [rev, entry] of [...revs]) {
      if (!entry.leaf && central > revGeneration(rev)) changed = revs.delete(rev) || changed;
    }
    if (revs.size === 0) {
      this.byId.delete(id);
      this.centralGen.delete(id);
    }
    return changed;
  }
}
