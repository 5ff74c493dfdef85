// The catalog in memory, indexed by SKU and barcode, so a scan is a Map lookup instead of a
// scan of the local database (findProduct's barcode path reads every product). Rebuilt from
// the local catalog database whenever its changes feed moves (debounced). Also keeps the
// catalog grouped by model + colour for the name search (search-catalog.ts).

import type { Product } from '../../../validators/types.js';
import type { Db } from '../../browser.js';
import { groupByModelColour, searchModels, type ModelColour } from '../search-catalog.js';

const REBUILD_DELAY_MS = 300;

export class CatalogIndex {
  private bySku = new Map<string, Product>();
  private byBarcode = new Map<string, Product>();
  private models: ModelColour[] = [];
  private feed: { cancel(): void } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: Db, private readonly onChange: () => void = () => undefined) {}

  get size(): number {
    return this.bySku.size;
  }

  async start(): Promise<void> {
    await this.rebuild();
    const feed = this.db.changes({ live: true, since: 'now' });
    feed.on('change', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.rebuild(), REBUILD_DELAY_MS);
    });
    feed.on('error', () => undefined);
    this.feed = feed;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.feed?.cancel();
  }

  /** By exact SKU (case-insensitive) or barcode. */
  find(code: string): Product | undefined {
    const wanted = code.trim();
    return this.bySku.get(wanted.toUpperCase()) ?? this.byBarcode.get(wanted);
  }

  /** Models (by colour) matching a name, colour, SKU prefix or barcode; see searchModels. */
  search(text: string, limit?: number): ModelColour[] {
    return searchModels(this.models, text, limit);
  }

  private async rebuild(): Promise<void> {
    const res = await this.db.allDocs({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true });
    const bySku = new Map<string, Product>();
    const byBarcode = new Map<string, Product>();
    for (const row of res.rows) {
      const doc = row.doc as Product | undefined;
      if (!doc || doc.type !== 'product' || !doc.active) continue;
      bySku.set(doc.sku.toUpperCase(), doc);
      if (doc.barcode) byBarcode.set(doc.barcode, doc);
    }
    this.bySku = bySku;
    this.byBarcode = byBarcode;
    this.models = groupByModelColour(bySku.values());
    this.onChange();
  }
}
