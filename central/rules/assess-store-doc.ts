// Central's business rules for one sale, move or return whose signature already verified: every
// rule family's verdicts, with approvals settled by the injected `approvalVerdict` (asked once,
// only when some rule needs an approval). No I/O of its own. What central signed itself (device
// `central`: the demo chain, opening stock) is trusted and not checked.
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import { knownSkus } from './catalog-rules.js';
import { businessDayNearStamp, stampWindow } from './date-rules.js';
import { discountLimits } from './discount-rules.js';
import { moveKinds } from './move-rules.js';
import { returnAgainstSale } from './return-rules.js';
import type { ApprovalVerdict, Rule, RuleContext, StoreDoc } from './types.js';

export const RULES: readonly Rule[] = [stampWindow, businessDayNearStamp, knownSkus, discountLimits, returnAgainstSale, moveKinds];

export interface Assessment {
  /** Why central does not count it; empty when it does. */
  quarantine: string[];
  /** Counted, but worth an admin's look; always empty when quarantined. */
  flags: string[];
}

export async function assessStoreDoc(doc: StoreDoc, ctx: RuleContext, approvalVerdict: ApprovalVerdict): Promise<Assessment> {
  if (doc.device === CENTRAL_DEVICE) return { quarantine: [], flags: [] };
  const verdicts = RULES.flatMap((rule) => rule(doc, ctx));
  const quarantine = verdicts.filter((v) => v.level === 'quarantine').map((v) => v.reason);
  const approvals = verdicts.filter((v) => v.level === 'approval');
  if (approvals.length > 0) {
    const refused = await approvalVerdict(doc);
    if (refused !== null) quarantine.push(...approvals.map((v) => `${v.reason} (${refused})`));
  }
  const flags = quarantine.length > 0 ? [] : verdicts.filter((v) => v.level === 'flag').map((v) => v.reason);
  return { quarantine, flags };
}

/** Longest reason a document's `quarantined.reason` holds (validators: shortText). */
export const MAX_REASON = 200;

/** The one reason written on the document: the first problem, and how many more there are. */
export function quarantineReason(reasons: readonly string[]): string {
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  const first = reasons[0] ?? 'quarantined';
  return first.length + more.length <= MAX_REASON ? first + more : `${first.slice(0, MAX_REASON - more.length - 1)}…${more}`;
}
