// A store's snapshot cut to a till's history window (store-client/history-window.ts), read in
// time that grows with the window, not with the store's past: instead of the whole changes feed
// (every sale the store ever made, each read to be dropped), `_all_docs` key ranges — the window's
// sales, moves and returns by their id stamps (`<type>:<store>:<stamp>`), the voids, and
// everything that is no sale, move or return — each page kept to the window by `keep`, with every
// leaf (conflicts too, `conflicts=true`) and `_revisions` as readSnapshot gives them (splitWindow,
// `_bulk_get`). A seq is read FIRST (the first page's, below): anything changed after it is met
// again by the changes feed read from that seq at the end (the pages readSnapshot gives), so
// nothing is missed and what comes twice is a revision already held. Range pages carry seq 0: a
// load interrupted in them starts again from the beginning (rewriting a page changes nothing);
// not replicated is only a deleted document the till never had (`_all_docs` lists no
// tombstones), which changes nothing.
// On a cluster each read meets one copy of each shard, and the copies behind `GET /{db}`'s seq
// need not be the copies `_all_docs` read: a document a till wrote a moment before could be on
// the first and not yet on the second, missed by both reads. So the range pages are read with
// `stable=true` (the same copy of each shard every time) and `update_seq=true` (the seq of the
// copies read, each page a consistent snapshot of them), and the changes feed starts at the FIRST
// page's seq. Should a page name other copies (a node went down or came back meanwhile), the
// ranges prove nothing and the changes feed is read from 0, the whole store: slow, and exact.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#db-all-docs
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { sameCopies } from '../couch/cluster-seq.js';
import { couchError } from '../couch/errors.js';
import { readLeafDocs, readSnapshot, splitWindow, DEFAULT_PAGE_SIZE, type Seq, type SnapshotPage } from './read-snapshot.js';

interface AllDocsAnswer { update_seq?: string | number; rows: { id: string; key: string; value: { rev: string }; doc?: Record<string, unknown> & { _rev: string; _conflicts?: string[] } }[] }

/**
 * The `_all_docs` ranges [start, end) (end null: to the last id) that hold a store's window from
 * `cutoff`, in the ids' raw order: a superset, `keep` decides. Pure.
 */
export function windowRanges(store: string, cutoff: string): Array<[string, string | null]> {
  const money = ['move', 'return', 'sale'];
  // A store's money ids are `<type>:<store>:<stamp>` (or `return:<store>:void:…`, after every stamp), so `;` ends them.
  const ranges: Array<[string, string | null]> = money.map((t) => [`${t}:${store}:${cutoff}`, `${t}:${store};`]);
  // Everything else: before `move:`, between the money prefixes (`;` follows `:`), after `sale:`.
  const bounds: Array<string | null> = ['', ...money.flatMap((t) => [`${t}:`, `${t};`]), null];
  for (let i = 0; i < bounds.length; i += 2) ranges.push([bounds[i]!, bounds[i + 1]!]);
  return ranges;
}

export async function* readWindowSnapshot(
  nano: Nano.ServerScope, db: string, store: string, cutoff: string, keep: (doc: Record<string, unknown>) => boolean, pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<SnapshotPage> {
  let since: Seq | undefined;
  for (const [start, end] of windowRanges(store, cutoff)) {
    let startkey = start;
    let skip = 0;
    for (;;) {
      const answer = await call(() => nano.request({
        db, path: '_all_docs',
        // nano JSON-encodes startkey and endkey itself.
        qs: { include_docs: true, conflicts: true, stable: true, update_seq: true, startkey, ...(end === null ? {} : { endkey: end, inclusive_end: false }), limit: pageSize, skip },
      }), `reading ${db} by key`) as AllDocsAnswer;
      // Both CouchDB and the embedded server answer it (test/conformance/all-docs-seq.test.ts).
      if (answer.update_seq === undefined) throw new ProntoError('COUCH_ERROR', `reading ${db} by key: the server gave no update_seq`, { db });
      if (since === undefined) since = answer.update_seq;
      else if (sameCopies(since, answer.update_seq) === false) {
        yield* readSnapshot(nano, db, 0, pageSize, keep);
        return;
      }
      const rows = answer.rows.filter((r) => r.doc && keep(r.doc)).map((r) => ({
        id: r.id, doc: r.doc!, changes: [r.doc!._rev, ...(r.doc!._conflicts ?? [])].map((rev) => ({ rev })),
      }));
      const { docs, leaves } = splitWindow(rows);
      if (leaves.length > 0) docs.push(...(await readLeafDocs(nano, db, leaves)));
      if (docs.length > 0) yield { seq: 0, docs, last: false };
      if (answer.rows.length < pageSize) break;
      startkey = answer.rows[answer.rows.length - 1]!.key;
      skip = 1;
    }
  }
  // What changed since the first page's seq, cut to the window the same way; ends with `last`.
  yield* readSnapshot(nano, db, since!, pageSize, keep);
}

async function call<T>(fn: () => Promise<T>, doing: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw couchError(err, doing);
  }
}
