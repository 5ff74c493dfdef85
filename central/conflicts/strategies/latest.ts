// The entry with the greatest HLC stamp. Stamps order by wall time, counter, then node id, so
// two nodes writing in the same millisecond are still ordered; only an identical stamp (or two
// missing ones) falls back to CouchDB's own winner order, which every replica agrees on.
import { compareStamps } from '../../../store-client/hlc.js';
import { couchWinner } from '../couch-winner.js';
import type { Leaf } from '../types.js';

export function latest<T extends { leaf: Leaf; stamp: string }>(entries: readonly T[]): T {
  let best = '';
  for (const e of entries) if (compareStamps(e.stamp, best) > 0) best = e.stamp;
  const tied = entries.filter((e) => e.stamp === best);
  const winner = couchWinner(tied.map((e) => e.leaf));
  return tied.find((e) => e.leaf === winner)!;
}
