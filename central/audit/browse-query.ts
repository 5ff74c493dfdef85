// The audit browser's query string, checked and turned into one key range of the audit
// database's `pronto/audit-browse` view (design-docs/src/audit/views/audit-browse), newest first:
//   actor=<name>  action=<a.b>  store=<id>  from=<ISO time, inclusive>  to=<ISO time, exclusive>
//   limit=1..500 (default 100)  cursor=<opaque, the previous page's nextCursor>
// Pure: a bad parameter is a 400 that names it.
import { ProntoError } from '../../validators/index.js';

export interface AuditBrowseQuery {
  filters: { action?: string; actor?: string; store?: string };
  from?: string;
  to?: string;
  limit: number;
  /** The first row's key of the page asked for (the previous page's next row). */
  cursor?: unknown[];
}

export interface AuditRange { startkey: unknown[]; endkey: unknown[] }

export const MAX_AUDIT_PAGE = 500;
const FILTERS = ['action', 'actor', 'store'] as const;
const PATTERNS: Record<typeof FILTERS[number], [RegExp, string]> = {
  action: [/^[a-z][a-z0-9._-]{0,79}$/i, 'an action such as "tamper.detected"'],
  actor: [/^[^\s]{1,200}$/, 'an account name (1 to 200 characters, no spaces)'],
  store: [/^[a-z0-9][a-z0-9-]{0,30}$/, 'a store id such as "s1"'],
};

const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

export function parseAuditQuery(query: Record<string, unknown>): AuditBrowseQuery {
  const filters: AuditBrowseQuery['filters'] = {};
  for (const name of FILTERS) {
    const v = query[name];
    if (v === undefined || v === '') continue;
    const [pattern, what] = PATTERNS[name];
    if (typeof v !== 'string' || !pattern.test(v)) throw bad(name, `must be ${what}`, v);
    filters[name] = v;
  }
  const from = time(query, 'from');
  const to = time(query, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw bad('to', 'must be later than from', query.to);
  const limit = parseLimit(query.limit);
  const out: AuditBrowseQuery = { filters, limit, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    if (!inRange(cursor, out)) throw bad('cursor', 'belongs to another filter; start again without it', query.cursor);
    out.cursor = cursor;
  }
  return out;
}

/** The view's prefix for these filters: ['action+store', 'tamper.detected', 's1']. */
export function filterPrefix(filters: AuditBrowseQuery['filters']): unknown[] {
  const names = FILTERS.filter((n) => filters[n] !== undefined);
  return [names.join('+'), ...names.map((n) => filters[n])];
}

/** Newest first: startkey is the upper end (before `to`), endkey the lower (`from` on). */
export function auditRange(q: Pick<AuditBrowseQuery, 'filters' | 'from' | 'to'>): AuditRange {
  const prefix = filterPrefix(q.filters);
  return { startkey: [...prefix, q.to ?? {}], endkey: q.from ? [...prefix, q.from] : prefix };
}

export const encodeCursor = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(v: unknown): unknown[] {
  if (typeof v !== 'string' || v.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(v)) throw bad('cursor', 'must be the nextCursor of a previous page', v);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
  } catch {
    throw bad('cursor', 'must be the nextCursor of a previous page', v);
  }
  if (!Array.isArray(key) || key.length < 3 || typeof key.at(-2) !== 'string' || typeof key.at(-1) !== 'number') throw bad('cursor', 'must be the nextCursor of a previous page', v);
  return key;
}

/** Whether a cursor key has this filter's prefix and lies within its time range. */
function inRange(key: unknown[], q: Pick<AuditBrowseQuery, 'filters' | 'from' | 'to'>): boolean {
  const prefix = filterPrefix(q.filters);
  if (key.length !== prefix.length + 2 || !prefix.every((p, i) => p === key[i])) return false;
  const at = key[prefix.length] as string;
  return (q.to === undefined || at < q.to) && (q.from === undefined || at >= q.from);
}

function time(query: Record<string, unknown>, param: string): string | undefined {
  const v = query[param];
  if (v === undefined || v === '') return undefined;
  const ms = typeof v === 'string' && v.length <= 40 && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw bad(param, 'must be an ISO date or time such as 2026-12-02T18:00:00Z', v);
  return new Date(ms).toISOString();
}

function parseLimit(v: unknown): number {
  if (v === undefined || v === '') return 100;
  const n = typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= MAX_AUDIT_PAGE)) throw bad('limit', `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`, v);
  return n;
}
