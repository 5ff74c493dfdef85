// One field's value under its rule (DESIGN.md, "field-merge"). Central-ness is read from the
// field's own stamp, not the leaf's `updatedAt`: a store leaf still carries the price central
// set, and a merged body keeps who wrote each field, so merging again changes nothing.
import type { FieldRule } from '../types.js';
import type { Candidate } from './field-candidates.js';
import { latest } from './latest.js';
import { sortKeys } from './sort-keys.js';

export interface Choice {
  present: boolean;
  value?: unknown;
  /** The stamp the merged body records for the field ('' = none). */
  stamp: string;
}

export function mergeField(rule: FieldRule | undefined, candidates: readonly Candidate[], isCentral: (stamp: string) => boolean): Choice {
  if (candidates.length === 0) return { present: false, stamp: '' };
  const central = (c: Candidate) => c.stamp !== '' && isCentral(c.stamp);
  switch (rule) {
    case 'central-wins':
      return pick(candidates.filter(central), candidates);
    case 'store-wins':
      return pick(candidates.filter((c) => c.stamp !== '' && !central(c)), candidates);
    case 'union': {
      const arrays = candidates.flatMap((c) => (c.present && Array.isArray(c.value) ? [c.value as unknown[]] : []));
      return arrays.length === 0 ? pick([], candidates) : { present: true, value: union(arrays), stamp: greatest(candidates) };
    }
    case 'max':
    case 'min': {
      const nums = candidates.flatMap((c) => (c.present && typeof c.value === 'number' && Number.isFinite(c.value) ? [c.value] : []));
      if (nums.length === 0) return pick([], candidates);
      return { present: true, value: rule === 'max' ? Math.max(...nums) : Math.min(...nums), stamp: greatest(candidates) };
    }
    default:
      return pick([], candidates);
  }
}

/** The latest of `preferred`, or of every candidate (lww) when none is preferred. */
function pick(preferred: readonly Candidate[], all: readonly Candidate[]): Choice {
  const c = latest(preferred.length > 0 ? preferred : all);
  return c.present ? { present: true, value: c.value, stamp: c.stamp } : { present: false, stamp: c.stamp };
}

function greatest(candidates: readonly Candidate[]): string {
  return latest(candidates).stamp;
}

// Deduplicated by JSON value and sorted by it, so the order the leaves arrive in never shows.
function union(arrays: readonly unknown[][]): unknown[] {
  const byJson = new Map<string, unknown>();
  for (const item of arrays.flat()) {
    const canonical = sortKeys(item);
    byJson.set(JSON.stringify(canonical), canonical);
  }
  return [...byJson.keys()].sort().map((k) => byJson.get(k));
}
