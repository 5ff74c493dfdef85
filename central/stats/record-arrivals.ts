// Adds a batch's arrival tally (tally-arrivals.ts) to its counter in central's `pronto-stats`
// database: one document per database and hour (`arrivals:<db>:<hour>`), updated in place, read
// by the `arrivals-by-hour` view (design-docs/src/stats). One follower per database writes it,
// batch after batch, so a 409 means only that another central follows the same database: read
// again and add (each central then counts what it saw: two centrals count twice).
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import type { ArrivalTally } from './tally-arrivals.js';

interface ArrivalsDoc extends ArrivalTally { _id: string; _rev?: string; type: 'arrivals'; db: string }

const ATTEMPTS = 5;

export async function recordArrivals(nano: Nano.ServerScope, db: string, tally: ArrivalTally): Promise<void> {
  if (tally.count === 0) return;
  const stats = nano.use<ArrivalsDoc>(CENTRAL_DATABASES.stats);
  const _id = `arrivals:${db}:${tally.hour}`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let doc: ArrivalsDoc = { _id, type: 'arrivals', db, hour: tally.hour, count: 0, lagged: 0, lagSumMs: 0 };
    try {
      doc = await stats.get(_id);
    } catch (err) {
      if (!isStatus(err, 404)) throw couchError(err, `reading ${_id}`);
    }
    const next = { ...doc, count: doc.count + tally.count, lagged: doc.lagged + tally.lagged, lagSumMs: doc.lagSumMs + tally.lagSumMs };
    try {
      await stats.insert(next);
      return;
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, `counting arrivals in ${_id}`);
    }
  }
  throw new ProntoError('COUCH_ERROR', `counting arrivals in ${_id}: another writer kept updating it (${ATTEMPTS} attempts)`, { id: _id });
}
