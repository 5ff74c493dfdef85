// Keeps the pages of the last full snapshot of each database, as the NDJSON lines that were
// sent, so the next first start (often a fleet of tills on the same catalog) is served from
// memory plus only the changes since: a valid snapshot is any run of pages in seq order, each
// page holding every change of its window, so the cached pages followed by pages read live from
// the cache's last seq miss nothing (a document changed since appears twice, the newer revision
// later, and `new_edits: false` keeps both where replication would have put them). Bounded: an
// entry that outgrows its share is dropped and rebuilt by the next snapshot from zero. Assumes a
// database is never deleted and recreated under the same name (central's never are).
import type { Seq } from './read-snapshot.js';

interface Entry { lines: string[]; seqs: Seq[]; bytes: number }

export interface SnapshotCache {
  /** Cached page lines after `since` (0: all), with the seq to read on from; undefined: not cached. */
  from(db: string, since: Seq): { lines: string[]; seq: Seq } | undefined;
  /** Pages sent for a snapshot that began at `since`, appended where they continue the cache. */
  record(db: string, since: Seq, lines: string[], seqs: Seq[]): void;
  /** Forgets every entry (a restart's empty cache; bench and tests). */
  clear(): void;
}

export function createSnapshotCache(maxBytesPerDb = 64 * 1024 * 1024): SnapshotCache {
  const entries = new Map<string, Entry>();
  return {
    from(db, since) {
      const entry = entries.get(db);
      if (!entry || entry.lines.length === 0) return undefined;
      const at = String(since) === '0' ? 0 : entry.seqs.findIndex((s) => String(s) === String(since)) + 1;
      if (at === 0 && String(since) !== '0') return undefined;
      return { lines: entry.lines.slice(at), seq: entry.seqs[entry.seqs.length - 1]! };
    },
    record(db, since, lines, seqs) {
      if (lines.length === 0) return;
      const bytes = lines.reduce((sum, l) => sum + l.length, 0);
      const entry = entries.get(db);
      const continues = entry !== undefined && String(entry.seqs[entry.seqs.length - 1]) === String(since);
      const next = continues
        ? { lines: [...entry.lines, ...lines], seqs: [...entry.seqs, ...seqs], bytes: entry.bytes + bytes }
        : String(since) === '0' ? { lines, seqs, bytes } : undefined;
      if (next === undefined) return;
      if (next.bytes > maxBytesPerDb) entries.delete(db);
      else entries.set(db, next);
    },
    clear() {
      entries.clear();
    },
  };
}
