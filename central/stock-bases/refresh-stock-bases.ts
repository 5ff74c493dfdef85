// Keeps a store's published stock bases current (a change-feed job, central/feed/feed-jobs.ts):
// when a sale, move or return stamped before a base's cutoff changes — a till that was offline
// delivers it late, an admin quarantines or clears it, a forged branch is deleted — every base
// of that store whose cutoff is after it is computed again from the view (publish-stock-base).
// Bases are only published for cutoffs up to the current month (stock-base-route), so a batch of
// this month's documents — nearly every batch — is left alone without a read.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { publishStockBase, type PublishDeps } from './publish-stock-base.js';
import { latestCutoff, moneyIdDay } from './sum-before.js';

/** The cutoffs of the bases published for `store`, oldest first. */
export async function baseCutoffs(nano: Nano.ServerScope, store: string): Promise<string[]> {
  const prefix = `stock-base:${store}:`;
  try {
    const res = await nano.use(`store-${store}`).list({ startkey: prefix, endkey: `${prefix}\ufff0` });
    return res.rows.filter((r) => !(r.value as { deleted?: boolean }).deleted).map((r) => r.id.slice(prefix.length));
  } catch (err) {
    throw couchError(err, `listing the stock bases of store-${store}`);
  }
}

/** Recomputes the bases of `store` that any of these changed ids falls before; returns their cutoffs. */
export async function refreshStockBases(deps: PublishDeps, store: string, ids: readonly string[], now = Date.now()): Promise<string[]> {
  const days = ids.map(moneyIdDay).filter((d): d is string => d !== undefined);
  if (days.length === 0) return [];
  const earliest = days.reduce((a, b) => (a < b ? a : b));
  if (earliest >= latestCutoff(now)) return [];
  const stale = (await baseCutoffs(deps.nano, store)).filter((cutoff) => earliest < cutoff);
  for (const cutoff of stale) await publishStockBase(deps, store, cutoff);
  return stale;
}
