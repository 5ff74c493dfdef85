// A sale: immutable, append-only, one atomic document per ticket. Its id (`sale:<store>:<hlc>`)
// cannot be produced by another store, so sales never conflict. Its lines are also its stock
// movements (the stock view counts them). Totals are checked against the lines in check.cjs.
import {
  HLC, STORE_ID, actor, approval, businessDay, commonProperties, couchFields, customerId, money, nodeId,
  keyId, quarantined, signature, sku, storeId,
  moneyMovement,
} from './common.js';

export const saleSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: [
    '_id', 'type', 'updatedAt', 'updatedBy',
    'store', 'device', 'cashier', 'businessDay', 'lines', 'total', 'payments', 'change',
  ],
  properties: {
    _id: { type: 'string', pattern: `^sale:${STORE_ID}:${HLC}$` },
    type: { type: 'string', const: 'sale' },
    ...commonProperties,
    store: storeId,
    device: nodeId,
    cashier: actor,
    businessDay,
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'qty', 'unitPrice', 'discount'],
        properties: {
          sku,
          qty: { type: 'integer', minimum: 1, maximum: 10000 },
          unitPrice: money,
          discount: money,
        },
      },
    },
    total: money,
    payments: {
      type: 'array',
      maxItems: 20,
      items: moneyMovement,
    },
    change: money,
    customer: customerId,
    /** The manager who approved a discount above the cashier's limit (settings:pos). */
    approvedBy: actor,
    /** The approving manager's signature (with `approvedBy`). */
    approval,
    signature,
    keyId,
    quarantined,
  },
} as const;
