// A product variant (one SKU: model × colour × size) in the catalog. Mutable master data:
// `stamps` keeps a per-field HLC so conflicting edits can be merged field by field.
import { SKU, commonProperties, couchFields, longText, money, shortText, size, sku, stamps, tags } from './common.js';

export const productSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'sku', 'model', 'name', 'colour', 'size', 'price', 'cost', 'active'],
  properties: {
    _id: { type: 'string', pattern: `^product:${SKU}$` },
    type: { type: 'string', const: 'product' },
    ...commonProperties,
    sku,
    model: shortText,
    name: shortText,
    colour: shortText,
    size,
    price: money,
    cost: money,
    barcode: { type: 'string', pattern: '^[0-9]{8,14}$' },
    active: { type: 'boolean' },
    tags,
    notes: longText,
    stamps,
  },
} as const;
