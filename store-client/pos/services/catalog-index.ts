// The catalog in memory, indexed by SKU and barcode, so a scan is a Map lookup instead of a
// scan of the local database (findProduct's barcode path reads every product); grouped by
// model + colour for the name search (search-catalog.ts); and the few store and settings
// documents the till reads (its store's name and time zone, the POS settings). Kept up to date
// document by document from the local catalog's changes feed (follow-docs.ts), or, while a
// first start loads the catalog's snapshot, from the pages the load writes (snapshotPages).

import type { Product, Settings, Store } from '../../../validators/types.js';
import type { Db } from '../../browser.js';
import { groupByModelColour, searchModels, type ModelColour } from '../search-catalog.js';
import type { SnapshotPageSink } from '../../snapshot/page-sink.js';
import { DocFollower, type Followed } from './follow-docs.js';

export class CatalogIndex {
  /** Every product by SKU, inactive ones included: old receipts still name what they sold. */
  private products = new Map<string, Product>();
  private bySku = new Map<string, Product>();
  private byBarcode = new Map<string, Product>();
  private models: ModelColour[] = [];
  private readonly stores = new Map<string, Store>();
  private readonly settings = new Map<string, Settings>();
  /** Changes applied since bySku, byBarcode and models were last worked out. */
  private dirty = false;
  private readonly follower: DocFollower;
  /** Who else reads the catalog's documents as they are applied (the settings:sync follower). */
  private readonly followers = new Set<(doc: Followed) => void>();

  constructor(db: Db, private readonly onChange: () => void = () => undefined) {
    this.follower = new DocFollower(db, (doc) => this.apply(doc), () => this.settle());
  }

  get size(): number {
    return this.bySku.size;
  }

  start(): Promise<void> {
    return this.follower.start();
  }

  stop(): void {
    this.follower.stop();
  }

  /** Where the catalog's snapshot load hands its pages (first-start-snapshot.ts), instead of this
   *  index reading each one back out of IndexedDB through its feed. */
  snapshotPages(): SnapshotPageSink {
    return this.follower.handOff();
  }

  /**
   * Calls `listener` with every document this index applies from now on (the first read's, then
   * each change), so another reader of the catalog needs no feed of its own: each live feed
   * reads every write back out of IndexedDB. Returns the unsubscribe.
   */
  follow(listener: (doc: Followed) => void): () => void {
    this.followers.add(listener);
    return () => this.followers.delete(listener);
  }

  /** An active product by exact SKU (case-insensitive) or barcode. */
  find(code: string): Product | undefined {
    this.settle();
    const wanted = code.trim();
    return this.bySku.get(wanted.toUpperCase()) ?? this.byBarcode.get(wanted);
  }

  /** Any product by exact SKU, inactive ones included (for receipts and returns). */
  product(sku: string): Product | undefined {
    return this.products.get(sku.toUpperCase());
  }

  store(id: string): Store | undefined {
    return this.stores.get(id);
  }

  setting(key: string): Settings | undefined {
    return this.settings.get(key);
  }

  /** Models (by colour) matching a name, colour, SKU prefix or barcode; see searchModels. */
  search(text: string, limit?: number): ModelColour[] {
    this.settle();
    return searchModels(this.models, text, limit);
  }

  private apply(doc: Followed): void {
    for (const listener of this.followers) listener(doc);
    const [kind, key] = splitId(doc._id);
    this.dirty = true;
    const live = !doc._deleted;
    if (kind === 'product') {
      if (live && (doc as Product).type === 'product') this.products.set(key.toUpperCase(), doc as Product);
      else this.products.delete(key.toUpperCase());
    } else if (kind === 'store') {
      if (live && (doc as Store).type === 'store') this.stores.set(key, doc as Store);
      else this.stores.delete(key);
    } else if (kind === 'settings') {
      if (live && (doc as Settings).type === 'settings') this.settings.set(key, doc as Settings);
      else this.settings.delete(key);
    }
  }

  /** Works out the lookups again if anything changed: at a quiet moment, or at the next scan, whichever comes first. */
  private settle(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const bySku = new Map<string, Product>();
    const byBarcode = new Map<string, Product>();
    for (const [sku, p] of this.products) {
      if (!p.active) continue;
      bySku.set(sku, p);
      if (p.barcode) byBarcode.set(p.barcode, p);
    }
    this.bySku = bySku;
    this.byBarcode = byBarcode;
    this.models = groupByModelColour(bySku.values());
    this.onChange();
  }
}

/** `product:PS-1-NEG-25` → ['product', 'PS-1-NEG-25']. */
function splitId(id: string): [string, string] {
  const at = id.indexOf(':');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}
