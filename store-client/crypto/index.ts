// store-client/crypto's public API: device keys and document signatures (sales, moves), and
// customer field encryption with blind indexes. WebCrypto only, for browsers and Node 20 alike.
export { toBase64Url, fromBase64Url } from './base64url.js';
export { generateDeviceKey, keyIdOf } from './device-key.js';
export type { DeviceKey } from './device-key.js';
export { signable } from './signable.js';
export { signDoc, deviceSigner } from './sign-doc.js';
export type { DocSigner, Signed } from './sign-doc.js';
export { verifyDoc, importPublicKey } from './verify-doc.js';
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
export { createVerifier, checkPassword, DEFAULT_ITERATIONS } from './password-verifier.js';
export type { PasswordVerifier } from './password-verifier.js';
export type { CustomerWriter } from './record-customer.js';
