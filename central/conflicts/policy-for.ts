// The strategy and per-field rules the policy gives one document type; types it does not name
// use the default strategy, and fields it does not name follow `lww` (see StrategyContext).
import type { ConflictPolicy, FieldRule, Strategy as StrategyName } from '../../validators/index.js';

type TypePolicy = NonNullable<NonNullable<ConflictPolicy['types']>[keyof NonNullable<ConflictPolicy['types']>]>;

export function policyFor(policy: ConflictPolicy, docType: string): { strategy: StrategyName; fields: Record<string, FieldRule> } {
  // hasOwn: a document's `type` is data, and must not reach Object.prototype (`constructor`).
  const types = (policy.types ?? {}) as Record<string, TypePolicy | undefined>;
  const forType = Object.hasOwn(types, docType) ? types[docType] : undefined;
  return { strategy: forType?.strategy ?? policy.default, fields: { ...(forType?.fields ?? {}) } };
}
