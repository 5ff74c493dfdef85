// The demo chain's per-store documents as plain data: opening stock for every SKU (one `move`
// per model and colour) and a few sales, built with the same builders the POS uses.
import type { Move, Product, Sale } from '../../validators/index.js';
import { buildMove } from '../../store-client/move.js';
import { buildSale } from '../../store-client/sale.js';
import { businessDay } from '../../store-client/business-day.js';

export interface StampSource { next(): string }

export function demoOpeningStock(store: string, products: readonly Product[], random: () => number, stamps: StampSource): Move[] {
  const byModelColour = new Map<string, Product[]>();
  for (const p of products) {
    const key = `${p.model}|${p.colour}`;
    byModelColour.set(key, [...(byModelColour.get(key) ?? []), p]);
  }
  return [...byModelColour.values()].flatMap((group) => {
    const lines = group
      .map((p) => ({ sku: p.sku, qty: Math.floor(random() * 7) }))
      .filter((l) => l.qty > 0);
    if (lines.length === 0) return [];
    return [buildMove({ kind: 'opening', lines, reason: 'Inventario inicial' }, { store, device: 'central', user: 'central', stamp: stamps.next() })];
  });
}

export function demoSales(store: string, timeZone: string, products: readonly Product[], random: () => number, stamps: StampSource, nowMs: number, count: number): Sale[] {
  return Array.from({ length: count }, () => {
    const picks = Array.from({ length: 1 + Math.floor(random() * 2) }, () => products[Math.floor(random() * products.length)]!);
    const lines = picks.map((p) => ({ sku: p.sku, qty: 1, unitPrice: p.price }));
    const total = lines.reduce((sum, l) => sum + l.unitPrice, 0);
    const cash = random() < 0.5;
    const payments = [{ method: cash ? ('cash' as const) : ('card' as const), amount: cash ? Math.ceil(total / 50_000) * 50_000 : total }];
    return buildSale({ lines, payments }, {
      store, device: 'central', cashier: `cashier-${store}`, stamp: stamps.next(), businessDay: businessDay(nowMs, timeZone),
    });
  });
}
