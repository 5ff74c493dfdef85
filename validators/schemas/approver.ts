// A manager's (or admin's) own approval keys, in the catalog (`approver:<name>`, written by central
// when the manager registers a key from a till: POST /api/approvers/keys). One key per device the
// manager approves at; central verifies a sale's, return's or move's `approval` against them:
// `active` and `retired` keys verify (a new key on the same device retires the old one, and what
// it signed stays valid); a `revoked` key does not.
import { actor, commonProperties, couchFields, nodeId, registeredKeyProperties, registeredKeyRequired } from './common.js';

export const approverSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'name', 'keys'],
  properties: {
    // The id is checked against `name` in check.cjs (CouchDB user names are free text).
    _id: { type: 'string', pattern: '^approver:.+$' },
    type: { type: 'string', const: 'approver' },
    ...commonProperties,
    /** The CouchDB account name (`org.couchdb.user:<name>`), as written in `approvedBy`. */
    name: actor,
    keys: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: registeredKeyRequired,
        properties: {
          ...registeredKeyProperties,
          /** The till the key was made on (its private key never leaves it). */
          device: nodeId,
        },
      },
    },
  },
} as const;
