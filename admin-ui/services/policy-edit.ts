// Editing a conflict policy in the console, pure: each change returns a new policy (the draft
// is never changed in place), and checkPolicy finds, before any request, what the settings
// schema would refuse, keyed by the path the server names in its 400 (`types/product/strategy`,
// `rules/0/other`), so a problem shows next to its field either way.
import type { ConflictPolicy, DocType, FieldRule, Strategy } from '../../validators/types.js';
import { docTypes, fieldRules, strategies } from '../../validators/schemas/common.js';

export type RuleOp = 'gte' | 'lte' | 'gt' | 'lt';
export interface PolicyRule { type: DocType; field: string; op: RuleOp; other: string }
interface TypePolicy { strategy: Strategy; fields?: Record<string, FieldRule> }

export const STRATEGIES = strategies;
export const FIELD_RULES = fieldRules;
export const RULE_OPS: readonly RuleOp[] = ['gte', 'lte', 'gt', 'lt'];
/** The types whose documents can conflict; sales, moves and returns are immutable, audit entries central's. */
export const EDITABLE_TYPES: readonly DocType[] = ['product', 'customer', 'store', 'settings', 'device', 'approver', 'store-status'];
export const ALL_TYPES = docTypes;

const FIELD = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Problems by path: `field` (not a valid field name), `enum` (not one of the choices), `duplicate`, `required`. */
export type PolicyProblems = Record<string, 'field' | 'enum' | 'duplicate' | 'required'>;

const typesOf = (p: ConflictPolicy) => ({ ...(p.types ?? {}) }) as Record<string, TypePolicy | undefined>;

export function setDefault(p: ConflictPolicy, strategy: Strategy): ConflictPolicy {
  return { ...p, default: strategy };
}

/** `strategy` undefined: the type follows the default (its entry, field rules too, goes). */
export function setStrategy(p: ConflictPolicy, type: DocType, strategy: Strategy | undefined): ConflictPolicy {
  const types = typesOf(p);
  if (strategy === undefined) delete types[type];
  else types[type] = { ...(types[type] ?? {}), strategy };
  return { ...p, types } as ConflictPolicy;
}

/** `rule` undefined removes the field's rule. A type without an entry gets one (field-merge). */
export function setFieldRule(p: ConflictPolicy, type: DocType, field: string, rule: FieldRule | undefined): ConflictPolicy {
  const types = typesOf(p);
  const current = types[type] ?? { strategy: 'field-merge' as Strategy };
  const fields = { ...(current.fields ?? {}) };
  if (rule === undefined) delete fields[field];
  else fields[field] = rule;
  const next: TypePolicy = { strategy: current.strategy };
  if (Object.keys(fields).length > 0) next.fields = fields;
  types[type] = next;
  return { ...p, types } as ConflictPolicy;
}

export function rulesOf(p: ConflictPolicy): PolicyRule[] {
  return (p.rules ?? []) as PolicyRule[];
}

export function addRule(p: ConflictPolicy, rule: PolicyRule = { type: 'product', field: 'price', op: 'gte', other: 'cost' }): ConflictPolicy {
  return { ...p, rules: [...rulesOf(p), rule] } as ConflictPolicy;
}

export function setRule(p: ConflictPolicy, index: number, patch: Partial<PolicyRule>): ConflictPolicy {
  return { ...p, rules: rulesOf(p).map((r, i) => (i === index ? { ...r, ...patch } : r)) } as ConflictPolicy;
}

export function removeRule(p: ConflictPolicy, index: number): ConflictPolicy {
  const rules = rulesOf(p).filter((_, i) => i !== index);
  const { rules: _, ...rest } = p;
  return (rules.length > 0 ? { ...rest, rules } : rest) as ConflictPolicy;
}

export function checkPolicy(p: ConflictPolicy): PolicyProblems {
  const out: PolicyProblems = {};
  if (!(STRATEGIES as readonly string[]).includes(p.default)) out.default = 'enum';
  for (const [type, tp] of Object.entries(typesOf(p))) {
    if (!tp) continue;
    if (!(STRATEGIES as readonly string[]).includes(tp.strategy)) out[`types/${type}/strategy`] = 'enum';
    for (const [field, rule] of Object.entries(tp.fields ?? {})) {
      if (!FIELD.test(field)) out[`types/${type}/fields/${field}`] = 'field';
      else if (!(FIELD_RULES as readonly string[]).includes(rule)) out[`types/${type}/fields/${field}`] = 'enum';
    }
  }
  rulesOf(p).forEach((r, i) => {
    if (!FIELD.test(r.field)) out[`rules/${i}/field`] = 'field';
    if (!FIELD.test(r.other)) out[`rules/${i}/other`] = 'field';
    if (!(RULE_OPS as readonly string[]).includes(r.op)) out[`rules/${i}/op`] = 'enum';
  });
  return out;
}

/** Whether `field` may be added to `type`'s field rules: a valid name not listed yet. */
export function newFieldProblem(p: ConflictPolicy, type: DocType, field: string): 'field' | 'duplicate' | 'required' | null {
  if (field === '') return 'required';
  if (!FIELD.test(field)) return 'field';
  return typesOf(p)[type]?.fields?.[field] !== undefined ? 'duplicate' : null;
}

/**
 * The path a server refusal names, relative to what was sent: `settings/policy/types/product/strategy
 * must be …` → `types/product/strategy` (root `policy`), `settings/value/batchSize …` → `batchSize`.
 */
export function refusedPath(message: string, root: 'policy' | 'value'): string | undefined {
  const m = /^settings\/(\S+)/.exec(message);
  if (!m) return undefined;
  const path = m[1]!;
  if (path === root) return '';
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
}
