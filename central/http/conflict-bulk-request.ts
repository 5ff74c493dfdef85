// The body of POST /api/conflicts/bulk, checked. Pure; a bad field is a 400 that names it.
//   {"strategy": "lww" | "central-wins" | "field-merge",
//    "ids": ["conflict:…", …]  (1 to 500, distinct)
//    | "filter": {"store"?, "db"?, "type"?, "q"?, "limit"? 1..500 (default 500)}}  (the queue's own filters, pending only)
import { ProntoError } from '../../validators/index.js';
import { BULK_MAX, BULK_STRATEGIES, type BulkStrategy } from '../conflicts/resolve-bulk.js';
import { parseConflictQuery, type ConflictQuery } from './conflict-query.js';

export type BulkRequest = { strategy: BulkStrategy } & ({ ids: string[] } | { query: ConflictQuery });

const ID = /^conflict:[^\s]{1,300}$/;
const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });
const FILTER_KEYS = new Set(['store', 'db', 'type', 'q', 'limit']);

export function parseBulkRequest(body: unknown): BulkRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('body', 'must be a JSON object', body);
  const { strategy, ids, filter, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw bad(extra, 'is not a field of a bulk action (strategy, ids, filter)', rest[extra]);
  if (!BULK_STRATEGIES.includes(strategy as BulkStrategy)) throw bad('strategy', `must be one of ${BULK_STRATEGIES.join(', ')}`, strategy);
  const s = strategy as BulkStrategy;
  if ((ids === undefined) === (filter === undefined)) throw bad('ids', 'give either ids or filter (one of them)', ids);
  if (ids !== undefined) return { strategy: s, ids: parseIds(ids) };
  return { strategy: s, query: parseFilter(filter) };
}

function parseIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > BULK_MAX) throw bad('ids', `must be a list of 1 to ${BULK_MAX} conflict ids`, Array.isArray(ids) ? ids.length : ids);
  const badId = ids.find((id) => typeof id !== 'string' || !ID.test(id));
  if (badId !== undefined) throw bad('ids', 'each must be a conflict id such as "conflict:catalog:product:X:…"', badId);
  if (new Set(ids).size !== ids.length) throw bad('ids', 'must not repeat an id', ids.length);
  return ids as string[];
}

function parseFilter(filter: unknown): ConflictQuery {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) throw bad('filter', 'must be an object of the queue filters (store, db, type, q, limit)', filter);
  const f = filter as Record<string, unknown>;
  const unknownKey = Object.keys(f).find((k) => !FILTER_KEYS.has(k));
  if (unknownKey !== undefined) throw bad(`filter.${unknownKey}`, 'is not a queue filter (store, db, type, q, limit)', f[unknownKey]);
  const limit = f.limit === undefined ? String(BULK_MAX) : typeof f.limit === 'number' ? String(f.limit) : f.limit;
  try {
    return parseConflictQuery({ ...f, limit, status: 'pending' }, { stores: null });
  } catch (err) {
    // The queue's own checks, named as fields of `filter`.
    if (err instanceof ProntoError && typeof err.details.param === 'string') throw bad(`filter.${err.details.param}`, err.message.replace(/^[^:]*: /, ''), err.details.value);
    throw err;
  }
}
