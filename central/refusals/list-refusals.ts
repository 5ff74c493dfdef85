// Reads refusal records, newest id last within a store (ids sort by store, database, document).
// With a status, records are read a batch at a time until `limit` of that status are found:
// the refusals database has no view, and a store's refusals are few.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { refusalStatus, type RefusalRecord, type RefusalStatus } from './refusal-record.js';

const BATCH = 500;

/** `store` undefined: every store's. At most `limit` records, of `status` when given. */
export async function listRefusals(nano: Nano.ServerScope, store: string | undefined, limit: number, status?: RefusalStatus): Promise<RefusalRecord[]> {
  const prefix = store === undefined ? 'refusal:' : `refusal:${store}:`;
  const found: RefusalRecord[] = [];
  let startkey = prefix;
  let skip = 0;
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
