// Stock on hand, read from the `pronto/stock` view (key [store, sku], value signed qty, `_sum`):
// stock is never a stored counter, so two tills selling offline cannot conflict over it. A till
// with a history window (history-window.ts) adds central's stock base at its cutoff: the view
// only sees the documents from the cutoff on, the base sums everything before.

import type { Db } from './pouch-types.js';
import { baseQty } from './stock-base-qty.js';

const VIEW = 'pronto/stock';

export async function stockOf(storeDb: Db, store: string, sku: string): Promise<number> {
  const [res, base] = await Promise.all([storeDb.query(VIEW, { key: [store, sku], reduce: true, group: true }), baseQty(storeDb)]);
  return ((res.rows[0]?.value as number | undefined) ?? 0) + (base[sku] ?? 0);
}

/** Stock per SKU; with `skus`, every one of them is in the result (0 when unknown). */
export async function stockOfMany(storeDb: Db, store: string, skus?: string[]): Promise<Record<string, number>> {
  // With `skus`, only their keys are read: the whole store's range is every SKU of a
  // 20,000-product catalog, read and reduced on the till's main thread for one model's sizes.
  const range = skus ? { keys: skus.map((sku) => [store, sku]) } : { startkey: [store], endkey: [store, {}] };
  const [res, base] = await Promise.all([storeDb.query(VIEW, { ...range, reduce: true, group: true }), baseQty(storeDb)]);
  const all: Record<string, number> = skus ? {} : { ...base };
  for (const row of res.rows) {
    const sku = (row.key as [string, string])[1];
    all[sku] = (row.value as number) + (base[sku] ?? 0);
  }
  if (!skus) return all;
  return Object.fromEntries(skus.map((sku) => [sku, all[sku] ?? base[sku] ?? 0]));
}

/**
 * Indexes what was written since the stock view was last read — a sale's lines, say — without
 * reading any stock (a query updates the view before it answers; this one answers no rows). The
 * POS runs it once a sale's receipt is on screen, so the next stock read does not index that sale
 * first, while the next sale may already be writing.
 */
export async function refreshStockView(storeDb: Db): Promise<void> {
  await storeDb.query(VIEW, { reduce: false, limit: 0 });
}
