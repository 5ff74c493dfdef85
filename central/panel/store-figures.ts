// What the panel counts for one store, all from views (never a scan of the store's documents):
// today's takings net of refunds (`sales-by-day` and `returns-by-day` at the store's business
// day, the calendar date in its time zone), what central quarantined by kind (`quarantined`),
// conflicts waiting for an admin (the audit database's `conflict-queue`), and open refused
// uploads (the refusals database, a store's records being one key range, capped).
import type Nano from 'nano';
import { businessDay } from '../../store-client/business-day.js';
import { couchError, isStatus } from '../couch/errors.js';
import type { StoreFigures } from '../../validators/api/panel.js';
import { listRefusals } from '../refusals/index.js';

export const REFUSED_CAP = 1000;

interface Stats { sum: number; count: number }

export async function storeFigures(nano: Nano.ServerScope, store: string, timeZone: string, nowMs: number): Promise<StoreFigures> {
  const day = storeDay(nowMs, timeZone);
  const db = nano.use(`store-${store}`);
  const stats = async (view: string): Promise<Stats> => {
    const res = await db.view('pronto', view, { key: [store, day], reduce: true });
    const v = res.rows[0]?.value as Stats | undefined;
    return { sum: v?.sum ?? 0, count: v?.count ?? 0 };
  };
  try {
    const [sales, returns, quarantined, conflicts, refused] = await Promise.all([
      stats('sales-by-day'),
      stats('returns-by-day'),
      db.view('pronto', 'quarantined-by-kind', { startkey: [store], endkey: [store, {}], group_level: 2 }),
      nano.use('audit').view('pronto', 'conflict-queue', { startkey: ['pending', store, 'all', ''], endkey: ['pending', store, 'all', '', {}], reduce: true }),
      listRefusals(nano, store, REFUSED_CAP, 'open'),
    ]);
    const byKind = Object.fromEntries(quarantined.rows.map((r) => [String((r.key as unknown as unknown[])[1]), r.value as number]));
    return {
      businessDay: day,
      sales: { count: sales.count, total: sales.sum },
      returns: { count: returns.count, total: returns.sum },
      net: sales.sum - returns.sum,
      quarantined: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind },
      refused: refused.length,
      refusedCapped: refused.length >= REFUSED_CAP,
      conflicts: (conflicts.rows[0]?.value as number | undefined) ?? 0,
    };
  } catch (err) {
    if (isStatus(err, 404)) return emptyFigures(day); // a store in the catalog whose database is not set up yet
    throw couchError(err, `reading the figures of store ${store}`);
  }
}

/** The store's business day at `nowMs`: the date in its time zone. */
export const storeDay = (nowMs: number, timeZone: string): string => businessDay(nowMs, validZone(timeZone));

export function emptyFigures(day: string): StoreFigures {
  return { businessDay: day, sales: { count: 0, total: 0 }, returns: { count: 0, total: 0 }, net: 0, quarantined: { total: 0, byKind: {} }, refused: 0, refusedCapped: false, conflicts: 0 };
}

/** A time zone Intl knows, else Mexico City's (the schema checks the shape, not that the zone exists). */
function validZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'America/Mexico_City';
  }
}
