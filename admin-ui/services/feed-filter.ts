// The change feed's filters, pure: by store and by document type, read from and written to the
// page's address (`#/feed?store=s1&type=sale`, route.ts hashQuery) so a link can open it filtered.
import type { FeedEntry } from './feed-buffer.js';

/** Empty string: any. */
export interface FeedFilter { store: string; type: string }

export const NO_FILTER: FeedFilter = { store: '', type: '' };

export function filterOf(query: URLSearchParams): FeedFilter {
  return { store: query.get('store') ?? '', type: query.get('type') ?? '' };
}

/** The feed's address with these filters (no `?` when there are none). */
export function feedHash(filter: FeedFilter): string {
  const q = new URLSearchParams();
  if (filter.store) q.set('store', filter.store);
  if (filter.type) q.set('type', filter.type);
  const s = q.toString();
  return s ? `#/feed?${s}` : '#/feed';
}

export function matches(entry: FeedEntry, filter: FeedFilter): boolean {
  return (filter.store === '' || entry.store === filter.store) && (filter.type === '' || entry.docType === filter.type);
}

/** The choices a filter offers: the values seen, plus the one chosen (so a link's filter shows), sorted. */
export function choices(values: Iterable<string | null>, chosen: string): string[] {
  const set = new Set<string>();
  for (const v of values) if (v) set.add(v);
  if (chosen) set.add(chosen);
  return [...set].sort();
}
