// The conflict queue's filters as the address carries them (#/conflicts?status=pending&store=s1&type=product)
// and as the API takes them (GET /api/conflicts, POST /api/conflicts/bulk's `filter`). The API
// takes one of db, type and q (an id prefix) at a time: the first one present wins. Pure.
export interface QueueFilter {
  status: 'pending' | 'resolved';
  store: string;
  db: string;
  type: string;
  q: string;
}

export const NO_FILTER: QueueFilter = { status: 'pending', store: '', db: '', type: '', q: '' };
/** Rows per page. */
export const PAGE_SIZE = 50;
/** Most conflicts one bulk action settles (the API's bound). */
export const BULK_MAX = 500;

const FACETS = ['db', 'type', 'q'] as const;

export function filterFromQuery(query: URLSearchParams): QueueFilter {
  const status = query.get('status') === 'resolved' ? 'resolved' : 'pending';
  const facet = FACETS.find((f) => (query.get(f) ?? '').trim() !== '');
  const value = facet ? query.get(facet)!.trim() : '';
  return { ...NO_FILTER, status, store: (query.get('store') ?? '').trim(), ...(facet ? { [facet]: value } : {}) };
}

/** The filter's non-empty parts, in a fixed order (the address and the API share them). */
export function filterQuery(f: QueueFilter): URLSearchParams {
  const q = new URLSearchParams({ status: f.status });
  if (f.store) q.set('store', f.store);
  const facet = FACETS.find((k) => f[k] !== '');
  if (facet) q.set(facet, f[facet]);
  return q;
}

export const queueAddress = (f: QueueFilter): string => `#/conflicts?${filterQuery(f).toString()}`;

export function listPath(f: QueueFilter, cursor: string | null, limit = PAGE_SIZE): string {
  const q = filterQuery(f);
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return `/conflicts?${q.toString()}`;
}

/** POST /api/conflicts/bulk's `filter`: the pending conflicts this filter shows, at most BULK_MAX. */
export function bulkFilter(f: QueueFilter): Record<string, string | number> {
  const out: Record<string, string | number> = Object.fromEntries([...filterQuery(f)].filter(([k]) => k !== 'status'));
  return { ...out, limit: BULK_MAX };
}

/** One facet set clears the other two (the API takes one at a time). */
export function withFacet(f: QueueFilter, facet: typeof FACETS[number], value: string): QueueFilter {
  return { ...f, db: '', type: '', q: '', [facet]: value.trim() };
}
