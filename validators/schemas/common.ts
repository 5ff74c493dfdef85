// Schema fragments every document type shares: id parts, formats, money, the common fields.
// Patterns, never `format`: CouchDB runs the compiled schemas without ajv-formats, and patterns
// are compiled without the `u` flag so that ES5 engines accept them (see ../compile.ts).

/** Store id body, e.g. `s1`, `centro-2`. */
export const STORE_ID = '[a-z0-9][a-z0-9-]{0,30}';
/** Node (device, server) id body, e.g. `s1.pos1`. */
export const NODE_ID = '[a-z0-9][a-z0-9._-]{0,63}';
/** SKU body, e.g. `PR-1001-NEG-25.5`. */
export const SKU = '[A-Z0-9][A-Z0-9.-]{1,47}';
/** HLC stamp body: ISO-8601 UTC wall time with ms, 4 lower-case hex counter, node id. */
export const HLC =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z-[0-9a-f]{4}-' + NODE_ID;
/** UUID body (any version), lower case. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const hlc = { type: 'string', pattern: `^${HLC}$` } as const;
export const storeId = { type: 'string', pattern: `^${STORE_ID}$` } as const;
export const nodeId = { type: 'string', pattern: `^${NODE_ID}$` } as const;
export const sku = { type: 'string', pattern: `^${SKU}$` } as const;
/** Mexican centimetre size, "10" to "35" in half sizes. */
export const size = { type: 'string', pattern: '^(?:(?:1[0-9]|2[0-9]|3[0-4])(?:\\.5)?|35)$' } as const;
/** Integer centavos (MXN); never floats, so sums are exact. */
export const money = { type: 'integer', minimum: 0 } as const;
export const count = { type: 'integer', minimum: 0 } as const;
/** Money that changes hands one way: a sale's payment or a return's refund. */
export const moneyMovement = {
  type: 'object',
  additionalProperties: false,
  required: ['method', 'amount'],
  properties: {
    method: { type: 'string', enum: ['cash', 'card'] },
    amount: money,
  },
} as const;
/** Calendar day in the store's time zone. */
export const businessDay = {
  type: 'string',
  pattern: '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$',
} as const;
/** Plain wall-clock instant (UTC), for status fields that are not ordering stamps. */
export const isoTime = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{3})?Z$',
} as const;
export const customerId = { type: 'string', pattern: `^customer:${UUID}$` } as const;
/** A CouchDB revision id, `<generation>-<hash>`. */
export const rev = { type: 'string', pattern: '^[0-9]+-[0-9a-f]+$' } as const;
export const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
/** An account or device name (CouchDB user names are free text, so only length is bounded). */
export const actor = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const shortText = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const longText = { type: 'string', maxLength: 2000 } as const;
export const tags = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 50 } } as const;
/** Per-field HLC stamps, for field-merge conflict resolution. */
export const stamps = {
  type: 'object',
  propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
  additionalProperties: hlc,
} as const;
/** Base64 or base64url, e.g. an ECDSA signature. */
export const signature = { type: 'string', pattern: '^[A-Za-z0-9+/_-]+={0,2}$', maxLength: 200 } as const;
/** Which device key signed a document: base64url of (part of) the key's SHA-256 thumbprint. */
export const keyId = { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 64 } as const;
/** A manager's approval of a sale, return or move: their own key's signature (see store-client/crypto/approval.ts). */
export const approval = {
  type: 'object',
  additionalProperties: false,
  required: ['keyId', 'signature'],
  properties: { keyId, signature },
} as const;
const jwkCoordinate = { type: 'string', pattern: '^[A-Za-z0-9_-]{40,48}$' } as const;
/** A public key as a JWK (EC P-256): only the members RFC 7638 names. */
export const ecPublicJwk = {
  type: 'object',
  additionalProperties: false,
  required: ['kty', 'crv', 'x', 'y'],
  properties: { kty: { type: 'string', const: 'EC' }, crv: { type: 'string', const: 'P-256' }, x: jwkCoordinate, y: jwkCoordinate },
} as const;
/** One registered public key (a till's in `device`, a manager's in `approver`), written by central. */
export const registeredKeyProperties = {
  keyId,
  publicJwk: ecPublicJwk,
  status: { type: 'string', enum: ['active', 'retired', 'revoked'] },
  addedAt: hlc,
  /** Who enrolled the key (a manager, or an admin approving a till's request). */
  addedBy: actor,
  revokedAt: hlc,
  revokedBy: actor,
  /** Why it was revoked, as the admin wrote it (a stolen till…). */
  revokeReason: { type: 'string', minLength: 1, maxLength: 500 },
} as const;
export const registeredKeyRequired = ['keyId', 'publicJwk', 'status', 'addedAt'] as const;
/** Set by central on a document it keeps but does not trust (e.g. a bad signature). */
export const quarantined = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'at'],
  properties: { reason: shortText, at: hlc },
} as const;

/** CouchDB's own fields (`_rev`, `_revisions`, `_deleted`, `_conflicts`, `_attachments`…). */
export const couchFields = { '^_': {} } as const;
/** Fields every document carries besides `_id` and `type`. */
export const commonRequired = ['_id', 'type', 'updatedAt', 'updatedBy'] as const;
export const commonProperties = { updatedAt: hlc, updatedBy: actor } as const;

export const strategies = ['lww', 'central-wins', 'field-merge', 'manual'] as const;
export const fieldRules = ['lww', 'central-wins', 'store-wins', 'union', 'max', 'min'] as const;
export const docTypes = [
  'product', 'store', 'settings', 'sale', 'move', 'return', 'store-status', 'customer', 'conflict', 'audit', 'device', 'approver',
  'stock-base',
] as const;
