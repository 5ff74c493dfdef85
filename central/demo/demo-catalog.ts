// The demo chain's catalog as plain data: 3 stores and 30 models × 4 colours × 17 sizes
// (22–30, half sizes) = 2,040 SKUs, with prices in centavos and EAN-13 barcodes.
import type { Product, Store } from '../../validators/index.js';

export const DEMO_STORES: ReadonlyArray<{ store: string; name: string; city: string; timezone: string }> = [
  { store: 's1', name: 'Pronto Centro', city: 'Ciudad de México', timezone: 'America/Mexico_City' },
  { store: 's2', name: 'Pronto Chapultepec', city: 'Guadalajara', timezone: 'America/Mexico_City' },
  { store: 's3', name: 'Pronto San Pedro', city: 'Monterrey', timezone: 'America/Monterrey' },
];

const MODELS = [
  'Oxford Clásico', 'Derby Ejecutivo', 'Mocasín Confort', 'Bota Vaquera', 'Botín Chelsea', 'Tenis Urbano',
  'Tenis Running Pro', 'Sandalia Playa', 'Zapatilla Ballet', 'Tacón Stiletto', 'Tacón Bloque', 'Mule Casual',
  'Alpargata', 'Bota Montaña', 'Bota Industrial', 'Escolar Clásico', 'Náutico', 'Slip-on Lona', 'Chancla Confort',
  'Bota Lluvia', 'Oxford Brogue', 'Monk Strap', 'Loafer Borla', 'Tenis Bota', 'Huarache Artesanal', 'Plataforma',
  'Bailarina', 'Mocasín Piel', 'Bota Militar', 'Tenis Skate',
];
const COLOURS: ReadonlyArray<[code: string, name: string]> = [['NEG', 'Negro'], ['CAF', 'Café'], ['BLA', 'Blanco'], ['AZU', 'Azul']];
export const DEMO_SIZES: readonly string[] = Array.from({ length: 17 }, (_, i) => String(22 + i / 2));

export function demoStores(stamp: string, by: string): Store[] {
  return DEMO_STORES.map((s) => ({ _id: `store:${s.store}`, type: 'store', ...s, active: true, updatedAt: stamp, updatedBy: by }) as Store);
}

export function demoProducts(stamp: string, by: string): Product[] {
  const products: Product[] = [];
  MODELS.forEach((model, m) => {
    const price = (599 + ((m * 137) % 19) * 100) * 100; // 599–2,399 pesos, in centavos
    COLOURS.forEach(([code, colour], c) => {
      DEMO_SIZES.forEach((size, s) => {
        const sku = `PS-M${String(m + 1).padStart(2, '0')}-${code}-${size}`;
        products.push({
          _id: `product:${sku}`, type: 'product', sku, model, name: `${model} ${colour} ${size}`, colour, size,
          price, cost: Math.round(price * 0.45), barcode: ean13(`750${pad(m + 1, 3)}${c + 1}${pad(s, 2)}000`.slice(0, 12)),
          active: true, updatedAt: stamp, updatedBy: by,
        } as Product);
      });
    });
  });
  return products;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Appends the EAN-13 check digit to 12 digits. */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return twelve + String((10 - (sum % 10)) % 10);
}
