// Published settings in the catalog, one document per key. The `conflict-policy` key carries
// the resolver's policy: a default strategy, per-type strategies and field rules, and
// cross-field rules the merged result must keep (e.g. price >= cost). The `pos` key carries the
// tills' rules (`value`: the discount a cashier may give without a manager's approval) and the
// limits central holds every store document to (central/rules). The `sync` key carries how tills
// replicate (batch sizes, retry back-off, heartbeats).
import { commonProperties, couchFields, docTypes, fieldRules, strategies } from './common.js';

const strategy = { type: 'string', enum: strategies } as const;

const typePolicy = {
  type: 'object',
  additionalProperties: false,
  required: ['strategy'],
  properties: {
    strategy,
    fields: {
      type: 'object',
      propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
      additionalProperties: { type: 'string', enum: fieldRules },
    },
  },
} as const;

const fieldName = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' } as const;

export const policySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['default'],
  properties: {
    default: strategy,
    types: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(docTypes.map((t) => [t, typePolicy])) as {
        [K in (typeof docTypes)[number]]: typeof typePolicy;
      },
    },
    rules: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'field', 'op', 'other'],
        properties: {
          type: { type: 'string', enum: docTypes },
          field: fieldName,
          op: { type: 'string', enum: ['gte', 'lte', 'gt', 'lt'] },
          other: fieldName,
        },
      },
    },
  },
} as const;

/** `settings:pos` value: what a till allows before it asks a manager to approve, and the limits
 * central checks every sale, return and move against. Every field is optional (defaults in
 * central/rules/pos-rules.ts and store-client/pos/pos-settings.ts). */
export const posSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    /** Largest discount, in % of a line, a cashier gives alone; above it a sale needs `approvedBy`. Default 10. */
    cashierMaxDiscountPct: { type: 'integer', minimum: 0, maximum: 100 },
    /** Largest discount, in % of a line, even a manager may approve; above it central quarantines the sale. Default 100. */
    managerMaxDiscountPct: { type: 'number', minimum: 0, maximum: 100 },
    /** How far ahead of central's clock a document's stamps may be, in minutes. Default 10. */
    maxClockSkewMin: { type: 'integer', minimum: 1 },
    /** How old (days before central's clock) a document's stamps may be when it arrives. Default 30. */
    maxOfflineDays: { type: 'integer', minimum: 1 },
  },
} as const;

/** `settings:sync` value: how every till replicates (store-client/sync-settings.ts applies it;
 * a till restarts its replication when it changes). Every field is optional, defaults in
 * store-client/sync-settings.ts; `retryMaxMs` below `retryMinMs` is refused by central
 * (central/settings/check-settings.ts), a schema cannot compare two fields. */
export const syncSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    /** Documents per replication batch, pushed and pulled. Default 500. */
    batchSize: { type: 'integer', minimum: 10, maximum: 5000 },
    /** Batches read ahead of the one being written. Default 4. */
    batchesLimit: { type: 'integer', minimum: 1, maximum: 20 },
    /** First retry's ceiling after a failed sync, ms. Default 1000. */
    retryMinMs: { type: 'integer', minimum: 100, maximum: 60000 },
    /** Longest wait between two retries, ms. Default 30000. */
    retryMaxMs: { type: 'integer', minimum: 1000, maximum: 600000 },
    /** Heartbeat asked of central's live long-polls, ms. Default 10000. */
    heartbeatMs: { type: 'integer', minimum: 1000, maximum: 60000 },
    /** Longest time between two status reports of a till, ms. Default 60000. */
    statusIntervalMs: { type: 'integer', minimum: 10000, maximum: 3600000 },
    /** Days of the store's sales, moves and returns a new till keeps (its history window, fixed at
     * its first start; the rest is central's stock base). Above pos.maxOfflineDays. Default 60. */
    historyDays: { type: 'integer', minimum: 31, maximum: 3660 },
  },
} as const;

export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'key'],
  properties: {
    _id: { type: 'string', pattern: '^settings:[a-z0-9-]+$' },
    type: { type: 'string', const: 'settings' },
    ...commonProperties,
    key: { type: 'string', pattern: '^[a-z0-9-]+$' },
    policy: policySchema,
    /** Free-form for keys other than `conflict-policy`, `pos` and `sync`. */
    value: {},
  },
  allOf: [
    {
      if: { properties: { key: { const: 'conflict-policy' } }, required: ['key'] },
      // `properties` restated so ajv's strictRequired sees `policy` is declared.
      then: { properties: { policy: {} }, required: ['policy'] },
    },
    {
      if: { properties: { key: { const: 'pos' } }, required: ['key'] },
      then: { properties: { value: posSettingsSchema }, required: ['value'] },
    },
    {
      if: { properties: { key: { const: 'sync' } }, required: ['key'] },
      then: { properties: { value: syncSettingsSchema }, required: ['value'] },
    },
  ],
} as const;
