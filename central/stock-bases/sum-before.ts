// A stock base's quantities from the `pronto/stock-by-month` view grouped by [month, sku], pure:
// every month before the cutoff's, summed per SKU; SKUs that come to 0 are left out.
// Cutoffs are month starts, so "stamped before the cutoff" is exactly "in an earlier month".

export interface MonthRow { key: [string, string]; value: number }

export function sumBefore(rows: readonly MonthRow[], cutoff: string): Record<string, number> {
  const month = cutoff.slice(0, 7);
  const sums = new Map<string, number>();
  for (const { key: [m, sku], value } of rows) {
    if (m < month) sums.set(sku, (sums.get(sku) ?? 0) + value);
  }
  const qty: Record<string, number> = {};
  for (const sku of [...sums.keys()].sort()) if (sums.get(sku) !== 0) qty[sku] = sums.get(sku)!;
  return qty;
}

/**
 * The day a sale, move or return id is stamped (`<type>:<store>:[void:]<HLC>`), or undefined for
 * any other id. A void's id carries its sale's stamp, which is never later than its own: an
 * earlier day only makes central look at a base once more than it needed to.
 */
export function moneyIdDay(id: string): string | undefined {
  const m = /^(?:sale|move|return):[^:]+:(?:void:)?([0-9]{4}-[0-9]{2}-[0-9]{2})T/.exec(id);
  return m?.[1];
}

/** The id of a store's base at a cutoff. */
export const stockBaseId = (store: string, cutoff: string): string => `stock-base:${store}:${cutoff}`;

/** True when `cutoff` is a month start `YYYY-MM-01`. */
export const isMonthStart = (cutoff: unknown): cutoff is string =>
  typeof cutoff === 'string' && /^[0-9]{4}-(?:0[1-9]|1[0-2])-01$/.test(cutoff);

/**
 * The latest cutoff central publishes a base for at `now`: the current month's start (UTC). A
 * till's cutoff is a month start at least `historyDays` (≥ 31) back, so always earlier; and this
 * month's documents — nearly every change — can then never fall before a base (refresh-stock-bases).
 */
export function latestCutoff(now: number): string {
  return new Date(now).toISOString().slice(0, 7) + '-01';
}
