// Keeps an in-memory index of a local database: every document read once, then each change
// applied as it happens (the changes feed with its documents, from the sequence the first
// read started at, so nothing falls in between), and `settle` run once things go quiet. A
// replication batch of 500 documents costs 500 cheap `apply` calls and one `settle`, not 500
// re-reads of the whole database (which, on 20,000 products, slowed the first catalog pull).
import type { Db } from '../../browser.js';

const SETTLE_MS = 300;
/** The quiet wait is at least this many times what the last `settle` took (see below). */
const SETTLE_COST_FACTOR = 20;

export interface Followed {
  _id: string;
  _deleted?: boolean;
}

export async function followDocs(
  db: Db, apply: (doc: Followed) => void, settle: () => void, settleMs = SETTLE_MS,
): Promise<() => void> {
  const since = (await db.info()).update_seq;
  const res = await db.allDocs({ include_docs: true });
  for (const row of res.rows) if (row.doc) apply(row.doc as Followed);
  // A settle that costs more (a bigger database) waits for a longer quiet: a first start writing
  // 20,000 products in pages a second apart then settles once at the end, not after every page
  // (each settle re-reads every product, so per page that was quadratic). A scan or search
  // settles at once anyway (CatalogIndex.find / search).
  let quietMs = settleMs;
  const timedSettle = () => {
    const t0 = performance.now();
    settle();
    quietMs = Math.max(settleMs, (performance.now() - t0) * SETTLE_COST_FACTOR);
  };
  timedSettle();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const feed = db.changes({ live: true, since, include_docs: true });
  feed.on('change', (change: { id: string; deleted?: boolean; doc?: Followed }) => {
    apply(change.deleted || !change.doc ? { _id: change.id, _deleted: true } : change.doc);
    clearTimeout(timer);
    timer = setTimeout(timedSettle, quietMs);
  });
  // A feed error (database closed under us) only freezes the index.
  feed.on('error', () => undefined);
  return () => {
    clearTimeout(timer);
    feed.cancel();
  };
}
