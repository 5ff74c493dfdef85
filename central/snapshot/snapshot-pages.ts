// Which pages a snapshot request gets: a store database cut to a till's history window
// (`from`, a month start) is read by key from the start (read-window-snapshot) and from the
// changes feed when resumed after a seq; any other, the changes feed (read-snapshot).
import type Nano from 'nano';
import { inWindow, stockBaseId } from '../../store-client/history-window.js';
import { readSnapshot, type Seq, type SnapshotPage } from './read-snapshot.js';
import { readWindowSnapshot } from './read-window-snapshot.js';

export function snapshotPages(nano: Nano.ServerScope, db: string, since: Seq, from?: string): AsyncGenerator<SnapshotPage> {
  if (from === undefined) return readSnapshot(nano, db, since);
  const store = db.slice('store-'.length);
  const window = { cutoff: from, baseId: stockBaseId(store, from) };
  const keep = (doc: Record<string, unknown>) => inWindow(doc, window);
  if (String(since) === '0') return readWindowSnapshot(nano, db, store, from, keep);
  return readSnapshot(nano, db, since, undefined, keep);
}
