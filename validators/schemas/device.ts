// A till's signing keys, in the catalog (written by central at enrollment). Central verifies
// every sale and stock movement against them: `active` and `retired` keys verify (rotation keeps
// old sales valid); a `revoked` key does not.
import { NODE_ID, STORE_ID, commonProperties, couchFields, nodeId, registeredKeyProperties, registeredKeyRequired, storeId } from './common.js';

export const deviceSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'device', 'keys'],
  properties: {
    _id: { type: 'string', pattern: `^device:${STORE_ID}:${NODE_ID}$` },
    type: { type: 'string', const: 'device' },
    ...commonProperties,
    store: storeId,
    device: nodeId,
    keys: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: registeredKeyRequired,
        properties: registeredKeyProperties,
      },
    },
  },
} as const;
