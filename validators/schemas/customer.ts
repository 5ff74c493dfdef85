// A customer, shared by every store. Personal fields (phone, email, taxId, address) arrive
// encrypted by the POS, so they are opaque strings here; `blindIndex` holds keyed hashes of
// phone and tax id so duplicates can be found without decrypting.
import { UUID, commonProperties, count, couchFields, customerId, hlc, longText, shortText, stamps, tags } from './common.js';

const blindHash = { type: 'string', pattern: '^[A-Za-z0-9+/_=-]{16,128}$' } as const;

export const customerSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'name'],
  properties: {
    _id: { type: 'string', pattern: `^customer:${UUID}$` },
    type: { type: 'string', const: 'customer' },
    ...commonProperties,
    /** When the customer was first registered; the older of two duplicates survives a merge. */
    createdAt: hlc,
    name: shortText,
    phone: longText,
    email: longText,
    taxId: longText,
    address: longText,
    points: count,
    tags,
    notes: longText,
    blindIndex: {
      type: 'object',
      additionalProperties: false,
      properties: { phone: blindHash, taxId: blindHash },
    },
    /** Set on the duplicate when two customers are merged; points at the survivor. */
    mergedInto: customerId,
    stamps,
  },
} as const;
