// One device's sync status, overwritten in place (`store-status:<store>:<device>`). Only that
// device writes it, so it does not conflict. Signed by the device key, so an account of the store
// cannot pass off a status as a till's.
import { NODE_ID, STORE_ID, commonProperties, count, couchFields, isoTime, keyId, longText, nodeId, signature, storeId } from './common.js';

export const syncStates = ['online', 'offline', 'syncing', 'error', 'denied'] as const;

export const storeStatusSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'device', 'state', 'pending'],
  properties: {
    _id: { type: 'string', pattern: `^store-status:${STORE_ID}:${NODE_ID}$` },
    type: { type: 'string', const: 'store-status' },
    ...commonProperties,
    store: storeId,
    device: nodeId,
    state: { type: 'string', enum: syncStates },
    pending: count,
    lastPush: isoTime,
    lastPull: isoTime,
    /** The last error, for `error` and `denied`. */
    message: longText,
    /** The device key's signature, as on a sale (store-client/status-reporter signs it). */
    signature,
    keyId,
  },
} as const;
