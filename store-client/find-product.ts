// Finds a product by what the cashier typed or scanned: an exact SKU (`product:<sku>`), else a
// barcode. The barcode path scans every product for now; a search index is a later issue.

import type { Product } from '../validators/index.js';
import { isNotFound, type Db } from './pouch-types.js';

export async function findProduct(catalogDb: Db, code: string): Promise<Product | null> {
  const wanted = code.trim();
  if (wanted === '') return null;
  try {
    const doc = (await catalogDb.get(`product:${wanted}`)) as Product;
    if (doc.type === 'product') return doc;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const res = await catalogDb.allDocs({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true });
  for (const row of res.rows) {
    const doc = row.doc as Product | undefined;
    if (doc && doc.type === 'product' && doc.barcode === wanted) return doc;
  }
  return null;
}
