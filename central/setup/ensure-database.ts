// Creates a database unless it exists (PUT /{db}; 412 means it is already there). `shards`: the
// copies and shards a CouchDB cluster gives it (`?n=&q=`; a single node and the embedded server
// ignore them); an existing database keeps the ones it was made with.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';

export async function ensureDatabase(nano: Nano.ServerScope, db: string, shards?: { n: number; q: number }): Promise<'created' | 'exists'> {
  try {
    await nano.db.create(db, shards);
    return 'created';
  } catch (err) {
    if (isStatus(err, 412)) return 'exists';
    throw couchError(err, `creating database ${db}`);
  }
}
