// Adds a batch's arrival tally (tally-arrivals.ts) to its counter in central's `pronto-stats`
// database: one document per database and hour (`arrivals:<db>:<hour>`), updated in place, read
// by the `arrivals-by-hour` view (design-docs/src/stats). One follower per database writes it,
// batch after batch, so a 409 means only that another central follows the same database: read
// again and add (each central then counts what it saw: two centrals count twice).
// `last`, the counters this follower last wrote (one per database, kept by the caller): the
// next batch writes on the `_rev` it holds without reading the document first, as the checkpoint
// does; a 409 (another central wrote, or the hour is new) falls back to reading it.
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import type { ArrivalTally } from './tally-arrivals.js';

export interface ArrivalsDoc extends ArrivalTally { _id: string; _rev?: string; type: 'arrivals'; db: string }

/** The counter each database's follower last wrote, by database. */
export type LastArrivals = Map<string, ArrivalsDoc>;

const ATTEMPTS = 5;

export async function recordArrivals(nano: Nano.ServerScope, db: string, tally: ArrivalTally, last?: LastArrivals): Promise<void> {
  if (tally.count === 0) return;
  const stats = nano.use<ArrivalsDoc>(CENTRAL_DATABASES.stats);
  const _id = `arrivals:${db}:${tally.hour}`;
  const held = last?.get(db);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let doc: ArrivalsDoc = { _id, type: 'arrivals', db, hour: tally.hour, count: 0, lagged: 0, lagSumMs: 0 };
    if (attempt === 0 && held?._id === _id && held._rev !== undefined) {
      doc = held;
    } else {
      try {
        doc = await stats.get(_id);
      } catch (err) {
        if (!isStatus(err, 404)) throw couchError(err, `reading ${_id}`);
      }
    }
    const next = { ...doc, count: doc.count + tally.count, lagged: doc.lagged + tally.lagged, lagSumMs: doc.lagSumMs + tally.lagSumMs };
    try {
      const { rev } = await stats.insert(next);
      last?.set(db, { ...next, _rev: rev });
      return;
    } catch (err) {
      last?.delete(db);
      if (!isStatus(err, 409)) throw couchError(err, `counting arrivals in ${_id}`);
    }
  }
  throw new ProntoError('COUCH_ERROR', `counting arrivals in ${_id}: another writer kept updating it (${ATTEMPTS} attempts)`, { id: _id });
}
