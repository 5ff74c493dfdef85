// A return or a void of a sale: immutable, append-only, in the store's database. Sales never
// change, so a correction is a new document that points at the sale. A `return` has its own
// stamp (`return:<store>:<hlc>`); a `void` takes its id from the sale
// (`return:<store>:void:<sale's hlc>`), so two tills voiding one sale offline write the same
// id and CouchDB keeps one (a revision conflict, never two refunds). Money, the void id and the
// sale's store are checked in check.cjs.
import {
  HLC, STORE_ID, actor, approval, businessDay, commonProperties, couchFields, customerId, keyId, money, nodeId,
  quarantined, shortText, signature, sku, storeId,
  moneyMovement,
} from './common.js';

export const returnKinds = ['return', 'void'] as const;

export const returnSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: [
    '_id', 'type', 'updatedAt', 'updatedBy',
    'kind', 'store', 'device', 'cashier', 'businessDay', 'sale', 'lines', 'total', 'refunds', 'reason', 'approvedBy',
  ],
  properties: {
    _id: { type: 'string', pattern: `^return:${STORE_ID}:(?:void:)?${HLC}$` },
    type: { type: 'string', const: 'return' },
    ...commonProperties,
    kind: { type: 'string', enum: returnKinds },
    store: storeId,
    device: nodeId,
    cashier: actor,
    businessDay,
    /** The sale given back, `sale:<store>:<hlc>` of this same store. */
    sale: { type: 'string', pattern: `^sale:${STORE_ID}:${HLC}$` },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line', 'sku', 'qty', 'unitPrice', 'discount'],
        properties: {
          /** Index into the sale's lines (a sale may list one SKU twice, at two prices). */
          line: { type: 'integer', minimum: 0, maximum: 199 },
          sku,
          qty: { type: 'integer', minimum: 1, maximum: 10000 },
          unitPrice: money,
          /** This return's share of the sale line's discount. */
          discount: money,
        },
      },
    },
    /** The refund: the sum of qty * unitPrice - discount. */
    total: money,
    // At least one entry, even for a refund of 0, so every return says how money went back.
    refunds: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: moneyMovement,
    },
    reason: shortText,
    /** The manager who approved it. */
    approvedBy: actor,
    /** The approving manager's signature (with `approvedBy`). */
    approval,
    customer: customerId,
    signature,
    keyId,
    quarantined,
  },
  // A void's id is derived from the sale; a return's is not, so it cannot squat a void's id.
  if: { properties: { kind: { const: 'void' } }, required: ['kind'] },
  then: { properties: { _id: { type: 'string', pattern: `^return:${STORE_ID}:void:${HLC}$` } } },
  else: { properties: { _id: { type: 'string', pattern: `^return:${STORE_ID}:${HLC}$` } } },
} as const;
