// Turns the views' grouped rows into the series GET /api/stats answers, pure: one value per hour
// or day of the range (zeros where nothing happened), ready to draw.
export interface SalesSeries {
  /** Sales per hour. */
  count: number[];
  /** Takings per hour, centavos. */
  gross: number[];
  /** Refunds per hour (returns and voids), centavos. */
  refunds: number[];
  /** gross - refunds. */
  net: number[];
}

export interface ConflictSeries { strategy: string; outcome: string; counts: number[] }

export interface StoreLag {
  store: string;
  /** New sales, returns and moves that arrived in the range. */
  documents: number;
  /** Their mean upload lag (arrival at central minus the till's stamp), ms; null when none arrived. */
  meanLagMs: number | null;
}

export interface Stats {
  from: string;
  to: string;
  store: string | null;
  hours: string[];
  /** Changes that reached central per hour (central/stats/tally-arrivals.ts). */
  synced: number[];
  sales: SalesSeries;
  days: string[];
  conflicts: ConflictSeries[];
  lag: StoreLag[];
}

type Row<K extends unknown[], V> = { key: K; value: V };
export type StatsRow = Row<[string, string], { count: number; sum: number }>;

const indexOf = (keys: readonly string[]) => new Map(keys.map((k, i) => [k, i]));

/** sales-by-hour rows ([hour, kind] → _stats) of every store, summed. */
export function salesSeries(hours: readonly string[], rows: ReadonlyArray<StatsRow>): SalesSeries {
  const at = indexOf(hours);
  const zero = () => hours.map(() => 0);
  const s: SalesSeries = { count: zero(), gross: zero(), refunds: zero(), net: zero() };
  for (const { key: [hour, kind], value } of rows) {
    const i = at.get(hour);
    if (i === undefined) continue;
    if (kind === 'sale') {
      s.count[i]! += value.count;
      s.gross[i]! += value.sum;
    } else if (kind === 'return') s.refunds[i]! += value.sum;
  }
  s.net = s.gross.map((g, i) => g - s.refunds[i]!);
  return s;
}

/** arrivals-by-hour rows ([store, hour] → [changes, lagged, lagSumMs]). */
export function syncedSeries(hours: readonly string[], rows: ReadonlyArray<Row<[string, string], number[]>>): number[] {
  const at = indexOf(hours);
  const out = hours.map(() => 0);
  for (const { key, value } of rows) {
    const i = at.get(key[1]);
    if (i !== undefined) out[i]! += value[0] ?? 0;
  }
  return out;
}

/** conflicts-by-day rows ([store, day, strategy, outcome] → _count), one series per strategy and outcome. */
export function conflictSeries(days: readonly string[], rows: ReadonlyArray<Row<[string, string, string, string], number>>): ConflictSeries[] {
  const at = indexOf(days);
  const series = new Map<string, ConflictSeries>();
  for (const { key: [, day, strategy, outcome], value } of rows) {
    const i = at.get(day);
    if (i === undefined) continue;
    const name = `${strategy}/${outcome}`;
    if (!series.has(name)) series.set(name, { strategy, outcome, counts: days.map(() => 0) });
    series.get(name)!.counts[i]! += value;
  }
  return [...series.values()].sort((a, b) => a.strategy.localeCompare(b.strategy) || a.outcome.localeCompare(b.outcome));
}

/** One store's arrivals-by-hour total over the range ([changes, lagged, lagSumMs]). */
export function storeLag(store: string, total: readonly number[] | undefined): StoreLag {
  const documents = total?.[1] ?? 0;
  return { store, documents, meanLagMs: documents > 0 ? Math.round(total![2]! / documents) : null };
}
