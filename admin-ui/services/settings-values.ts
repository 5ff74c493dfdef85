// The POS and sync settings forms, pure: each field's bounds come from the settings schema (the
// one the server and CouchDB validate with), shown in the unit the admin types (seconds for the
// sync intervals, stored as ms). An empty input means "the default": the key is left out.
import { posSettingsSchema, syncSettingsSchema } from '../../validators/schemas/settings.js';

export type SettingsKey = 'pos' | 'sync';

export interface ValueField {
  key: string;
  /** Stored value = typed value × scale (1000: typed in seconds, stored in ms). */
  scale: number;
  integer: boolean;
  /** Bounds of the stored value. */
  minimum: number;
  maximum?: number;
  /** The till's default when unset, stored units. */
  fallback: number;
}

type Bound = { type: string; minimum: number; maximum?: number };
const field = (bound: Bound, key: string, fallback: number, scale = 1): ValueField => ({
  key, scale, integer: bound.type === 'integer', minimum: bound.minimum, ...(bound.maximum !== undefined ? { maximum: bound.maximum } : {}), fallback,
});

const pos = posSettingsSchema.properties;
const sync = syncSettingsSchema.properties;

export const VALUE_FIELDS: Record<SettingsKey, readonly ValueField[]> = {
  pos: [
    field(pos.cashierMaxDiscountPct, 'cashierMaxDiscountPct', 10),
    field(pos.managerMaxDiscountPct, 'managerMaxDiscountPct', 100),
    field(pos.maxClockSkewMin, 'maxClockSkewMin', 10),
    field(pos.maxOfflineDays, 'maxOfflineDays', 30),
  ],
  sync: [
    field(sync.batchSize, 'batchSize', 1000),
    field(sync.batchesLimit, 'batchesLimit', 4),
    field(sync.retryMinMs, 'retryMinMs', 1000, 1000),
    field(sync.retryMaxMs, 'retryMaxMs', 30_000, 1000),
    field(sync.heartbeatMs, 'heartbeatMs', 10_000, 1000),
    field(sync.statusIntervalMs, 'statusIntervalMs', 20_000, 1000),
    field(sync.historyDays, 'historyDays', 60),
  ],
};

/** What is wrong with one typed value: `number`, `integer`, `min` / `max` (with the bound, in typed units), `order`. */
export type ValueProblem = { problem: 'number' | 'integer' } | { problem: 'min' | 'max'; limit: number } | { problem: 'order' };

/** The typed text of a stored value ('' when unset). */
export function typedOf(f: ValueField, stored: unknown): string {
  return typeof stored === 'number' ? String(stored / f.scale) : '';
}

/** The value to send and the problems by key; `value` only when there are none. */
export function parseValues(key: SettingsKey, typed: Readonly<Record<string, string>>): { value?: Record<string, number>; problems: Record<string, ValueProblem> } {
  const value: Record<string, number> = {};
  const problems: Record<string, ValueProblem> = {};
  for (const f of VALUE_FIELDS[key]) {
    const text = (typed[f.key] ?? '').trim();
    if (text === '') continue;
    const n = Number(text);
    if (!Number.isFinite(n)) { problems[f.key] = { problem: 'number' }; continue; }
    const stored = f.scale === 1 ? n : Math.round(n * f.scale);
    if (f.integer && !Number.isInteger(stored)) problems[f.key] = { problem: 'integer' };
    else if (stored < f.minimum) problems[f.key] = { problem: 'min', limit: f.minimum / f.scale };
    else if (f.maximum !== undefined && stored > f.maximum) problems[f.key] = { problem: 'max', limit: f.maximum / f.scale };
    else value[f.key] = stored;
  }
  // The one rule a schema cannot say (central/settings/check-settings.ts says it too).
  if (key === 'sync' && value.retryMaxMs !== undefined && value.retryMaxMs < (value.retryMinMs ?? 1000)) problems.retryMaxMs = { problem: 'order' };
  return Object.keys(problems).length > 0 ? { problems } : { value, problems };
}
