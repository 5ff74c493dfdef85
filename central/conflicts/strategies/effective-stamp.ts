// The HLC stamp of one field of a body: its own entry in `stamps`, else the body's `updatedAt`
// (a writer that keeps no per-field stamps changed every field at `updatedAt`). An absent field
// has a stamp only when `stamps` records one — that is a removal; otherwise the writer never
// had the field, and its absence carries no time at all ('').
import { validStamp } from './valid-stamp.js';

export function effectiveStamp(body: Readonly<Record<string, unknown>>, field: string): string {
  const stamps = body.stamps;
  const own = stamps !== null && typeof stamps === 'object' && Object.hasOwn(stamps, field)
    ? validStamp((stamps as Record<string, unknown>)[field])
    : '';
  if (!Object.hasOwn(body, field)) return own;
  return own || validStamp(body.updatedAt);
}
