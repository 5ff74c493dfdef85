// A conflict record in the audit database: what the resolver found and, once settled, how.
// `revisions` are the conflicting leaf revs; their bodies stay readable with `open_revs`.
import { actor, commonProperties, couchFields, hlc, longText, rev, strategies } from './common.js';

export const conflictSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'db', 'docId', 'status', 'strategy', 'revisions', 'detectedAt'],
  properties: {
    _id: { type: 'string', pattern: '^conflict:[^\\s]{1,300}$' },
    type: { type: 'string', const: 'conflict' },
    ...commonProperties,
    db: { type: 'string', pattern: '^[a-z][a-z0-9_$()+/-]{0,237}$' },
    docId: { type: 'string', minLength: 1, maxLength: 300 },
    status: { type: 'string', enum: ['pending', 'resolved'] },
    strategy: { type: 'string', enum: strategies },
    reason: longText,
    revisions: { type: 'array', minItems: 2, maxItems: 100, items: rev },
    winner: rev,
    resolvedBy: actor,
    resolvedAt: hlc,
    detectedAt: hlc,
  },
} as const;
