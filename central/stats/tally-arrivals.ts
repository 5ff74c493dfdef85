// What one batch of a database's change feed adds to the console's "synced per hour" and "sync
// lag" series, pure. Documents carry no arrival time (a sale's `updatedAt` is when the till rang
// it up, hours or days before it synced when the till was offline), so central counts arrivals
// itself, by its own clock, as its change feed sees them: the only honest "when it reached
// central". The lag of a new sale, return or move is its arrival minus the till's stamp in its id
// (`sale:<store>:<hlc>`), read from the feed row alone: no document is read.
// What it counts: feed rows, i.e. documents changed since the last batch (CouchDB collapses
// several edits of one document between two reads into one row), central's own writes included.
// A follower that must start again from the beginning (its checkpoint refused) counts what it
// reads again as arriving then; that is audited (`checkpoint.refused`), so the spike is explained.
import { parseStamp } from '../../store-client/hlc.js';

export interface ArrivalRow { id: string; changes: ReadonlyArray<{ rev: string }>; deleted?: boolean }

export interface ArrivalTally {
  /** UTC hour of arrival, `YYYY-MM-DDTHH`. */
  hour: string;
  count: number;
  /** New sales, returns and moves with a stamp in their id: the ones whose lag is measured. */
  lagged: number;
  /** The sum of their lags, ms (a stamp ahead of central's clock counts as 0). */
  lagSumMs: number;
}

const STAMPED = /^(?:sale|return|move):[a-z0-9][a-z0-9-]{0,30}:(\d{4}-.+)$/;

export const hourOf = (ms: number): string => new Date(ms).toISOString().slice(0, 13);

/** The lag of a row, ms, or null when it is not the first revision of a stamped store document. */
export function lagOf(row: ArrivalRow, arrivedMs: number): number | null {
  // A void's id carries its sale's stamp, not its own; later revisions are central's marks
  // (quarantine), not uploads.
  if (row.deleted || row.id.includes(':void:') || !row.changes.some((c) => c.rev.startsWith('1-'))) return null;
  const m = STAMPED.exec(row.id);
  if (!m) return null;
  let wallMs: number;
  try {
    wallMs = parseStamp(m[1]!).wallMs;
  } catch {
    return null; // not an HLC after all: no lag to measure, the row still counts as an arrival
  }
  return Math.max(0, arrivedMs - wallMs);
}

export function tallyArrivals(db: string, rows: readonly ArrivalRow[], arrivedMs: number): ArrivalTally {
  const tally: ArrivalTally = { hour: hourOf(arrivedMs), count: rows.length, lagged: 0, lagSumMs: 0 };
  if (!db.startsWith('store-')) return tally;
  for (const row of rows) {
    const lag = lagOf(row, arrivedMs);
    if (lag === null) continue;
    tally.lagged += 1;
    tally.lagSumMs += lag;
  }
  return tally;
}
