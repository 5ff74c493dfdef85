// The catalog in memory, indexed by SKU and barcode, so a scan is a Map lookup instead of a
// scan of the local database (findProduct's barcode path reads every product). Rebuilt from
// the local catalog database whenever its changes feed moves. Also keeps the catalog grouped
// by model + colour for the name search (search-catalog.ts), and the few store and settings
// documents the till reads (its store's name and time zone, the POS settings).

import type { Product, Settings, Store } from '../../../validators/types.js';
import type { Db } from '../../browser.js';
import { groupByModelColour, searchModels, type ModelColour } from '../search-catalog.js';
import { followChanges } from './follow-changes.js';

export class CatalogIndex {
  private bySku = new Map<string, Product>();
  /** Every product, inactive ones included: old receipts still name what they sold. */
  private everySku = new Map<string, Product>();
  private byBarcode = new Map<string, Product>();
  private models: ModelColour[] = [];
  private stores = new Map<string, Store>();
  private settings = new Map<string, Settings>();
  private stopFeed: (() => void) | undefined;

  constructor(private readonly db: Db, private readonly onChange: () => void = () => undefined) {}

  get size(): number {
    return this.bySku.size;
  }

  async start(): Promise<void> {
    this.stopFeed = await followChanges(this.db, () => this.rebuild());
  }

  stop(): void {
    this.stopFeed?.();
  }

  /** By exact SKU (case-insensitive) or barcode. */
  find(code: string): Product | undefined {
    const wanted = code.trim();
    return this.bySku.get(wanted.toUpperCase()) ?? this.byBarcode.get(wanted);
  }

  /** Any product by exact SKU, inactive ones included (for receipts and returns). */
  product(sku: string): Product | undefined {
    return this.everySku.get(sku.toUpperCase());
  }

  store(id: string): Store | undefined {
    return this.stores.get(id);
  }

  setting(key: string): Settings | undefined {
    return this.settings.get(key);
  }

  /** Models (by colour) matching a name, colour, SKU prefix or barcode; see searchModels. */
  search(text: string, limit?: number): ModelColour[] {
    return searchModels(this.models, text, limit);
  }

  private async rebuild(): Promise<void> {
    const res = await this.db.allDocs({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true });
    const bySku = new Map<string, Product>();
    const everySku = new Map<string, Product>();
    const byBarcode = new Map<string, Product>();
    for (const row of res.rows) {
      const doc = row.doc as Product | undefined;
      if (!doc || doc.type !== 'product') continue;
      everySku.set(doc.sku.toUpperCase(), doc);
      if (!doc.active) continue;
      bySku.set(doc.sku.toUpperCase(), doc);
      if (doc.barcode) byBarcode.set(doc.barcode, doc);
    }
    this.bySku = bySku;
    this.everySku = everySku;
    this.byBarcode = byBarcode;
    this.models = groupByModelColour(bySku.values());
    this.stores = await this.byKey<Store>('store:', (d) => d.store);
    this.settings = await this.byKey<Settings>('settings:', (d) => d.key);
    this.onChange();
  }

  private async byKey<T extends { type: string }>(prefix: string, key: (doc: T) => string): Promise<Map<string, T>> {
    const res = await this.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    const type = prefix.slice(0, -1);
    const out = new Map<string, T>();
    for (const row of res.rows) {
      const doc = row.doc as T | undefined;
      if (doc?.type === type) out.set(key(doc), doc);
    }
    return out;
  }
}
