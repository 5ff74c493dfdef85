// Reads refusal records, newest id last within a store (ids sort by store, database, document).
// Paged by the last id read. With a status, records are read a batch at a time until `limit` of that status are found:
// the refusals database has no view, and a store's refusals are few.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { refusalStatus, type RefusalRecord, type RefusalStatus } from './refusal-record.js';

const BATCH = 500;

/** `store` undefined: every store's. At most `limit` records, of `status` when given, after id `after` (a page's cursor). */
export async function listRefusals(nano: Nano.ServerScope, store: string | undefined, limit: number, status?: RefusalStatus, after?: string): Promise<RefusalRecord[]> {
  const prefix = store === undefined ? 'refusal:' : `refusal:${store}:`;
  const found: RefusalRecord[] = [];
  let startkey = after !== undefined && after > prefix ? after : prefix;
  let skip = startkey === prefix ? 0 : 1;
  try {
    for (;;) {
      const batch = status === undefined ? limit : BATCH;
      const res = await nano.use<RefusalRecord>(CENTRAL_DATABASES.refusals).list({ startkey, endkey: `${prefix}\ufff0`, include_docs: true, limit: batch, skip });
      const docs = res.rows.flatMap((r) => (r.doc ? [r.doc as RefusalRecord] : []));
      found.push(...docs.filter((d) => status === undefined || refusalStatus(d) === status));
      if (found.length >= limit || res.rows.length < batch) return found.slice(0, limit);
      startkey = res.rows[res.rows.length - 1]!.id;
      skip = 1;
    }
  } catch (err) {
    throw couchError(err, 'listing refused uploads');
  }
}
