// Gathers what the rules need for a batch of store documents and assesses each (assess-store-doc
// .ts). Per batch: the settings and the batch's products from the catalog cache (a request only
// for what is not cached), and for returns one read of their sales and one of the returns those
// sales already have. Sales and moves are assessed first, then returns in arrival order, so a
// return counts the returns of its sale accepted earlier in the same batch, and a sale
// quarantined in this batch is not one a return can give back.
import type Nano from 'nano';
import type { Sale } from '../../validators/index.js';
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import { assessStoreDoc, type Assessment } from './assess-store-doc.js';
import type { CatalogFacts } from './catalog-facts.js';
import { countedReturns, readSales } from './store-facts.js';
import type { ApprovalVerdict, CountedReturn, RuleContext, StoreDoc } from './types.js';

export interface RulesEnv {
  nano: Nano.ServerScope;
  facts: CatalogFacts;
  approvalVerdict: ApprovalVerdict;
  /** Central's clock. */
  now(): number;
}

const failed = (a: Assessment | undefined): boolean => a !== undefined && (a.quarantine.length > 0 || a.flags.length > 0);
/** The SKUs the catalog rule will look up: sales' and moves' lines, except what central signed (trusted). */
const skusOf = (docs: readonly StoreDoc[]): string[] =>
  docs.flatMap((d) => (d.type === 'return' || d.device === CENTRAL_DEVICE ? [] : d.lines.map((l) => l.sku)));

/**
 * `docs`: documents of database `db` whose signatures verified, in arrival order. `distrusted`:
 * documents of the same batch central quarantines anyway (a bad signature), by id, with the reason.
 */
export async function assessBatch(env: RulesEnv, db: string, docs: readonly StoreDoc[], distrusted: ReadonlyMap<string, string> = new Map()): Promise<Map<string, Assessment>> {
  const out = new Map<string, Assessment>();
  const base = { now: env.now(), settings: await env.facts.settings(), products: await env.facts.products(skusOf(docs)) };
  const others = docs.filter((d) => d.type !== 'return');
  for (const doc of others) out.set(doc._id, await assessStoreDoc(doc, base, env.approvalVerdict));
  // A failure may come from a stale cache (the catalog is followed apart): ask the catalog again.
  const doubtful = others.filter((d) => failed(out.get(d._id)));
  if (doubtful.length > 0) {
    const fresh = { ...base, settings: await env.facts.settings(true), products: await env.facts.products(skusOf(doubtful), true) };
    for (const doc of doubtful) out.set(doc._id, await assessStoreDoc(doc, fresh, env.approvalVerdict));
  }
  const returns = docs.filter((d) => d.type === 'return');
  if (returns.length > 0) await assessReturns(env, db, returns, docs, base, out, distrusted);
  return out;
}

async function assessReturns(
  env: RulesEnv, db: string, returns: readonly StoreDoc[], batch: readonly StoreDoc[], base: RuleContext, out: Map<string, Assessment>, distrusted: ReadonlyMap<string, string>,
): Promise<void> {
  const saleIds = [...new Set(returns.map((r) => (r.type === 'return' ? r.sale : '')))];
  const inBatch = new Map(batch.filter((d): d is Sale => d.type === 'sale').map((s) => [s._id, s]));
  const sales = await readSales(env.nano, db, saleIds.filter((id) => !inBatch.has(id)));
  const counted = await countedReturns(env.nano, db, saleIds);
  const batchIds = new Set(returns.map((r) => r._id));
  const accepted = new Map<string, CountedReturn[]>();
  for (const doc of returns) {
    if (doc.type !== 'return') continue;
    const sale = asStored(inBatch.get(doc.sale) ?? sales.get(doc.sale) ?? null, out, distrusted);
    const before = [...(counted.get(doc.sale) ?? []).filter((r) => !batchIds.has(r.id)), ...(accepted.get(doc.sale) ?? [])];
    const assessment = await assessStoreDoc(doc, { ...base, sale, counted: before }, env.approvalVerdict);
    out.set(doc._id, assessment);
    if (assessment.quarantine.length === 0) accepted.set(doc.sale, [...(accepted.get(doc.sale) ?? []), { id: doc._id, lines: doc.lines }]);
  }
}

/** A sale as central will have stored it once this batch is done: quarantined if this batch says so. */
function asStored(sale: Sale | null, out: ReadonlyMap<string, Assessment>, distrusted: ReadonlyMap<string, string>): Sale | null {
  if (!sale || sale.quarantined) return sale;
  const reason = distrusted.get(sale._id) ?? out.get(sale._id)?.quarantine[0];
  return reason === undefined ? sale : { ...sale, quarantined: { reason: reason.slice(0, 200), at: sale.updatedAt } };
}
