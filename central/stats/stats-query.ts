// GET /api/stats's query string, checked, pure: `from` and `to` are UTC days (YYYY-MM-DD, both
// included, at most MAX_DAYS apart; default the last 7 days to `today`), `store` a store id. A
// bad parameter is a 400 that names it; a store outside the caller's scope a 403. A store
// manager without `store` gets their own store.
import { ProntoError } from '../../validators/index.js';

export interface StatsQuery {
  from: string;
  to: string;
  /** null: every store (chain admins only). */
  store: string | null;
}

export const MAX_DAYS = 31;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;

const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

function day(query: Record<string, unknown>, param: string, fallback: string): string {
  const v = query[param] ?? fallback;
  if (typeof v !== 'string' || !DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw bad(param, 'must be a day as YYYY-MM-DD (UTC)', v);
  }
  return v;
}

export const dayMs = (d: string): number => Date.parse(`${d}T00:00:00Z`);

/** `scope`: the stores the caller may read, null for every store. */
export function parseStatsQuery(query: Record<string, unknown>, scope: readonly string[] | null, todayMs: number): StatsQuery {
  const to = day(query, 'to', new Date(todayMs).toISOString().slice(0, 10));
  const from = day(query, 'from', new Date(dayMs(to) - 6 * DAY_MS).toISOString().slice(0, 10));
  if (dayMs(from) > dayMs(to)) throw bad('from', `must not be after to (${to})`, from);
  if ((dayMs(to) - dayMs(from)) / DAY_MS + 1 > MAX_DAYS) throw bad('to', `the range may span at most ${MAX_DAYS} days`, to);
  const asked = query.store;
  if (asked !== undefined && (typeof asked !== 'string' || !STORE.test(asked))) throw bad('store', 'must be a store id such as "s1"', asked);
  const store = (asked as string | undefined) ?? (scope === null ? null : scope[0]!);
  if (scope !== null && (store === null || !scope.includes(store))) {
    throw new ProntoError('FORBIDDEN', `a manager sees only the statistics of their own store (${scope.join(', ')})`, { store });
  }
  return { from, to, store };
}

/** Every UTC hour (`YYYY-MM-DDTHH`) of the query's days, in order. */
export function hoursOf(q: Pick<StatsQuery, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let t = dayMs(q.from); t < dayMs(q.to) + DAY_MS; t += 3_600_000) out.push(new Date(t).toISOString().slice(0, 13));
  return out;
}

/** Every day of the query, in order. */
export function daysOf(q: Pick<StatsQuery, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let t = dayMs(q.from); t <= dayMs(q.to); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
