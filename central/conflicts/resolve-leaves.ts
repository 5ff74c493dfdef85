// Settles one conflicted document: the policy for the type of CouchDB's winner picks the
// strategy, and a result that would break the policy's rules or the document contract goes to
// an admin instead of being written (issue 3, "Policy"). Pure, like the strategies.
import { isValid, type ConflictPolicy } from '../../validators/index.js';
import { checkRules } from '../rules/check-rules.js';
import { couchWinner } from './couch-winner.js';
import { policyFor } from './policy-for.js';
import { strategies } from './strategies/index.js';
import type { Leaf, Resolution, StrategyName } from './types.js';

export function resolveLeaves(
  leaves: readonly Leaf[],
  policy: ConflictPolicy,
  isCentralStamp: (stamp: string) => boolean,
): Resolution & { strategy: StrategyName } {
  const type = couchWinner(leaves).body.type;
  const { strategy, fields } = policyFor(policy, typeof type === 'string' ? type : '');
  const run = Object.hasOwn(strategies, strategy) ? strategies[strategy] : undefined;
  if (!run) return { kind: 'needs-review', reason: `strategy ${String(strategy)} is unknown`, strategy };
  const resolution = run(leaves, { fields, isCentralStamp });

  const body = resultBody(resolution, leaves);
  if (body === undefined) return { ...resolution, strategy };
  const bodyType = typeof body.type === 'string' ? body.type : '';
  const problem = checkRules(body, bodyType, policy.rules) ?? isValid(body);
  return problem === null ? { ...resolution, strategy } : { kind: 'needs-review', reason: problem, strategy };
}

// The body that would become the document; none for review, or for a kept deletion
// (tombstones are not validated, as in CouchDB's validate_doc_update).
function resultBody(resolution: Resolution, leaves: readonly Leaf[]): Record<string, unknown> | undefined {
  if (resolution.kind === 'write-merged') return resolution.body;
  if (resolution.kind === 'needs-review') return undefined;
  const kept = leaves.find((l) => l.rev === resolution.rev);
  return kept && !kept.deleted ? kept.body : undefined;
}
