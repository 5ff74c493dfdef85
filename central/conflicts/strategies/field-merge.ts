// Field by field merge of the live leaves (DESIGN.md, "field-merge"): each field follows its
// rule over per-field HLC stamps, so a price set at central and a phone set at a store both
// survive. The merged body records, in `stamps`, the stamp of every value it chose (and of every
// removal it kept), so merging it again with the same leaves chooses the same values.
//
// Removal: a leaf that lacks a field but stamps it removed the field; if that stamp is the
// latest, the merged body lacks it too. A leaf that lacks a field without a stamp says nothing
// about it (it may predate the field), so it never removes what another leaf has.
//
// Derived: `blindIndex` is not merged; each entry follows the field it indexes (follow-index.ts).
import { couchWinner } from '../couch-winner.js';
import type { Strategy } from '../types.js';
import { fieldCandidates } from './field-candidates.js';
import { followIndex, INDEX_FIELD } from './follow-index.js';
import { latest } from './latest.js';
import { mergeField } from './merge-field.js';
import { mergeableFields } from './mergeable-fields.js';
import { sameAsLeaf } from './same-as-leaf.js';
import { settleTrivially } from './settle-trivially.js';
import { sortKeys } from './sort-keys.js';
import { validStamp } from './valid-stamp.js';

export const fieldMerge: Strategy = (leaves, ctx) => {
  const settled = settleTrivially(leaves);
  if (settled) return settled;
  const live = leaves.filter((l) => !l.deleted);
  const newest = latest(live.map((leaf) => ({ leaf, stamp: validStamp(leaf.body.updatedAt) })));
  const envelope = newest.leaf.body;

  const merged: Record<string, unknown> = {};
  for (const key of ['_id', 'type']) if (Object.hasOwn(envelope, key)) merged[key] = envelope[key];
  const stamps: Record<string, string> = {};
  for (const field of mergeableFields(live.map((l) => l.body))) {
    const rule = Object.hasOwn(ctx.fields, field) ? ctx.fields[field] : 'lww';
    const choice = mergeField(rule, fieldCandidates(live, field), ctx.isCentralStamp);
    if (choice.present) merged[field] = choice.value;
    if (choice.stamp !== '') stamps[field] = choice.stamp;
  }
  const index = followIndex(merged, live);
  if (index !== undefined) merged[INDEX_FIELD] = index;
  if (newest.stamp !== '') merged.updatedAt = newest.stamp;
  merged.updatedBy = 'resolver';
  if (Object.keys(stamps).length > 0) merged.stamps = stamps;
  const body = sortKeys(merged);

  const same = live.filter((l) => sameAsLeaf(body, l.body));
  return same.length > 0 ? { kind: 'keep-winner', rev: couchWinner(same).rev } : { kind: 'write-merged', body };
};
