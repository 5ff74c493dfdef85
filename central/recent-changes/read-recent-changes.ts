// Reads the latest changes of the databases a console user may watch, for the change feed's
// catch-up when /api/events can no longer replay what it missed (central restarted, or the
// console was away past the bus's last 1,000 events). Each database's `_changes`, newest first
// (descending=true), `limit` rows with their documents so who and when can be told; a few
// databases at a time, so a chain of 50 stores does not open 52 requests at once. The newest
// `limit` overall may all come from one database, so each is read to `limit`: a catch-up of 200
// on 50 stores reads up to 10,400 rows. A view by `updatedAt` would read only what is returned,
// at the price of indexing every document of every database; for a read made when a console
// opens the feed or loses its stream for long, the rows are the cheaper price.
// https://docs.couchdb.org/en/stable/api/database/changes.html
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { mergeRecent, type ChangesRow, type RecentChange } from './recent-entry.js';

const PARALLEL = 6;

export async function readRecentChanges(nano: Nano.ServerScope, dbs: readonly string[], limit: number): Promise<RecentChange[]> {
  const perDb: Array<{ db: string; rows: ChangesRow[] }> = [];
  for (let i = 0; i < dbs.length; i += PARALLEL) {
    perDb.push(...await Promise.all(dbs.slice(i, i + PARALLEL).map(async (db) => ({ db, rows: await changesOf(nano, db, limit) }))));
  }
  return mergeRecent(perDb, limit);
}

async function changesOf(nano: Nano.ServerScope, db: string, limit: number): Promise<ChangesRow[]> {
  try {
    const res = (await nano.request({ db, path: '_changes', qs: { descending: true, limit, include_docs: true } })) as { results: ChangesRow[] };
    return res.results;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return []; // a store listed before its database is created
    throw new ProntoError('COUCH_ERROR', `could not read the recent changes of ${db}`, { db }, err);
  }
}
