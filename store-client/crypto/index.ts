// store-client/crypto's public API: device keys and document signatures (sales, moves), managers'
// password-wrapped approval keys and their signatures on what they approve, and
// customer field encryption with blind indexes. WebCrypto only, for browsers and Node 20 alike.
export { toBase64Url, fromBase64Url } from './base64url.js';
export { generateDeviceKey, keyIdOf } from './device-key.js';
export type { DeviceKey } from './device-key.js';
export { signable } from './signable.js';
export { signDoc, deviceSigner } from './sign-doc.js';
export type { DocSigner, Signed } from './sign-doc.js';
export { verifyDoc, importPublicKey } from './verify-doc.js';
export { approvalBytes, signApproval, verifyApproval, approvalSigner } from './approval.js';
export type { ApprovalSigner, Approved } from './approval.js';
export { createApproverKey, unwrapApproverKey, APPROVER_KEY_ITERATIONS } from './approver-key.js';
export type { ApproverKey, WrappedApproverKey } from './approver-key.js';
export { importCustomerKeys, generateCustomerKeyMaterial } from './customer-keys.js';
export type { CustomerKeys, CustomerKeyMaterial } from './customer-keys.js';
export { normalizeBusinessKey, normalizePhone, normalizeTaxId } from './business-key.js';
export type { BusinessKeyKind } from './business-key.js';
export {
  encryptField, decryptField, blindIndex, blindIndexOf, encryptCustomer, decryptCustomer, isCiphertext, PERSONAL_FIELDS,
} from './customer-crypto.js';
export type { PersonalField } from './customer-crypto.js';
export { customerChanges, EDITABLE_FIELDS } from './customer-changes.js';
export type { CustomerInput, CustomerChanges, EditableField } from './customer-changes.js';
export { saveCustomer, findCustomerByPhone } from './record-customer.js';
export type { CustomerWriter } from './record-customer.js';
