// A store of the chain, as listed in the catalog.
import { STORE_ID, commonProperties, couchFields, shortText, storeId } from './common.js';

export const storeSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'name', 'timezone', 'active'],
  properties: {
    _id: { type: 'string', pattern: `^store:${STORE_ID}$` },
    type: { type: 'string', const: 'store' },
    ...commonProperties,
    store: storeId,
    name: shortText,
    city: shortText,
    /** IANA zone, e.g. `America/Mexico_City`; business days are counted in it. */
    timezone: { type: 'string', pattern: '^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$', maxLength: 64 },
    active: { type: 'boolean' },
  },
} as const;
