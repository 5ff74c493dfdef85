// What central's business rules take and give, as plain data: the documents a till signs, the
// facts central gathered about them (catalog, settings, the sale a return gives back, central's
// clock), and the verdicts. The rules themselves (one file per family) are pure functions
// `(doc, context) => Verdict[]`; assess-store-doc.ts combines them.
import type { Move, Return, Sale } from '../../validators/index.js';

/** A sale, stock movement or return: the immutable documents a till signs. */
export type StoreDoc = Sale | Move | Return;

/**
 * One rule's finding. `quarantine`: central does not count the document. `approval`: the
 * document is fine only with a valid manager's approval (else it is quarantined with this
 * reason). `flag`: counted, but an admin should look (a till offline with yesterday's price).
 */
export interface Verdict {
  level: 'quarantine' | 'approval' | 'flag';
  reason: string;
}

/** `settings:pos` as central applies it, defaults filled in (see pos-rules.ts). */
export interface PosRules {
  cashierMaxDiscountPct: number;
  managerMaxDiscountPct: number;
  maxClockSkewMin: number;
  maxOfflineDays: number;
}

/** What the rules need of a catalog product. */
export interface ProductFacts {
  price: number;
}

/** A return of the same sale that central already counts (not quarantined). */
export interface CountedReturn {
  id: string;
  lines: ReadonlyArray<{ line: number; qty: number }>;
}

export interface RuleContext {
  /** Central's clock (ms since the epoch). */
  now: number;
  settings: PosRules;
  /** Catalog products by SKU; a SKU that is not a key is not in the catalog. */
  products: ReadonlyMap<string, ProductFacts>;
  /** Returns only: the sale given back, null when it is not in the store database (yet). */
  sale?: Sale | null;
  /** Returns only: the other returns of that sale central counts. */
  counted?: readonly CountedReturn[];
}

export type Rule = (doc: StoreDoc, ctx: RuleContext) => Verdict[];

/**
 * Whether a document carries a valid manager's approval: null when it does (an account that is
 * a manager of the document's store, or an admin, signed it), else the reason it does not.
 * Built elsewhere (manager approval signing); injected here.
 */
export type ApprovalVerdict = (doc: StoreDoc) => Promise<string | null>;
