// Every line of a sale or stock movement names a product of the catalog, pure. A return's lines
// are held to its sale's lines instead (return-rules.ts): the sale's were checked on arrival,
// and a product retired since must still be returnable.
import type { Rule } from './types.js';

export const knownSkus: Rule = (doc, ctx) => {
  if (doc.type === 'return') return [];
  return doc.lines.flatMap((line, i) => ctx.products.has(line.sku) ? [] : [{
    level: 'quarantine' as const,
    reason: `${doc.type}/lines/${i}: unknown SKU ${line.sku} (not in the catalog)`,
  }]);
};
