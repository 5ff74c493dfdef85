// A stock movement: immutable, append-only, `move:<store>:<hlc>`. Quantities are signed
// (+ into the store, − out); stock on hand is the `_sum` of moves and sale lines.
import {
  HLC, STORE_ID, actor, approval, commonProperties, couchFields, keyId, nodeId, quarantined, shortText, signature, sku,
  storeId,
} from './common.js';

export const moveKinds = ['opening', 'receipt', 'transfer-in', 'transfer-out', 'adjustment'] as const;

export const moveSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'device', 'kind', 'lines'],
  properties: {
    _id: { type: 'string', pattern: `^move:${STORE_ID}:${HLC}$` },
    type: { type: 'string', const: 'move' },
    ...commonProperties,
    store: storeId,
    device: nodeId,
    kind: { type: 'string', enum: moveKinds },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'qty'],
        properties: {
          sku,
          // Non-zero is checked in check.cjs, which can say so plainly.
          qty: { type: 'integer', minimum: -100000, maximum: 100000 },
        },
      },
    },
    reason: shortText,
    approvedBy: actor,
    /** The approving manager's signature (with `approvedBy`). */
    approval,
    /** Free reference: a transfer's other move id, a supplier invoice number… */
    ref: shortText,
    signature,
    keyId,
    quarantined,
  },
  // An adjustment must say why stock changed.
  if: { properties: { kind: { const: 'adjustment' } }, required: ['kind'] },
  then: { properties: { reason: {} }, required: ['reason'] },
} as const;
