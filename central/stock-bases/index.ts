// Stock bases: central's per-store sums of stock before a month start, so a till keeps only a
// window of its store's history (store-client/history-window) and still knows its stock.
export { ensureStockBase, publishStockBase, type PublishDeps } from './publish-stock-base.js';
export { baseCutoffs, refreshStockBases } from './refresh-stock-bases.js';
export { isMonthStart, latestCutoff, moneyIdDay, stockBaseId, sumBefore, type MonthRow } from './sum-before.js';
