// The one step between building a sale, return or move and validating it: a manager's approval
// signature first, when a manager approved it (it covers `approvedBy` and everything the device
// signs), then the device's signature over the whole, approval included (crypto/approval.ts,
// crypto/sign-doc.ts). In that order, so swapping an approval afterwards breaks the device's.
import type { ApprovalSigner, DocSigner } from './crypto/index.js';

export interface Sealers {
  /** The approving manager's signer (their unwrapped key); the document must name them in `approvedBy`. */
  approver?: ApprovalSigner;
  /** The device's signer. */
  signer?: DocSigner;
}

export async function sealDoc<T extends object>(doc: T, { approver, signer }: Sealers): Promise<T> {
  const approved: T = approver ? await approver.sign(doc) : doc;
  return signer ? signer.sign(approved) : approved;
}
