// What `pronto-sync seed` was asked for, checked, pure: the demo chain (no options), or
// `--stores N --skus M` synthetic stores × SKUs. Bad input is a BAD_REQUEST saying what is allowed.
import { ProntoError } from '../../validators/errors.js';

export type SeedPlan = { kind: 'demo' } | { kind: 'synthetic'; stores: number; skus: number };

export const MAX_STORES = 1_000;
export const MAX_SKUS = 100_000;

export function seedPlan(options: { stores?: string; skus?: string }): SeedPlan {
  if (options.stores === undefined && options.skus === undefined) return { kind: 'demo' };
  if (options.stores === undefined || options.skus === undefined) {
    throw new ProntoError('BAD_REQUEST', '--stores and --skus go together (e.g. --stores 10 --skus 500); with neither, seed seeds the demo chain');
  }
  return { kind: 'synthetic', stores: wholeNumber('--stores', options.stores, MAX_STORES), skus: wholeNumber('--skus', options.skus, MAX_SKUS) };
}

function wholeNumber(name: string, raw: string, max: number): number {
  const n = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ProntoError('BAD_REQUEST', `${name} must be a whole number from 1 to ${max.toLocaleString('en')}, got "${raw}"`, { option: name });
  }
  return n;
}
