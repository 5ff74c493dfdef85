// One entry of the hash-chained audit trail (`audit:<seq>`), written by central only.
// `hash` covers the entry and `prevHash`, so rewriting history breaks the chain.
import { actor, commonProperties, couchFields, hlc, sha256Hex, shortText } from './common.js';

export const auditSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'seq', 'at', 'actor', 'action'],
  properties: {
    _id: { type: 'string', pattern: '^audit:[0-9]{1,16}$' },
    type: { type: 'string', const: 'audit' },
    ...commonProperties,
    seq: { type: 'integer', minimum: 0 },
    at: hlc,
    actor,
    action: { type: 'string', pattern: '^[a-z][a-z0-9.-]{0,63}$' },
    target: shortText,
    details: { type: 'object' },
    prevHash: sha256Hex,
    hash: sha256Hex,
    /** HMAC-SHA256 of `hash` with central's audit key. */
    mac: sha256Hex,
  },
} as const;
