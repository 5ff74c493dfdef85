// Realistic documents of one store for benchmarks, pure and seeded: sales of 1–4 lines of a shoe
// catalog (model × colour × size), paid in cash or by card, and about one return in forty, of
// part of an earlier sale. Spread evenly over a year of business days, so `count` of ~100,000
// is a store-year. Built with the till's own builders, so each is shaped as a till makes it (unsigned:
// a store database's validate_doc_update wants signatures; see the scenarios that write there).
import type { Return, Sale } from '../../validators/index.js';
import { buildReturn, buildSale } from '../../store-client/index.js';

export interface StoreYearOptions {
  store: string;
  /** Documents to make, sales and returns together. */
  count: number;
  /** Same seed, same documents. */
  seed?: number;
  /** First business day, `YYYY-MM-DD` (UTC); the year runs from there. */
  from?: string;
  /** Node id of the till that wrote them; default `<store>.pos1`. */
  device?: string;
}

const COLOURS = ['NEG', 'CAF', 'BLA', 'AZU'];
const SIZES = Array.from({ length: 17 }, (_, i) => String(22 + i / 2));
const MODELS = 30;

/** A shoe SKU of the bench catalog, e.g. `BX-007-NEG-25.5` (30 models × 4 colours × 17 sizes). */
export function benchSku(i: number): string {
  const n = Math.abs(Math.trunc(i)) % (MODELS * COLOURS.length * SIZES.length);
  const model = Math.floor(n / (COLOURS.length * SIZES.length));
  const rest = n % (COLOURS.length * SIZES.length);
  return `BX-${String(model + 1).padStart(3, '0')}-${COLOURS[Math.floor(rest / SIZES.length)]}-${SIZES[rest % SIZES.length]}`;
}

/** mulberry32: a small seeded generator, enough for bench data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR_MS = 365 * 86_400_000;

export function storeYear(opts: StoreYearOptions): Array<Sale | Return> {
  const rnd = random(opts.seed ?? 1);
  const device = opts.device ?? `${opts.store}.pos1`;
  const start = Date.parse(`${opts.from ?? '2025-12-01'}T14:00:00.000Z`);
  const step = Math.max(1, Math.floor(YEAR_MS / Math.max(1, opts.count)));
  const docs: Array<Sale | Return> = [];
  const sales: Sale[] = [];
  for (let i = 0; i < opts.count; i++) {
    const at = new Date(start + i * step + (i % 1000));
    const ctx = { store: opts.store, device, cashier: `cashier-${opts.store}`, businessDay: at.toISOString().slice(0, 10), stamp: `${at.toISOString()}-0000-${device}` };
    const earlier = sales[Math.floor(rnd() * sales.length)];
    if (earlier !== undefined && rnd() < 0.025) {
      const line = Math.floor(rnd() * earlier.lines.length);
      docs.push(buildReturn(earlier, [], { lines: [{ line, qty: 1 }], refundMethod: 'cash', reason: 'talla equivocada', approvedBy: `manager-${opts.store}` }, ctx));
      continue;
    }
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
      sku: benchSku(Math.floor(rnd() * 100_000)), qty: rnd() < 0.9 ? 1 : 2, unitPrice: (499 + Math.floor(rnd() * 23) * 100) * 100,
    }));
    const total = lines.reduce((s, l) => s + l.qty * l.unitPrice, 0);
    const sale = buildSale({ lines, payments: [{ method: rnd() < 0.5 ? 'cash' : 'card', amount: total }] }, ctx);
    sales.push(sale);
    docs.push(sale);
  }
  return docs;
}
