// What each live leaf says about one field: its value (or that it removed the field) and the
// stamp of that statement. A leaf that neither has the field nor stamps it says nothing.
import type { Leaf } from '../types.js';
import { effectiveStamp } from './effective-stamp.js';

export interface Candidate {
  leaf: Leaf;
  present: boolean;
  value?: unknown;
  /** The field's HLC stamp on this leaf, or '' when it has none. */
  stamp: string;
}

export function fieldCandidates(leaves: readonly Leaf[], field: string): Candidate[] {
  const out: Candidate[] = [];
  for (const leaf of leaves) {
    const present = Object.hasOwn(leaf.body, field);
    const stamp = effectiveStamp(leaf.body, field);
    if (present) out.push({ leaf, present, value: leaf.body[field], stamp });
    else if (stamp) out.push({ leaf, present, stamp });
  }
  return out;
}
