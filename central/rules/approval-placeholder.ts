// PLACEHOLDER — replace when merging the manager-approval work (issue 9, Deliver 5). Until a
// manager's approval is signed by the manager's own key and central can verify it, this accepts
// any document that names an approver (`approvedBy`) and refuses the ones that name none. It is
// wired in exactly one place: the default of createStoreDocChecks (store-doc-checks.ts).
import type { ApprovalVerdict } from './types.js';

export const approvalVerdictPlaceholder: ApprovalVerdict = (doc) =>
  Promise.resolve('approvedBy' in doc && typeof doc.approvedBy === 'string' ? null : 'approval not verifiable yet');
