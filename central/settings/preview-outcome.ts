// What a policy would do to one waiting conflict, pure: the same resolveLeaves central's resolver
// runs, on the document's live leaves. `auto` names the result (the leaf kept, or the merged
// body); `manual` says why it would still wait for an admin; `settled` means the document has
// no conflict left (resolved since it was queued).
import type { ConflictPolicy } from '../../validators/index.js';
import { resolveLeaves } from '../conflicts/resolve-leaves.js';
import type { Leaf, StrategyName } from '../conflicts/types.js';

export type PolicyOutcome =
  | { outcome: 'settled' }
  | { outcome: 'auto'; strategy: StrategyName; kind: 'keep-winner'; rev: string; body?: Record<string, unknown> }
  | { outcome: 'auto'; strategy: StrategyName; kind: 'write-merged'; body: Record<string, unknown> }
  | { outcome: 'manual'; strategy: StrategyName; reason: string };

export function previewOutcome(leaves: readonly Leaf[], policy: ConflictPolicy, isCentralStamp: (stamp: string) => boolean): PolicyOutcome {
  // As central's resolver does (resolve-document): a conflict has two live leaves or more, and
  // the strategy sees every leaf, tombstones included.
  if (leaves.filter((l) => !l.deleted).length < 2) return { outcome: 'settled' };
  const r = resolveLeaves(leaves, policy, isCentralStamp);
  if (r.kind === 'needs-review') return { outcome: 'manual', strategy: r.strategy, reason: r.reason };
  if (r.kind === 'write-merged') return { outcome: 'auto', strategy: r.strategy, kind: r.kind, body: r.body };
  const kept = leaves.find((l) => l.rev === r.rev);
  return { outcome: 'auto', strategy: r.strategy, kind: r.kind, rev: r.rev, ...(kept && !kept.deleted ? { body: kept.body } : {}) };
}
