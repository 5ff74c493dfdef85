// Compacts a till's local databases in the background when compaction-due says so: on a timer,
// one database at a time, never while a sale is being written. The I/O edge of compaction-due.
import { compactionDue, type CompactionPolicy } from './compaction-due.js';
import type { Db } from './pouch-types.js';

export interface CompactorOptions extends CompactionPolicy {
  dbs: Db[];
  /** Whether a sale is being written now, and when the last one was (device ms). */
  activity: () => { writing: boolean; lastWriteMs: number };
  /** How often to look, ms (default 5 minutes). */
  everyMs?: number;
  now?: () => number;
  /** A failed compaction (the next look tries again). */
  onError?: (err: unknown) => void;
}

export interface LocalCompactor {
  /** Compacts every database that is due now; resolves with how many were. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startLocalCompactor(opts: CompactorOptions): LocalCompactor {
  const { dbs, activity, everyMs = 5 * 60_000, onError = (err) => console.warn('local compaction failed', err) } = opts;
  const now = opts.now ?? Date.now;
  const compacted = new Map<Db, number>();
  let running: Promise<number> | undefined;
  let stopped = false;

  const runOnce = (): Promise<number> => {
    running ??= (async () => {
      let count = 0;
      for (const db of dbs) {
        if (stopped) break;
        const updateSeq = Number((await db.info()).update_seq);
        if (!Number.isFinite(updateSeq)) continue;
        if (!compactionDue({ updateSeq, compactedSeq: compacted.get(db) ?? 0, nowMs: now(), ...activity() }, opts)) continue;
        await db.compact();
        compacted.set(db, updateSeq);
        count++;
      }
      return count;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => {
    runOnce().catch(onError);
  }, everyMs);
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Wait for the last run to settle; its failure was reported by whoever started it (the
      // timer's onError, or the caller of runOnce).
      if (running) await Promise.allSettled([running]);
    },
  };
}
