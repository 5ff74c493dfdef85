// Documents as the console reads them one by one: which addresses it may ask for, who may read
// which database, and a customer's personal fields masked before anything leaves central.
export { mayReadDatabase, parseDocAddress, type DocAddress } from './doc-address.js';
export { MASK, PERSONAL_CUSTOMER_FIELDS, maskPersonal, type MaskedDoc } from './mask-personal.js';
export { readMaskedDoc } from './read-doc.js';
