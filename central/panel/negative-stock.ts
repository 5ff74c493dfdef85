// The SKUs of a store whose stock on hand is below zero (sold more than received: a receipt not
// yet entered, a miscount). CouchDB cannot filter a reduced view by its value, so this reads the
// store's grouped `stock` rows (one per SKU it has moved) and keeps the negative ones; the result
// is kept per store until the store database's update_seq moves, so an idle store costs one
// `GET /<db>` per look.
import type Nano from 'nano';
import type { NegativeSku } from '../../validators/api/panel.js';
import { couchError, isStatus } from '../couch/errors.js';

export interface NegativeStock { count: number; skus: NegativeSku[] }

/** SKUs listed per store; `count` says how many there are in all. */
export const MAX_LISTED_SKUS = 20;

export type NegativeStockReader = (store: string) => Promise<NegativeStock>;

export function negativeStockReader(nano: Nano.ServerScope, maxStores = 1000): NegativeStockReader {
  const cache = new Map<string, { seq: string; result: NegativeStock }>();
  return async (store) => {
    const db = nano.use(`store-${store}`);
    try {
      const seq = JSON.stringify((await nano.db.get(`store-${store}`)).update_seq);
      const hit = cache.get(store);
      if (hit && hit.seq === seq) return hit.result;
      const res = await db.view('pronto', 'stock', { startkey: [store], endkey: [store, {}], group: true });
      const negative = res.rows
        .filter((r) => typeof r.value === 'number' && r.value < 0)
        .map((r) => ({ sku: String((r.key as unknown as unknown[])[1]), qty: r.value as number }))
        .sort((a, b) => a.qty - b.qty || a.sku.localeCompare(b.sku));
      const result = { count: negative.length, skus: negative.slice(0, MAX_LISTED_SKUS) };
      cache.delete(store);
      cache.set(store, { seq, result });
      for (const k of cache.keys()) if (cache.size > maxStores) cache.delete(k); else break;
      return result;
    } catch (err) {
      if (isStatus(err, 404)) return { count: 0, skus: [] };
      throw couchError(err, `reading the stock of store ${store}`);
    }
  };
}
