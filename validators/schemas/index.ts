// Every document schema, keyed by the document `type` it describes.
import { approverSchema } from './approver.js';
import { auditSchema } from './audit.js';
import { conflictSchema } from './conflict.js';
import { customerSchema } from './customer.js';
import { deviceSchema } from './device.js';
import { moveSchema } from './move.js';
import { productSchema } from './product.js';
import { returnSchema } from './return.js';
import { saleSchema } from './sale.js';
import { settingsSchema } from './settings.js';
import { storeStatusSchema } from './store-status.js';
import { storeSchema } from './store.js';
import { stockBaseSchema } from './stock-base.js';

export const schemas = {
  product: productSchema,
  store: storeSchema,
  settings: settingsSchema,
  sale: saleSchema,
  move: moveSchema,
  return: returnSchema,
  'store-status': storeStatusSchema,
  customer: customerSchema,
  conflict: conflictSchema,
  audit: auditSchema,
  device: deviceSchema,
  approver: approverSchema,
  'stock-base': stockBaseSchema,
} as const;

export {
  approverSchema, auditSchema, conflictSchema, customerSchema, deviceSchema, moveSchema, productSchema, returnSchema, saleSchema,
  settingsSchema, stockBaseSchema, storeSchema, storeStatusSchema,
};
export { policySchema, posSettingsSchema, syncSettingsSchema } from './settings.js';
export { moveKinds } from './move.js';
export { returnKinds } from './return.js';
export { syncStates } from './store-status.js';
export { docTypes, strategies, fieldRules, HLC, NODE_ID, SKU, STORE_ID, UUID } from './common.js';
