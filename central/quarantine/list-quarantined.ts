// A store's quarantined sales, returns and moves, read from the store design doc's `quarantined`
// view (keyed by document id), a page at a time: `cursor` is the last id of the page before, so
// a page never repeats or skips a document while others are released in between.
import type Nano from 'nano';
import type { QuarantinedEntry, QuarantinePage } from '../../validators/api/quarantine.js';
import { couchError, isStatus } from '../couch/errors.js';

export type { QuarantinedEntry, QuarantinePage };

type Row = { id: string; value: Omit<QuarantinedEntry, 'store' | 'docId'> };

export async function listQuarantined(nano: Nano.ServerScope, store: string, limit: number, cursor?: string): Promise<QuarantinePage> {
  let rows: Row[];
  try {
    const params = cursor === undefined ? { limit: limit + 1 } : { startkey: cursor, skip: 1, limit: limit + 1 };
    rows = (await nano.use(`store-${store}`).view('pronto', 'quarantined', params)).rows as unknown as Row[];
  } catch (err) {
    if (isStatus(err, 404)) return { entries: [], next: null }; // a store whose database is not set up yet
    throw couchError(err, `listing the quarantined documents of ${store}`);
  }
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({ store, docId: r.id, ...r.value })),
    next: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
