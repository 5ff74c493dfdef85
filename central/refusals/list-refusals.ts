// Reads refusal records, newest id last within a store (ids sort by store, database, document).
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import type { RefusalRecord } from './refusal-record.js';

/** `store` undefined: every store's. At most `limit` records. */
export async function listRefusals(nano: Nano.ServerScope, store: string | undefined, limit: number): Promise<RefusalRecord[]> {
  const prefix = store === undefined ? 'refusal:' : `refusal:${store}:`;
  try {
    const res = await nano.use<RefusalRecord>(CENTRAL_DATABASES.refusals).list({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true, limit });
    return res.rows.flatMap((r) => (r.doc ? [r.doc as RefusalRecord] : []));
  } catch (err) {
    throw couchError(err, 'listing refused uploads');
  }
}
