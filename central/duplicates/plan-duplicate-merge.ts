// Plans the merge of customers that share a business key (pure): the oldest record survives
// (by createdAt, else updatedAt, then id), its body becomes the field-merge of all of them by the
// customer policy, and every other record is kept with `mergedInto` pointing at the survivor,
// so sales and references that name it still resolve.
import { strategies } from '../conflicts/strategies/index.js';
import { sortKeys } from '../conflicts/strategies/sort-keys.js';
import type { FieldRule, Leaf } from '../conflicts/types.js';

export interface CustomerDoc extends Record<string, unknown> { _id: string; _rev: string; updatedAt: string; createdAt?: string }

export interface DuplicatePlan {
  survivor: CustomerDoc;
  /** The survivor's new body (with its current `_rev`), or null when it does not change. */
  survivorUpdate: CustomerDoc | null;
  merged: CustomerDoc[];
  leaves: Leaf[];
}

export function planDuplicateMerge(docs: readonly CustomerDoc[], fields: Readonly<Record<string, FieldRule>>,
  isCentralStamp: (stamp: string) => boolean, stamp: string): DuplicatePlan {
  const sorted = [...docs].sort((a, b) => cmp(a.createdAt ?? a.updatedAt, b.createdAt ?? b.updatedAt) || cmp(a._id, b._id));
  const survivor = sorted[0]!;
  const leaves: Leaf[] = sorted.map(({ _id, _rev, mergedInto, ...body }) => ({ rev: _rev, deleted: false, body }));
  const resolution = strategies['field-merge'](leaves, { fields, isCentralStamp });
  const body = resolution.kind === 'write-merged' ? resolution.body
    : resolution.kind === 'keep-winner' ? leaves.find((l) => l.rev === resolution.rev)!.body : leaves[0]!.body;
  const { _id, _rev, mergedInto, ...current } = survivor;
  const next = { ...body, _id: survivor._id, _rev: survivor._rev } as CustomerDoc;
  delete (next as Record<string, unknown>).mergedInto;
  // Only the envelope (who wrote it, when) differing is no reason for a new revision.
  const unchanged = JSON.stringify(sortKeys(withoutEnvelope(current))) === JSON.stringify(sortKeys(withoutEnvelope(body)));
  return {
    survivor,
    survivorUpdate: unchanged ? null : next,
    merged: sorted.slice(1).map((d) => ({ ...d, mergedInto: survivor._id, updatedAt: stamp, updatedBy: 'resolver' })),
    leaves: sorted.map((d, i) => ({ ...leaves[i]!, body: { ...leaves[i]!.body, _id: d._id } })),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function withoutEnvelope({ updatedAt, updatedBy, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}
