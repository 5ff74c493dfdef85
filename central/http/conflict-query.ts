// The conflict queue's query string, checked and turned into one key range of the audit
// database's `pronto/conflict-queue` view (design-docs/src/audit/views/conflict-queue):
//   status=pending|resolved  store=<id>  one of db=<name> | type=<doc type> | q=<doc id prefix>
//   limit=1..500 (default 100)  cursor=<opaque, from the previous page's nextCursor>
// Pure: a bad parameter is a 400 that names it; a store outside the caller's scope a 403.
import { ProntoError } from '../../validators/index.js';
import type { StoreScope } from './store-scope.js';

export interface ConflictQuery {
  status: 'pending' | 'resolved';
  /** '*' = every store. */
  store: string;
  facet: 'all' | 'db' | 'type' | 'doc';
  value: string;
  limit: number;
  cursor?: unknown[];
}

const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;
const DB = /^[a-z][a-z0-9_$()+/-]{0,237}$/;
const TYPE = /^[a-z][a-z0-9-]{0,40}$/;
const HIGH = '\ufff0';

const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

function text(query: Record<string, unknown>, param: string, pattern: RegExp, what: string): string | undefined {
  const v = query[param];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) throw bad(param, `must be ${what}`, v);
  return v;
}

export function parseConflictQuery(query: Record<string, unknown>, scope: StoreScope): ConflictQuery {
  const status = query.status ?? 'pending';
  if (status !== 'pending' && status !== 'resolved') throw bad('status', 'must be pending or resolved', status);
  const asked = text(query, 'store', STORE, 'a store id such as "s1"');
  const db = text(query, 'db', DB, 'a database name such as "store-s1" or "catalog"');
  const type = text(query, 'type', TYPE, 'a document type such as "product"');
  const q = text(query, 'q', /^[^\s]{1,300}$/, 'the start of a document id (1 to 300 characters, no spaces)');
  const given = [['db', db], ['type', type], ['q', q]].filter(([, v]) => v !== undefined).map(([k]) => k!);
  if (given.length > 1) throw bad(given.join('+'), 'give at most one of db, type and q', given);
  const store = asked ?? (scope.stores === null ? '*' : scope.stores[0]!);
  if (scope.stores !== null && !scope.stores.includes(store)) throw new ProntoError('FORBIDDEN', `a manager sees only the conflicts of their own store (${scope.stores.join(', ')})`, { store });
  if (db !== undefined && scope.stores !== null && db !== `store-${store}`) throw new ProntoError('FORBIDDEN', `a manager sees only the conflicts of store-${store}`, { db });
  const limit = parseLimit(query.limit);
  const cursor = query.cursor === undefined ? undefined : parseCursor(query.cursor);
  const [facet, value] = db !== undefined ? ['db', db] as const : type !== undefined ? ['type', type] as const : q !== undefined ? ['doc', q] as const : ['all', ''] as const;
  const sameFilter = (c: unknown[]) => isDeepPrefix([status, store, facet], c) && (facet === 'doc' ? String(c[3]).startsWith(value) : c[3] === value);
  if (cursor && !sameFilter(cursor)) throw bad('cursor', 'belongs to another filter; start again without it', query.cursor);
  return { status, store, facet, value, limit, ...(cursor ? { cursor } : {}) };
}

function parseLimit(v: unknown): number {
  if (v === undefined) return 100;
  const n = typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= 500)) throw bad('limit', 'must be a whole number from 1 to 500', v);
  return n;
}

/** The cursor is the next row's view key (unique: it ends with the record's id). */
export const encodeCursor = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

function parseCursor(v: unknown): unknown[] {
  try {
    if (typeof v !== 'string' || v.length > 2000) throw new Error('not a string');
    const key = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(key) || key.length !== 6 || typeof key[5] !== 'string') throw new Error('wrong shape');
    return key;
  } catch {
    throw bad('cursor', 'is not a cursor this API gave (use nextCursor from the previous page)', v);
  }
}

const isDeepPrefix = (prefix: unknown[], key: unknown[]) => prefix.every((p, i) => key[i] === p);

/** The view range, newest first: the whole filter (for its _count) or one page of it. */
export function conflictRange(q: ConflictQuery): { startkey: unknown[]; endkey: unknown[] } {
  const base = [q.status, q.store, q.facet];
  return q.facet === 'doc'
    ? { startkey: [...base, q.value + HIGH, {}], endkey: [...base, q.value] }
    : { startkey: [...base, q.value, {}], endkey: [...base, q.value] };
}
