// Shared by the resolver's unit tests: HLC stamps at readable offsets, leaves, documents edited
// the way a writer that keeps per-field stamps edits them, and the every-order check.
import { expect } from 'chai';
import { formatStamp } from '../../../../store-client/hlc.js';
import { isCentralStamp } from '../../../../central/conflicts/is-central-stamp.js';
import type { FieldRule, Leaf, Resolution, Strategy, StrategyContext } from '../../../../central/conflicts/types.js';

const T0 = Date.parse('2026-11-24T17:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** The HLC stamp `offsetMs` after 17:00 on 2026-11-24, written by `node`. */
export function at(offsetMs: number, node: string, counter = 0): string {
  return formatStamp({ wallMs: T0 + offsetMs, counter, node });
}

export function leaf(rev: string, body: object, deleted = false): Leaf {
  return { rev, deleted, body: body as Record<string, unknown> };
}

export function ctx(fields: Record<string, FieldRule> = {}): StrategyContext {
  return { fields, isCentralStamp };
}

type Body = Record<string, unknown>;
const BOOKKEEPING = new Set(['_id', 'type', 'updatedAt', 'updatedBy', 'stamps']);

/** `body` with every field stamped at `stamp`, as a document written by a field-merge writer. */
export function stampAll(body: object, stamp: string, updatedBy = 'central'): Body {
  const b = { ...body } as Body;
  const stamps = Object.fromEntries(Object.keys(b).filter((k) => !BOOKKEEPING.has(k)).map((k) => [k, stamp]));
  return { ...b, updatedAt: stamp, updatedBy, stamps };
}

/** An edit of `body` at `stamp`: the changed fields (undefined = removed) get the new stamp. */
export function edit(body: Body, patch: Record<string, unknown>, stamp: string, updatedBy: string): Body {
  const next: Body = { ...body, updatedAt: stamp, updatedBy, stamps: { ...(body.stamps as Body | undefined) } };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
    (next.stamps as Body)[k] = stamp;
  }
  return next;
}

export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Runs `strategy` on every order of `leaves`; all must agree, to the byte. Returns the result. */
export function resolveInEveryOrder(strategy: Strategy, leaves: readonly Leaf[], context: StrategyContext): Resolution {
  const first = strategy(leaves, context);
  for (const order of permutations(leaves)) {
    const again = strategy(order, context);
    expect(again, order.map((l) => l.rev).join(',')).to.deep.equal(first);
    expect(JSON.stringify(again)).to.equal(JSON.stringify(first));
  }
  return first;
}

/** A revision above every leaf's generation, for the merged body written on top of them. */
export function nextRev(leaves: readonly Leaf[]): string {
  const gen = Math.max(...leaves.map((l) => Number(l.rev.split('-')[0])));
  return `${gen + 1}-${'e'.repeat(32)}`;
}
