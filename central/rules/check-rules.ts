// The policy's cross-field rules ("price >= cost"), which a JSON Schema cannot say. A merged
// body that breaks one goes to an admin instead of being written (issue 3, "Policy").
import type { ConflictPolicy } from '../../validators/index.js';

type Rule = NonNullable<ConflictPolicy['rules']>[number];

const OPS: Record<Rule['op'], { sign: string; holds: (a: number, b: number) => boolean }> = {
  gte: { sign: '>=', holds: (a, b) => a >= b },
  lte: { sign: '<=', holds: (a, b) => a <= b },
  gt: { sign: '>', holds: (a, b) => a > b },
  lt: { sign: '<', holds: (a, b) => a < b },
};

/**
 * The first rule for `type` that `body` breaks, as `price must be >= cost (price 100, cost 200)`,
 * or null. A rule whose fields are missing or not numbers is skipped: required fields and
 * types are the schema's job, and `isValid` reports them with the schema's message.
 */
export function checkRules(body: Readonly<Record<string, unknown>>, type: string, rules: readonly Rule[] | undefined): string | null {
  for (const rule of rules ?? []) {
    if (rule.type !== type) continue;
    const a = body[rule.field];
    const b = body[rule.other];
    const op = OPS[rule.op];
    if (typeof a !== 'number' || typeof b !== 'number' || op === undefined) continue;
    if (!op.holds(a, b)) return `${rule.field} must be ${op.sign} ${rule.other} (${rule.field} ${a}, ${rule.other} ${b})`;
  }
  return null;
}
