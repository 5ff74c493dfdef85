// Reads GET /api/stats's series from CouchDB views, grouped (group_level) so CouchDB's reduce
// does the counting and summing and only one row per hour, day or store comes back:
//   synced        pronto-stats  arrivals-by-hour  [store|"*", hour]  _sum  (central/stats/tally-arrivals.ts)
//   sync lag      pronto-stats  arrivals-by-hour  [store, hour]      _sum, one row per store (group_level 1)
//   sales         store-<id>    sales-by-hour     [hour, kind]       _stats, per store, summed here
//   conflicts     audit         conflicts-by-day  [store|"*", day, strategy, outcome]  _count
// A chain's store databases are queried MAX_IN_FLIGHT at a time, so 50 stores are 50 small reads
// that never pile up on CouchDB at once.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { listStores } from '../setup/list-stores.js';
import { mapLimit } from '../map-limit.js';
import { daysOf, hoursOf, type StatsQuery } from './stats-query.js';
import { conflictSeries, salesSeries, storeLag, syncedSeries, type Stats, type StatsRow } from './stats-series.js';

export const MAX_IN_FLIGHT = 8;
const HIGH = {};

async function view<R>(nano: Nano.ServerScope, db: string, name: string, params: Record<string, unknown>): Promise<R[]> {
  try {
    return (await nano.use(db).view('pronto', name, { reduce: true, ...params })).rows as unknown as R[];
  } catch (err) {
    throw couchError(err, `reading the ${name} view of ${db}`);
  }
}

const storeSales = (nano: Nano.ServerScope, store: string, first: string, last: string) =>
  view<StatsRow>(nano, `store-${store}`, 'sales-by-hour', { startkey: [first], endkey: [last, HIGH], group_level: 2 });

export async function readStats(nano: Nano.ServerScope, q: StatsQuery): Promise<Stats> {
  const hours = hoursOf(q);
  const days = daysOf(q);
  const [first, last] = [hours[0]!, hours[hours.length - 1]!];
  const stores = q.store !== null ? [q.store] : (await listStores(nano)).map((s) => s.store).sort();
  const scope = q.store ?? '*';
  const [arrivals, conflicts, sales, lags] = await Promise.all([
    view<{ key: [string, string]; value: number[] }>(nano, CENTRAL_DATABASES.stats, 'arrivals-by-hour', { startkey: [scope, first], endkey: [scope, last], group_level: 2 }),
    view<{ key: [string, string, string, string]; value: number }>(nano, 'audit', 'conflicts-by-day', { startkey: [scope, days[0]], endkey: [scope, days[days.length - 1], HIGH], group_level: 4 }),
    mapLimit(stores, MAX_IN_FLIGHT, (s) => storeSales(nano, s, first, last)),
    mapLimit(stores, MAX_IN_FLIGHT, (s) => view<{ value: number[] }>(nano, CENTRAL_DATABASES.stats, 'arrivals-by-hour', { startkey: [s, first], endkey: [s, last], group_level: 1 })),
  ]);
  return {
    from: q.from, to: q.to, store: q.store, hours,
    synced: syncedSeries(hours, arrivals),
    sales: salesSeries(hours, sales.flat()),
    days,
    conflicts: conflictSeries(days, conflicts),
    lag: stores.map((s, i) => storeLag(s, lags[i]![0]?.value)),
  };
}
