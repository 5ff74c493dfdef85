// One device's sync status, overwritten in place (`store-status:<store>:<device>`). Only that
// device writes it, so it does not conflict. Signed by the device's key like a sale: central
// relays to admins only the statuses that verify. Rewritten on every change that matters and at
// least every `intervalMs` (a heartbeat), so central can tell a silent till from a quiet one.
// Every list and string is bounded: a till cannot grow its status without limit.
import { NODE_ID, STORE_ID, commonProperties, count, couchFields, isoTime, keyId, longText, nodeId, rev, signature, storeId } from './common.js';

export const syncStates = ['online', 'offline', 'syncing', 'error', 'denied'] as const;
/** Refused documents listed in one status; `refusedCount` counts them all. */
export const MAX_REPORTED_REFUSED = 20;
const TEN_YEARS_MS = 10 * 366 * 24 * 3_600_000;

const refusedDoc = {
  type: 'object',
  additionalProperties: false,
  required: ['db', 'id', 'reason'],
  properties: {
    db: { type: 'string', enum: ['store', 'customers'] },
    id: { type: 'string', minLength: 1, maxLength: 200 },
    rev,
    reason: { type: 'string', maxLength: 500 },
    at: isoTime,
  },
} as const;

export const storeStatusSchema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: couchFields,
  required: ['_id', 'type', 'updatedAt', 'updatedBy', 'store', 'device', 'state', 'pending'],
  properties: {
    _id: { type: 'string', pattern: `^store-status:${STORE_ID}:${NODE_ID}$` },
    type: { type: 'string', const: 'store-status' },
    ...commonProperties,
    store: storeId,
    device: nodeId,
    state: { type: 'string', enum: syncStates },
    pending: count,
    /** When the oldest of the pending uploads was written (its `updatedAt`, to the ms); absent when none or unknown (older tills). */
    oldestPendingAt: isoTime,
    lastPush: isoTime,
    lastPull: isoTime,
    /** The last error, for `error` and `denied`. */
    message: longText,
    /** When the till wrote this report, by its corrected clock (central's time when measured). */
    reportedAt: isoTime,
    /** The longest the till waits between two reports, ms: central calls it stale after two. */
    intervalMs: { type: 'integer', minimum: 1000, maximum: 3_600_000 },
    /** The POS build that wrote it. */
    appVersion: { type: 'string', pattern: '^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$' },
    /** Documents central refused that are still on the till (need attention). */
    refusedCount: count,
    /** The oldest of them, with central's reason. */
    refused: { type: 'array', maxItems: MAX_REPORTED_REFUSED, items: refusedDoc },
    /** The browser's storage: whether it may evict it (navigator.storage.persist) and how full it is, bytes. */
    storage: {
      type: 'object',
      additionalProperties: false,
      required: ['persisted'],
      properties: { persisted: { type: 'boolean' }, usage: count, quota: count },
    },
    /** Central's clock minus the device's, ms, as the till last measured it. */
    clockOffsetMs: { type: 'integer', minimum: -TEN_YEARS_MS, maximum: TEN_YEARS_MS },
    /** Whether that offset is beyond `settings:pos.maxClockSkewMin`. */
    clockSkewed: { type: 'boolean' },
    /** The device key's signature, as on a sale (store-client/status-reporter signs it). */
    signature,
    keyId,
  },
} as const;
