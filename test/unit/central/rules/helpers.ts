// Shared by central/rules' unit tests: a till's sales, returns and moves built with the POS's own
// builders at readable times around a fixed "now" of central's clock, and a rule context.
import { buildMove, buildReturn, buildSale, buildVoid, formatStamp, type MoveInput } from '../../../../store-client/index.js';
import { DEFAULT_POS_RULES, type CountedReturn, type PosRules, type ProductFacts, type RuleContext } from '../../../../central/rules/index.js';
import type { Move, Return, Sale } from '../../../../validators/index.js';

export const NOW = Date.parse('2026-11-24T17:00:00.000Z');
export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

/** HLC stamp `offsetMs` from central's now, by `node`. */
export const stamp = (offsetMs = 0, node = 's1.pos1', counter = 0): string => formatStamp({ wallMs: NOW + offsetMs, counter, node });

export const CATALOG: ReadonlyMap<string, ProductFacts> = new Map([
  ['PS-M01-NEG-25', { price: 59_900 }],
  ['PS-M02-CAF-26', { price: 100_000 }],
  ['PS-M03-AZU-27', { price: 59_995 }],
]);

export function context(extra: Omit<Partial<RuleContext>, 'settings'> & { settings?: Partial<PosRules> } = {}): RuleContext {
  return { now: NOW, products: CATALOG, ...extra, settings: { ...DEFAULT_POS_RULES, ...extra.settings } };
}

export interface LineIn { sku?: string; qty?: number; unitPrice?: number; discount?: number }

export function sale(lines: LineIn[] = [{}], opts: { at?: string; device?: string; businessDay?: string; approvedBy?: string } = {}): Sale {
  const full = lines.map((l) => ({ sku: l.sku ?? 'PS-M01-NEG-25', qty: l.qty ?? 1, unitPrice: l.unitPrice ?? 59_900, discount: l.discount ?? 0 }));
  const total = full.reduce((s, l) => s + l.qty * l.unitPrice - l.discount, 0);
  const device = opts.device ?? 's1.pos1';
  return buildSale({ lines: full, payments: [{ method: 'card', amount: total }], ...(opts.approvedBy ? { approvedBy: opts.approvedBy } : {}) }, {
    store: 's1', device, cashier: 'ana', stamp: opts.at ?? stamp(0, device), businessDay: opts.businessDay ?? '2026-11-24',
  });
}

export function giveBack(of: Sale, lines: Array<{ line: number; qty: number }>, opts: { at?: string; device?: string } = {}): Return {
  const device = opts.device ?? 's1.pos2';
  return buildReturn(of, [], { lines, refundMethod: 'card', reason: 'wrong size', approvedBy: 'maria' }, {
    store: 's1', device, cashier: 'ana', stamp: opts.at ?? stamp(5 * MIN, device), businessDay: '2026-11-24',
  });
}

export function voidOf(of: Sale, device = 's1.pos1'): Return {
  return buildVoid(of, [], { reason: 'wrong ticket', approvedBy: 'maria' }, { store: 's1', device, cashier: 'ana', stamp: stamp(MIN, device), businessDay: of.businessDay });
}

export function move(input: MoveInput, opts: { device?: string; at?: string } = {}): Move {
  const device = opts.device ?? 's1.pos1';
  return buildMove(input, { store: 's1', device, user: 'ana', stamp: opts.at ?? stamp(0, device) });
}

export const counted = (r: Return): CountedReturn => ({ id: r._id, lines: r.lines.map((l) => ({ line: l.line, qty: l.qty })) });
