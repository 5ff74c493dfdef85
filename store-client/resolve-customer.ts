// Follows `mergedInto` links to the customer that survived a duplicate merge, so a sale's
// `customer` reference stays resolvable after the resolver merged that customer into another.
// Bounded and cycle-safe: two resolvers or a hand edit could leave a loop or a long chain.

import type { Customer } from '../validators/index.js';
import { isNotFound, type Db } from './pouch-types.js';

/** Links followed at most; a longer chain is treated as broken. */
export const MAX_MERGE_HOPS = 10;

/** The surviving customer for `id`, or null when it, or a link on the way, is missing, a loop or too long. */
export async function resolveCustomer(customersDb: Db, id: string): Promise<Customer | null> {
  const seen = new Set<string>();
  let next: string | undefined = id;
  for (let hops = 0; next !== undefined && hops <= MAX_MERGE_HOPS; hops++) {
    if (seen.has(next)) return null;
    seen.add(next);
    const doc = await getCustomer(customersDb, next);
    if (!doc) return null;
    if (!doc.mergedInto) return doc;
    next = doc.mergedInto;
  }
  return null;
}

async function getCustomer(db: Db, id: string): Promise<Customer | undefined> {
  try {
    const doc = (await db.get(id)) as Customer;
    return doc.type === 'customer' ? doc : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
