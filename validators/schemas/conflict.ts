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
    /** `revision`: a CouchDB revision conflict; `duplicate`: two documents with one business key. */
    kind: { type: 'string', enum: ['revision', 'duplicate'] },
    reason: longText,
    /** What the resolver saw: every live leaf with its body (for duplicates, each document). */
    leaves: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rev', 'body'],
        properties: { rev, id: { type: 'string', minLength: 1, maxLength: 300 }, deleted: { type: 'boolean' }, body: { type: 'object' } },
      },
    },
    resolution: { type: 'string', enum: ['keep-winner', 'write-merged', 'needs-review', 'manual-pick', 'manual-merge'] },
    /** The body that won (kept or merged). */
    result: { type: 'object' },
    /** For duplicates: the ids merged into `docId`. */
    duplicates: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 300 } },
    /** Sequence number of the audit entry that names this record (set once it is audited). */
    auditSeq: { type: 'integer', minimum: 1 },
    revisions: { type: 'array', minItems: 2, maxItems: 100, items: rev },
    winner: rev,
    resolvedBy: actor,
    resolvedAt: hlc,
    detectedAt: hlc,
  },
} as const;
