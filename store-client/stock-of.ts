// Stock on hand, read from the `pronto/stock` view (key [store, sku], value signed qty, `_sum`):
// stock is never a stored counter, so two tills selling offline cannot conflict over it.

import type { Db } from './pouch-types.js';

const VIEW = 'pronto/stock';

export async function stockOf(storeDb: Db, store: string, sku: string): Promise<number> {
  const res = await storeDb.query(VIEW, { key: [store, sku], reduce: true, group: true });
  return (res.rows[0]?.value as number | undefined) ?? 0;
}

/** Stock per SKU; with `skus`, every one of them is in the result (0 when unknown). */
export async function stockOfMany(storeDb: Db, store: string, skus?: string[]): Promise<Record<string, number>> {
  // With `skus`, only their keys are read: the whole store's range is every SKU of a
  // 20,000-product catalog, read and reduced on the till's main thread for one model's sizes.
  const range = skus ? { keys: skus.map((sku) => [store, sku]) } : { startkey: [store], endkey: [store, {}] };
  const res = await storeDb.query(VIEW, { ...range, reduce: true, group: true });
  const all: Record<string, number> = {};
  for (const row of res.rows) all[(row.key as [string, string])[1]] = row.value as number;
  if (!skus) return all;
  return Object.fromEntries(skus.map((sku) => [sku, all[sku] ?? 0]));
}
