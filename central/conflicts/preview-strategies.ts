// What each automatic strategy would make of a conflict's current leaves, for the console's
// detail page: the same pure resolveLeaves central runs, with the policy's field rules, the
// strategy swapped per preview. Also which top-level fields differ between the live leaves.
import { isDeepStrictEqual } from 'node:util';
import type { ConflictPolicy } from '../../validators/index.js';
import { couchWinner } from './couch-winner.js';
import { resolveLeaves } from './resolve-leaves.js';
import type { Leaf, StrategyName } from './types.js';

export const PREVIEWED: readonly StrategyName[] = ['lww', 'central-wins', 'field-merge'];

export interface StrategyPreview {
  strategy: StrategyName;
  kind: 'keep-winner' | 'write-merged' | 'needs-review';
  /** The leaf kept (keep-winner). */
  rev?: string;
  /** The document that would result (keep-winner of a live leaf, write-merged). */
  body?: Record<string, unknown>;
  /** Why it would go to an admin (needs-review). */
  reason?: string;
}

export function previewStrategies(leaves: readonly Leaf[], policy: ConflictPolicy, isCentralStamp: (stamp: string) => boolean): StrategyPreview[] {
  if (leaves.length === 0) return [];
  return PREVIEWED.map((strategy) => {
    const r = resolveLeaves(leaves, withStrategy(leaves, policy, strategy), isCentralStamp);
    if (r.kind === 'needs-review') return { strategy, kind: r.kind, reason: r.reason };
    if (r.kind === 'write-merged') return { strategy, kind: r.kind, body: r.body };
    const kept = leaves.find((l) => l.rev === r.rev);
    return { strategy, kind: r.kind, rev: r.rev, ...(kept && !kept.deleted ? { body: kept.body } : {}) };
  });
}

/** The policy with `strategy` for the type of these leaves (its field rules and validation rules kept). */
export function withStrategy(leaves: readonly Leaf[], policy: ConflictPolicy, strategy: StrategyName): ConflictPolicy {
  const type = couchWinner(leaves).body.type;
  const docType = typeof type === 'string' ? type : '';
  const types = (policy.types ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const forType = Object.hasOwn(types, docType) ? types[docType] : undefined;
  return { ...policy, types: { ...types, [docType]: { ...(forType ?? {}), strategy } } } as ConflictPolicy;
}

/** Top-level fields whose values are not the same in every live leaf, sorted. */
export function differingFields(leaves: readonly Leaf[]): string[] {
  const live = leaves.filter((l) => !l.deleted);
  const names = new Set(live.flatMap((l) => Object.keys(l.body)));
  return [...names].filter((name) => live.some((l) => !isDeepStrictEqual(l.body[name], live[0]!.body[name]))).sort();
}
