// central/keys' public API: the customer keys central keeps (and hands to a logged-in POS).
export { loadCustomerKeys, CUSTOMER_KEY_FILES } from './customer-keys.js';
export type { CentralCustomerKeys, CustomerKeysFromEnv } from './customer-keys.js';
export { isKey32, KEY_BYTES, KEY_HINT } from './key-bytes.js';
