// Central's verdict on a manager's approval, for the business rules that need one (discounts above
// the cashier's limit, returns, voids, adjustments): `approvalVerdict(deps)(doc)` resolves to null
// when the approval holds, else a reason ("no approval", "approver X has no key Y", "approval
// signature does not match", "X is not a manager of store s1"). It reads `approver:<name>` from
// the catalog and the account's roles from `_users`, both cached briefly; judge-approval decides.
import type Nano from 'nano';
import { createAccountRoles, type AccountRoles } from '../accounts/account-roles.js';
import { createApproverRegistry, type ApproverRegistry } from './approver-registry.js';
import { judgeApproval, type ApprovedDoc } from './judge-approval.js';

export interface ApprovalVerdictDeps {
  /** Central's admin connection: reads the catalog and `_users`. */
  nano: Nano.ServerScope;
  /** Shared with the routes that write approver keys (so a revocation counts at once); default: one of its own. */
  approvers?: ApproverRegistry;
  accounts?: AccountRoles;
  /** How long approver keys and roles are cached, ms (default 60,000). */
  ttlMs?: number;
  now?: () => number;
}

export type ApprovalVerdict = <T extends ApprovedDoc>(doc: T) => Promise<string | null>;

export function approvalVerdict(deps: ApprovalVerdictDeps): ApprovalVerdict {
  const cache = { ttlMs: deps.ttlMs, now: deps.now };
  const approvers = deps.approvers ?? createApproverRegistry(deps.nano, cache);
  const accounts = deps.accounts ?? createAccountRoles(deps.nano, cache);
  return async (doc) => {
    // Nothing to look up for a document that carries no approval at all.
    const unapproved = await judgeApproval(doc, null, null);
    if (unapproved === 'no approval') return unapproved;
    const name = doc.approvedBy as string;
    const roles = await accounts.rolesOf(name);
    let verdict = await judgeApproval(doc, await approvers.get(name), roles);
    // A key registered since the cache was filled: read the approver once more before refusing.
    if (verdict?.startsWith(`approver ${name} has no key`)) verdict = await judgeApproval(doc, await approvers.get(name, true), roles);
    return verdict;
  };
}
