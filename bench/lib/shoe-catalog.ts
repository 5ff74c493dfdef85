// A shoe catalog grown to a target size for benchmarks: bench models × 4 colours × 17 sizes,
// products shaped as the catalog's schema wants them. Pure: stamp and author are passed in.
import { ean13 } from '../../central/demo/demo-catalog.js';

const COLOURS: ReadonlyArray<[string, string]> = [['NEG', 'Negro'], ['CAF', 'Café'], ['BLA', 'Blanco'], ['AZU', 'Azul']];
const SIZES = Array.from({ length: 17 }, (_, i) => String(22 + i / 2));

export interface BenchProduct { _id: string; type: 'product'; sku: string; model: string; name: string; [field: string]: unknown }

/** Enough bench models to bring a catalog of `existing` products to about `target` SKUs. */
export function benchProducts(existing: number, target: number, stamp: string, by: string): { docs: BenchProduct[]; models: number } {
  const perModel = COLOURS.length * SIZES.length;
  const models = Math.max(0, Math.floor((target - existing) / perModel));
  const docs: BenchProduct[] = [];
  for (let m = 0; m < models; m++) {
    const model = `Modelo Banco ${String(m + 1).padStart(3, '0')}`;
    const price = (499 + ((m * 53) % 23) * 100) * 100;
    COLOURS.forEach(([code, colour], c) => SIZES.forEach((size, s) => {
      const sku = `BX-${String(m + 1).padStart(3, '0')}-${code}-${size}`;
      docs.push({
        _id: `product:${sku}`, type: 'product', sku, model, name: `${model} ${colour} ${size}`, colour, size,
        price, cost: Math.round(price * 0.45), barcode: ean13(`779${String(m + 1).padStart(4, '0')}${c + 1}${String(s).padStart(2, '0')}00`.slice(0, 12)),
        active: true, updatedAt: stamp, updatedBy: by,
      });
    }));
  }
  return { docs, models };
}
