// Keeps an in-memory index of a local database: every document read once, then each change
// applied as it happens (the changes feed with its documents, from the sequence the first
// read started at, so nothing falls in between), and `settle` run once things go quiet. A
// replication batch of 500 documents costs 500 cheap `apply` calls and one `settle`, not 500
// re-reads of the whole database (which, on 20,000 products, slowed the first catalog pull).
// While a snapshot loads (handOff, snapshot/page-sink.ts) the feed stops and the pages come
// straight from the load instead of back out of IndexedDB; after it, one read of every winner's
// revision finds whatever differs (something else wrote meanwhile) and the feed reads on.
// Longer than most: one stateful follower whose first read, feed and hand-off one queue orders.
import type { Db } from '../../browser.js';
import type { SnapshotPageSink } from '../../snapshot/page-sink.js';
import type { SnapshotDoc } from '../../snapshot/snapshot-lines.js';
import { splitHandedPage, staleAfterHandOff } from './handed-page.js';

const SETTLE_MS = 300;
/** The quiet wait is at least this many times what the last `settle` took (see below). */
const SETTLE_COST_FACTOR = 20;

export interface Followed {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
}

type Seq = number | string;
interface Change { id: string; seq: Seq; deleted?: boolean; doc?: Followed }

export class DocFollower {
  /** Every live document applied: id → the revision shown. */
  private readonly shown = new Map<string, string>();
  /** Every id applied or handed, live or not (handed-page.ts). */
  private readonly seen = new Set<string>();
  /** The feed reads on from here: every change up to it is applied. */
  private since: Seq = 0;
  private feed: { cancel(): void } | undefined;
  private started = false;
  private paused = false;
  private stopped = false;
  /** Reads and hand-offs one after another: a page never overtakes the read before it. */
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private quietMs: number;

  constructor(private readonly db: Db, private readonly apply: (doc: Followed) => void, private readonly settle: () => void, private readonly settleMs = SETTLE_MS) {
    this.quietMs = settleMs;
  }

  /** Reads every document, then follows the changes (unless a hand-off holds the feed). */
  start(): Promise<void> {
    return this.enqueue(async () => {
      this.since = (await this.db.info()).update_seq;
      const res = await this.db.allDocs({ include_docs: true });
      for (const row of res.rows) if (row.doc) this.applyDoc(row.doc as Followed);
      this.started = true;
      this.timedSettle();
      this.open();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.close();
  }

  /** The sink a snapshot load of this database hands its pages to. */
  handOff(): SnapshotPageSink {
    return {
      pause: () => this.enqueue(async () => {
        this.paused = true;
        this.close();
        // What the feed had not delivered yet: a page is then judged against everything before it.
        if (this.started) await this.catchUp();
      }),
      page: (docs) => this.background(() => this.takePage(docs), 'a snapshot page could not be applied; it is read again after the load'),
      resume: () => this.background(() => this.resume(), 'the database could not be compared after the snapshot; it is read again from before it'),
    };
  }

  private async takePage(docs: readonly SnapshotDoc[]): Promise<void> {
    // Not started: the first read will bring the page with everything else.
    if (!this.started || this.stopped) return;
    const { direct, readBack } = splitHandedPage(docs, this.seen);
    for (const doc of direct) this.applyDoc(doc);
    await this.readBack(readBack);
    this.changed();
  }

  private async resume(): Promise<void> {
    this.paused = false;
    if (!this.started || this.stopped) return;
    try {
      const seq = (await this.db.info()).update_seq;
      const res = await this.db.allDocs();
      await this.readBack(staleAfterHandOff(this.shown, res.rows.map((r) => ({ id: r.id, rev: r.value.rev }))));
      this.since = seq;
      this.changed();
    } finally {
      // On failure from the seq before the hand-off: every page is read again, nothing missed.
      this.open();
    }
  }

  /** The winners of these ids as `db.get` returns them (a deleted or missing one: deleted). */
  private async readBack(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const res = await this.db.allDocs({ keys: [...ids], include_docs: true });
    for (const row of res.rows as { key: string; doc?: Followed | null }[]) this.applyDoc(row.doc ?? { _id: row.key, _deleted: true });
  }

  private async catchUp(): Promise<void> {
    const res = await this.db.changes({ since: this.since, include_docs: true });
    for (const change of res.results as unknown as Change[]) this.applyChange(change);
    this.since = res.last_seq;
  }

  private open(): void {
    if (this.feed || this.paused || this.stopped || !this.started) return;
    const feed = this.db.changes({ live: true, since: this.since, include_docs: true });
    feed.on('change', (change: Change) => {
      if (this.applyChange(change)) this.changed();
    });
    // A feed error (database closed under us) freezes the index: say so.
    feed.on('error', (err: unknown) => console.warn('the in-memory index stopped following its database', err));
    this.feed = feed;
  }

  private close(): void {
    this.feed?.cancel();
    this.feed = undefined;
  }

  /** Applies a change unless it brings what is shown already; says whether it applied it. */
  private applyChange(change: Change): boolean {
    this.since = change.seq;
    const doc = change.deleted || !change.doc ? { _id: change.id, _deleted: true } : change.doc;
    if (this.showsAlready(doc)) return false;
    this.applyDoc(doc);
    return true;
  }

  // A read of every document (start, or the comparison after a hand-off) begins at the sequence
  // read just before it, so a write landing between the two comes back through the feed as well:
  // applied once, not twice (the followers, settings:sync among them, see each revision once).
  private showsAlready(doc: Followed): boolean {
    if (doc._deleted) return this.seen.has(doc._id) && !this.shown.has(doc._id);
    return doc._rev !== undefined && this.shown.get(doc._id) === doc._rev;
  }

  private applyDoc(doc: Followed): void {
    this.seen.add(doc._id);
    if (doc._deleted || doc._rev === undefined) this.shown.delete(doc._id);
    else this.shown.set(doc._id, doc._rev);
    this.apply(doc);
  }

  // A settle that costs more (a bigger database) waits for a longer quiet: a first start writing
  // 20,000 products in pages a second apart then settles once at the end, not after every page
  // (each settle re-reads every product, so per page that was quadratic). A scan or search
  // settles at once anyway (CatalogIndex.find / search).
  private changed(): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.timedSettle(), this.quietMs);
  }

  private timedSettle(): void {
    const t0 = performance.now();
    this.settle();
    this.quietMs = Math.max(this.settleMs, (performance.now() - t0) * SETTLE_COST_FACTOR);
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op);
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Queued, not awaited by the caller: a failure is reported here. */
  private background(op: () => Promise<void>, what: string): void {
    this.enqueue(op).then(undefined, (err: unknown) => console.warn(what, err));
  }
}

/** Follows `db` into `apply` / `settle` (DocFollower); returns the stop. */
export async function followDocs(db: Db, apply: (doc: Followed) => void, settle: () => void, settleMs = SETTLE_MS): Promise<() => void> {
  const follower = new DocFollower(db, apply, settle, settleMs);
  await follower.start();
  return () => follower.stop();
}
