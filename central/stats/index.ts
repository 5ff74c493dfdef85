// The console's statistics (GET /api/stats): arrivals counted by the change feed, and series read
// from grouped CouchDB views (read-stats.ts).
export { tallyArrivals, lagOf, hourOf, type ArrivalTally, type ArrivalRow } from './tally-arrivals.js';
export { recordArrivals, type LastArrivals } from './record-arrivals.js';
export { parseStatsQuery, hoursOf, daysOf, MAX_DAYS, type StatsQuery } from './stats-query.js';
export { readStats, MAX_IN_FLIGHT } from './read-stats.js';
export type { Stats, SalesSeries, ConflictSeries, StoreLag } from './stats-series.js';
