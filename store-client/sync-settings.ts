// The `settings:sync` an admin publishes in the catalog, as a till applies it, pure: each value
// taken from the document when it is valid and within the schema's bounds, else its default,
// so a missing or malformed document never stops a till syncing. The SyncManager restarts its
// replication when the result changes (applySettings).
import { syncSettingsSchema } from '../validators/schemas/settings.js';

export interface SyncSettings {
  /** Documents per replication batch (PouchDB `batch_size`). */
  batchSize: number;
  /** Batches read ahead (PouchDB `batches_limit`). */
  batchesLimit: number;
  /** First retry's ceiling after a failure, ms (backoff `baseMs`). */
  retryMinMs: number;
  /** Longest wait between retries, ms (backoff `maxMs`); never below retryMinMs. */
  retryMaxMs: number;
  /** Heartbeat asked of central's live long-polls, ms. */
  heartbeatMs: number;
  /** Longest time between two status reports, ms. */
  statusIntervalMs: number;
  /** Days of store history a new till keeps (history-window.ts); read at its first start only. */
  historyDays: number;
}

export const SYNC_SETTINGS_ID = 'settings:sync';

export const DEFAULT_SYNC_SETTINGS: Readonly<SyncSettings> = Object.freeze({
  batchSize: 1000, batchesLimit: 4, retryMinMs: 1000, retryMaxMs: 30_000, heartbeatMs: 10_000, statusIntervalMs: 20_000, historyDays: 60,
});

const bounds = syncSettingsSchema.properties;

/** `value`: the `value` of the `settings:sync` document, or undefined when there is none. */
export function syncSettings(value: unknown): SyncSettings {
  const given = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const out: SyncSettings = { ...DEFAULT_SYNC_SETTINGS };
  for (const key of Object.keys(DEFAULT_SYNC_SETTINGS) as Array<keyof SyncSettings>) {
    const v = given[key];
    const { minimum, maximum } = bounds[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= minimum && v <= maximum) out[key] = v;
  }
  out.retryMaxMs = Math.max(out.retryMaxMs, out.retryMinMs);
  return out;
}

export function sameSyncSettings(a: SyncSettings, b: SyncSettings): boolean {
  return (Object.keys(DEFAULT_SYNC_SETTINGS) as Array<keyof SyncSettings>).every((k) => a[k] === b[k]);
}
