// A manager's approval of a sale, return or move, signed with the manager's own key (not the
// till's), so a tampered till cannot write a manager's name it was never given. The manager
// signs the RFC 8785 canonical JSON of what the device signs (`signable`) minus `approval` itself
// — so it covers `approvedBy`, the lines, the money and the id — and the device then signs the
// whole document, `approval` included (sign-doc.ts). ECDSA P-256 / SHA-256, r‖s base64url.
import { ProntoError } from '../../validators/errors.js';
import type { Approval } from '../../validators/types.js';
import { toBase64Url } from './base64url.js';
import { ECDSA_SHA256, signedBytes } from './sign-doc.js';
import { verifySignature } from './verify-doc.js';
import { webCrypto } from './web-crypto.js';

export interface Approved {
  approval: Approval;
}

/** What recordSale, recordReturn, recordVoid and recordMove take to have a manager approve a document. */
export interface ApprovalSigner {
  /** The approving account, which the document must name in `approvedBy`. */
  readonly name: string;
  readonly keyId: string;
  sign<T extends object>(doc: T): Promise<T & Approved>;
}

/** The bytes a manager's approval covers: what the device signs, without `approval`. */
export function approvalBytes(doc: object): Uint8Array<ArrayBuffer> {
  const { approval: _approval, ...rest } = doc as Record<string, unknown>;
  return signedBytes(rest);
}

export async function signApproval<T extends object>(doc: T, key: { privateKey: CryptoKey; keyId: string }): Promise<T & Approved> {
  const sig = await webCrypto().subtle.sign(ECDSA_SHA256, key.privateKey, approvalBytes(doc));
  return { ...doc, approval: { keyId: key.keyId, signature: toBase64Url(new Uint8Array(sig)) } };
}

/** Whether `doc.approval` is this key's signature of the document as it is now; never throws. */
export async function verifyApproval(doc: unknown, publicKey: JsonWebKey | CryptoKey): Promise<boolean> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const approval = (doc as { approval?: { signature?: unknown } }).approval;
  return verifySignature(approval?.signature, publicKey, () => approvalBytes(doc));
}

/**
 * A signer for `name`'s approvals with their (unwrapped) key. It refuses a document whose
 * `approvedBy` names anyone else: a signature must never vouch for another manager's name.
 */
export function approvalSigner(name: string, key: { privateKey: CryptoKey; keyId: string }): ApprovalSigner {
  return {
    name,
    keyId: key.keyId,
    async sign(doc) {
      const by = (doc as { approvedBy?: unknown }).approvedBy;
      if (by !== name) {
        throw new ProntoError('VALIDATION_FAILED', `approvedBy must be ${name}, the manager who approves it`, { field: 'approvedBy' });
      }
      return signApproval(doc, key);
    },
  };
}
