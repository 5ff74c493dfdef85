// Creates a database unless it exists (PUT /{db}; 412 means it is already there).
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';

export async function ensureDatabase(nano: Nano.ServerScope, db: string): Promise<'created' | 'exists'> {
  try {
    await nano.db.create(db);
    return 'created';
  } catch (err) {
    if (isStatus(err, 412)) return 'exists';
    throw couchError(err, `creating database ${db}`);
  }
}
