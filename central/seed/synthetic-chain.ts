// A synthetic chain as plain data, deterministic so that seeding twice writes nothing new:
// stores `syn-0001`…, products `SYN-000001`… (sizes 22–30 in turn, prices from the index), and a
// store's opening stock as `opening` moves of at most 500 lines (the schema's limit).
import type { Move, Product, Store } from '../../validators/index.js';
import { buildMove } from '../../store-client/move.js';
import { DEMO_SIZES } from '../demo/demo-catalog.js';

export const syntheticStoreId = (i: number): string => `syn-${String(i + 1).padStart(4, '0')}`;
export const syntheticSku = (i: number): string => `SYN-${String(i + 1).padStart(6, '0')}`;

const LINES_PER_MOVE = 500;

export function syntheticStores(count: number, stamp: string, by: string): Store[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `store:${syntheticStoreId(i)}`, type: 'store', store: syntheticStoreId(i), name: `Sintética ${i + 1}`,
    timezone: 'America/Mexico_City', active: true, updatedAt: stamp, updatedBy: by,
  }) as Store);
}

export function syntheticProducts(count: number, stamp: string, by: string): Product[] {
  return Array.from({ length: count }, (_, i) => {
    const sku = syntheticSku(i);
    const model = `Modelo ${Math.floor(i / DEMO_SIZES.length) + 1}`;
    const size = DEMO_SIZES[i % DEMO_SIZES.length]!;
    const price = (500 + (i % 20) * 100) * 100; // 500–2,400 pesos, in centavos
    return {
      _id: `product:${sku}`, type: 'product', sku, model, name: `${model} Negro ${size}`, colour: 'Negro', size,
      price, cost: Math.round(price * 0.45), active: true, updatedAt: stamp, updatedBy: by,
    } as Product;
  });
}

/** One store's opening stock of `skus` SKUs, 1–6 pairs each, one move per 500 lines; `stamp()` gives each move its HLC. */
export function syntheticOpeningStock(storeIndex: number, skus: number, device: string, stamp: () => string): Move[] {
  const moves: Move[] = [];
  for (let first = 0; first < skus; first += LINES_PER_MOVE) {
    const lines = Array.from({ length: Math.min(LINES_PER_MOVE, skus - first) }, (_, k) => {
      const i = first + k;
      return { sku: syntheticSku(i), qty: 1 + ((storeIndex * 31 + i * 7) % 6) };
    });
    moves.push(buildMove({ kind: 'opening', lines, reason: 'Inventario inicial (pronto-sync seed)' }, { store: syntheticStoreId(storeIndex), device, user: device, stamp: stamp() }));
  }
  return moves;
}
