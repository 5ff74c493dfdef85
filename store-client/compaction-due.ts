// When a till compacts a local database, pure. PouchDB keeps every old revision's body until
// `compact()` (https://pouchdb.com/api.html#compaction), so a till that rewrites its status every
// minute and pulls price changes grows without end in storage the browser may evict or fill.
// Compact once enough has been written since the last time, and only when the till is quiet:
// no sale being written and none in the last `quietMs` (a cashier in the middle of a queue).

export interface CompactionInput {
  /** The database's update_seq now. */
  updateSeq: number;
  /** Its update_seq when last compacted (0 = never, in this page's life). */
  compactedSeq: number;
  /** A sale (or return) is being written right now. */
  writing: boolean;
  /** Device time of the last sale written, ms (0 = none). */
  lastWriteMs: number;
  nowMs: number;
}

export interface CompactionPolicy {
  /** Changes since the last compaction that make one worth it (default 200). */
  minNewChanges?: number;
  /** Quiet time after a sale before compacting, ms (default 60 s). */
  quietMs?: number;
}

export function compactionDue(input: CompactionInput, policy: CompactionPolicy = {}): boolean {
  const { minNewChanges = 200, quietMs = 60_000 } = policy;
  if (input.writing) return false;
  if (input.nowMs - input.lastWriteMs < quietMs) return false;
  return input.updateSeq - input.compactedSeq >= minNewChanges;
}
