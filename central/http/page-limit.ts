// The `limit` of a listing route: a whole number of 1 or more (else 400 naming `limit`), capped at
// `max` so no caller can ask for the whole database in one page; `fallback` when absent.
import { ProntoError } from '../../validators/index.js';

export function pageLimit(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) throw new ProntoError('BAD_REQUEST', `limit must be a whole number from 1 (at most ${max} are returned)`, { param: 'limit', limit: value });
  return Math.min(n, max);
}
