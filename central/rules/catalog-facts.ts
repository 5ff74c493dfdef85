// The catalog facts central's rules need — products by SKU and `settings:pos` — read from the
// catalog and cached until the resolver's catalog follower sees them change (`invalidate`). The
// catalog and a store database are followed apart, so a caller whose rules fail asks again with
// `fresh` (a price an admin changed a moment ago). Missing SKUs of a batch cost one request
// (`_all_docs` with `keys`); unknown SKUs are cached too, and the cache is bounded.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#post--db-_all_docs
import type Nano from 'nano';
import type { Product, Settings } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { posRules } from './pos-rules.js';
import type { PosRules, ProductFacts } from './types.js';

export const POS_SETTINGS_ID = 'settings:pos';
/** Enough for a chain's whole catalog; beyond it the oldest entries go. */
const MAX_CACHED = 200_000;

export interface CatalogFacts {
  /** The catalog products among `skus` (a SKU not in the map is not in the catalog). */
  products(skus: Iterable<string>, fresh?: boolean): Promise<Map<string, ProductFacts>>;
  settings(fresh?: boolean): Promise<PosRules>;
  /** Forget what the catalog documents `ids` said (they changed). */
  invalidate(ids: readonly string[]): void;
}

export function createCatalogFacts(nano: Nano.ServerScope): CatalogFacts {
  const catalog = nano.use('catalog');
  const cache = new Map<string, ProductFacts | null>();
  let epoch = 0; // bumped on every invalidation: a read that overlapped one is not cached
  let settings: Promise<PosRules> | undefined;

  async function load(skus: readonly string[]): Promise<Map<string, ProductFacts | null>> {
    let rows: Array<{ key: string; doc?: Product | null }>;
    try {
      rows = ((await catalog.fetch({ keys: skus.map((s) => `product:${s}`) })) as unknown as { rows: typeof rows }).rows;
    } catch (err) {
      throw couchError(err, 'reading catalog products');
    }
    return new Map(rows.map((r) => [r.key.slice('product:'.length), r.doc && typeof r.doc.price === 'number' ? { price: r.doc.price } : null]));
  }

  return {
    async products(skus, fresh = false) {
      const wanted = [...new Set(skus)];
      const missing = fresh ? wanted : wanted.filter((s) => !cache.has(s));
      if (missing.length > 0) {
        const started = epoch;
        const loaded = await load(missing);
        if (started === epoch) {
          for (const [sku, facts] of loaded) cache.set(sku, facts);
          for (const sku of cache.keys()) if (cache.size > MAX_CACHED) cache.delete(sku); else break;
        }
        return known(wanted, (s) => (loaded.has(s) ? loaded.get(s) : cache.get(s)));
      }
      return known(wanted, (s) => cache.get(s));
    },
    settings(fresh = false) {
      if (fresh || !settings) {
        const read = catalog.get(POS_SETTINGS_ID).then((doc) => posRules((doc as unknown as Settings).value), (err: unknown) => {
          if (isStatus(err, 404)) return posRules(undefined);
          settings = undefined;
          throw couchError(err, `reading ${POS_SETTINGS_ID}`);
        });
        settings = read;
      }
      return settings;
    },
    invalidate(ids) {
      for (const id of ids) {
        if (id === POS_SETTINGS_ID) settings = undefined;
        if (!id.startsWith('product:')) continue;
        cache.delete(id.slice('product:'.length));
        epoch += 1;
      }
    },
  };
}

function known(skus: readonly string[], get: (sku: string) => ProductFacts | null | undefined): Map<string, ProductFacts> {
  const out = new Map<string, ProductFacts>();
  for (const sku of skus) {
    const facts = get(sku);
    if (facts) out.set(sku, facts);
  }
  return out;
}
