// The quantities of a till's stock base (history-window.ts), read cheaply for every stock
// question: the window is fixed once, and the base (up to one entry per SKU of the store) is read
// again only when its revision changed — one `allDocs` key lookup, no body, per question.
import { readHistoryWindow, type HistoryWindow } from './history-window.js';
import type { Db } from './pouch-types.js';

interface Cached { window: HistoryWindow; rev?: string; qty: Record<string, number> }

const cache = new WeakMap<Db, Cached>();
const NONE: Readonly<Record<string, number>> = Object.freeze({});

/** SKU → qty of the base, empty for a till without a window or before its base arrived. */
export async function baseQty(db: Db): Promise<Readonly<Record<string, number>>> {
  let entry = cache.get(db);
  if (!entry) {
    const window = await readHistoryWindow(db);
    // No window yet: not cached, a first start may still fix one.
    if (!window) return NONE;
    entry = { window, qty: {} };
    cache.set(db, entry);
  }
  const row = (await db.allDocs({ key: entry.window.baseId })).rows[0] as { value?: { rev: string; deleted?: boolean } } | undefined;
  const rev = row?.value && !row.value.deleted ? row.value.rev : undefined;
  if (rev === undefined) return NONE;
  if (rev !== entry.rev) {
    const doc = (await db.get(entry.window.baseId)) as { _rev: string; qty?: Record<string, number> };
    entry.qty = doc.qty ?? {};
    entry.rev = doc._rev;
  }
  return entry.qty;
}
