// A stock base: stock on hand per SKU of one store, summed over its sales, moves and returns
// stamped (`updatedAt`, UTC) before `cutoff`, a month start. Written only by central
// (central/stock-bases), which keeps it current when a late document dated before the cutoff
// arrives; a till with a history window (store-client/history-window) adds its base to the
// stock view over the documents it holds, so it never needs the store's whole past.
// `stock-base:<store>:<cutoff>`, one per store and month start, shared by every till that picked it.
import { STORE_ID, commonProperties, couchFields, storeId } from './common.js';

/** A month start, `YYYY-MM-01`. */
export const MONTH_START = '[0-9]{4}-(?:0[1-9]|1[0-2])-01';

export const stockBaseSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'cutoff', 'qty'],
  properties: {
    _id: { type: 'string', pattern: `^stock-base:${STORE_ID}:${MONTH_START}$` },
    type: { type: 'string', const: 'stock-base' },
    ...commonProperties,
    store: storeId,
    cutoff: { type: 'string', pattern: `^${MONTH_START}$` },
    /** Signed stock per SKU; SKUs that sum to 0 are left out. */
    qty: {
      type: 'object',
      propertyNames: { pattern: '^[A-Z0-9][A-Z0-9.-]{1,47}$' },
      additionalProperties: { type: 'integer' },
    },
  },
} as const;
