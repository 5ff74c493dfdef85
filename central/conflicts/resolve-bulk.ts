// An admin settles many queued conflicts of one kind with one automatic strategy (lww,
// central-wins, field-merge): for each record, the same pure resolveLeaves the resolver runs (the
// policy's field and validation rules kept, its strategy swapped, as the console's previews show),
// then written exactly as a manual resolution is (resolve-manually.ts `settle`: compare-and-swap
// on the record, one _bulk_docs, one `conflict.resolved` audit entry per conflict). One record's
// failure does not stop the others; each id gets its own outcome.
import { isProntoError, ProntoError } from '../../validators/index.js';
import type { CentralDeps } from '../central-deps.js';
import { isCentralStamp } from './is-central-stamp.js';
import { mapLimit } from '../map-limit.js';
import { withStrategy } from './preview-strategies.js';
import { readLeaves } from './read-leaves.js';
import { resolveLeaves } from './resolve-leaves.js';
import { readConflictRecord, settle, type Stored } from './resolve-manually.js';
import type { StrategyName } from './types.js';

export const BULK_STRATEGIES = ['lww', 'central-wins', 'field-merge'] as const satisfies readonly StrategyName[];
export type BulkStrategy = (typeof BULK_STRATEGIES)[number];
/** Most records one request settles. */
export const BULK_MAX = 500;

export type BulkOutcome =
  | { id: string; outcome: 'resolved'; resolution: 'keep-winner' | 'write-merged' }
  | { id: string; outcome: 'already-resolved' }
  | { id: string; outcome: 'failed'; code: string; reason: string };

export async function resolveInBulk(deps: CentralDeps, ids: readonly string[], strategy: BulkStrategy, actor: string): Promise<BulkOutcome[]> {
  const policy = await deps.policy();
  return mapLimit(ids, 4, async (id): Promise<BulkOutcome> => {
    try {
      return await resolveOne(deps, id, strategy, policy, actor);
    } catch (err) {
      if (isProntoError(err)) return { id, outcome: 'failed', code: err.code, reason: err.message };
      // Not one of ours: the others still go ahead; this one is reported, with its detail in the log.
      deps.log.error({ err, conflict: id }, 'a bulk conflict resolution failed');
      return { id, outcome: 'failed', code: 'INTERNAL', reason: 'internal error (see central\'s log)' };
    }
  });
}

async function resolveOne(deps: CentralDeps, id: string, strategy: BulkStrategy, policy: Awaited<ReturnType<CentralDeps['policy']>>, actor: string): Promise<BulkOutcome> {
  const record = await readConflictRecord(deps, id) as Stored;
  if (record.status === 'resolved') return { id, outcome: 'already-resolved' };
  const leaves = await readLeaves(deps.nano, record.db, record.docId);
  const live = leaves.filter((l) => !l.deleted);
  if (live.length === 0) throw new ProntoError('CONFLICT', `${record.docId} no longer exists in ${record.db}`, { id });
  const r = resolveLeaves(live, withStrategy(live, policy, strategy), isCentralStamp);
  if (r.kind === 'needs-review') throw new ProntoError('CONFLICT_UNRESOLVED', `${strategy} cannot settle ${record.docId}: ${r.reason}`, { id });
  const applied = r.kind === 'keep-winner' ? { kind: r.kind, rev: r.rev } as const : { kind: r.kind, body: r.body } as const;
  const result = applied.kind === 'keep-winner' ? live.find((l) => l.rev === applied.rev)!.body : applied.body;
  await settle(deps, record, leaves, { applied, result, resolution: applied.kind, audit: { bulk: true, strategy } }, actor);
  return { id, outcome: 'resolved', resolution: applied.kind };
}
