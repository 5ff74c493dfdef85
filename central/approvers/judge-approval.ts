// Whether a sale's, return's or move's manager approval holds, given what central knows (no I/O
// besides WebCrypto's verify): the document names an approver and carries their `approval`; the
// key it names is one of that approver's registered keys and is not revoked; the signature
// covers the document as it is now (approvedBy included); and the account approves for the
// document's store today (an admin, or a manager of that store). Null when it holds, else why not.
import { verifyApproval } from '../../store-client/crypto/index.js';
import type { Approver } from '../../validators/index.js';
import { approvesFor } from './approver-roles.js';

/** A sale, return or move as read from a store database (any other fields are signed too). */
export interface ApprovedDoc {
  _id: string;
  store?: unknown;
  approvedBy?: unknown;
  approval?: unknown;
}

export async function judgeApproval(doc: ApprovedDoc, approver: Approver | null, roles: readonly string[] | null): Promise<string | null> {
  const name = doc.approvedBy;
  const approval = doc.approval as { keyId?: unknown; signature?: unknown } | undefined;
  if (typeof name !== 'string' || typeof approval?.keyId !== 'string' || typeof approval.signature !== 'string') return 'no approval';
  const key = approver?.name === name ? approver.keys.find((k) => k.keyId === approval.keyId) : undefined;
  if (!key) return `approver ${name} has no key ${approval.keyId}`;
  if (key.status === 'revoked') return `approver ${name}'s key ${approval.keyId} was revoked`;
  if (!(await verifyApproval(doc, key.publicJwk as JsonWebKey))) return 'approval signature does not match';
  if (roles === null || !approvesFor(roles, String(doc.store))) return `${name} is not a manager of store ${String(doc.store)}`;
  return null;
}
