// central/approvers' public API: managers' approval keys (registered from tills, revoked by
// admins) and the verdict on a document's signed approval, for the business rules.
export { approvalVerdict } from './approval-verdict.js';
export type { ApprovalVerdict, ApprovalVerdictDeps } from './approval-verdict.js';
export { judgeApproval } from './judge-approval.js';
export type { ApprovedDoc } from './judge-approval.js';
export { createApproverRegistry, approverId } from './approver-registry.js';
export type { ApproverRegistry } from './approver-registry.js';
export { createAccountRoles } from '../accounts/account-roles.js';
export type { AccountRoles } from '../accounts/account-roles.js';
export { addApproverKey, revokeApproverKey } from './register-approver-key.js';
export type { ApproverKeyDeps, ApproverKeyInput, ApproverKeyAdded } from './register-approver-key.js';
export { approvesFor, mayHoldApproverKey } from './approver-roles.js';
