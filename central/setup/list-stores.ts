// The chain's stores are the `store:<id>` documents in the catalog.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';

export interface StoreEntry { store: string; name: string; timezone: string; active: boolean }

export async function listStores(nano: Nano.ServerScope): Promise<StoreEntry[]> {
  try {
    const res = await nano.use<StoreEntry>('catalog').list({ startkey: 'store:', endkey: 'store:\ufff0', include_docs: true });
    return res.rows.flatMap((row) => (row.doc ? [{ store: row.doc.store, name: row.doc.name, timezone: row.doc.timezone, active: row.doc.active }] : []));
  } catch (err) {
    throw couchError(err, 'listing stores');
  }
}
