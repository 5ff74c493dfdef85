// The embedded server's `disk_size` in a database's info (`GET /{db}`), measured at most once per
// database in a bounded time instead of on every request. express-pouchdb's own "disk-size" part
// (pouchdb-size) walked the database's folder (`lstat` of every LevelDB file) on every `GET /{db}`;
// with 500 store databases, replication starts and retries asking each one's info, that walk was
// 27% of the server's CPU (docs/OPERATIONS.md, "Scale on one machine").
//
// What may be stale, and for how long: `disk_size` only, by at most `ttlMs` after it was measured
// (plus one measurement's time). Everything else in the info (`doc_count`, `update_seq`, …) is
// read from the database on every request, as before. A database created or deleted is forgotten
// at once, so a new database of an old name is measured afresh. CouchDB's own `sizes` are
// approximate too (they follow compaction and its write buffering), and nothing in Pronto decides
// anything on a size: it is shown to people (Fauxton, `pronto-sync status`).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** How long a measured size is answered again. */
export const DEFAULT_SIZE_TTL_MS = 30_000;

interface Measured { bytes: number; at: number }

/** Whether a size measured at `at` may still be answered at `now`, pure. */
export function sizeIsFresh(measured: Measured | undefined, now: number, ttlMs: number): measured is Measured {
  return measured !== undefined && now - measured.at < ttlMs;
}

/** The bytes of a LevelDB database's folder (flat: LevelDB keeps no subfolders); 0 when it is gone. */
export async function folderBytes(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let total = 0;
  for (const name of names) {
    try {
      const s = await stat(path.join(folder, name));
      if (s.isFile()) total += s.size;
    } catch (err) {
      // LevelDB removes old table and log files as it compacts: a file listed a moment ago may be gone.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return total;
}

export interface DatabaseSizes {
  /** The size of the database `name`, whose files are in `folder`: measured, or the last measurement while fresh. */
  bytesOf(name: string, folder: string): Promise<number>;
  /** Drops what is known of `name` (created or deleted). */
  forget(name: string): void;
}

export interface DatabaseSizesOptions {
  ttlMs?: number;
  now?: () => number;
  measure?: (folder: string) => Promise<number>;
}

export function createDatabaseSizes(opts: DatabaseSizesOptions = {}): DatabaseSizes {
  const { ttlMs = DEFAULT_SIZE_TTL_MS, now = Date.now, measure = folderBytes } = opts;
  const known = new Map<string, Measured>();
  // Callers asking at once share one measurement; a generation per name keeps a measurement
  // started before a forget() from being kept after it.
  const measuring = new Map<string, Promise<number>>();
  const generation = new Map<string, number>();
  return {
    bytesOf(name, folder) {
      const measured = known.get(name);
      if (sizeIsFresh(measured, now(), ttlMs)) return Promise.resolve(measured.bytes);
      const running = measuring.get(name);
      if (running !== undefined) return running;
      const gen = generation.get(name) ?? 0;
      const started = now();
      const next = measure(folder).then((bytes) => {
        if ((generation.get(name) ?? 0) === gen) known.set(name, { bytes, at: started });
        return bytes;
      }).finally(() => {
        if (measuring.get(name) === next) measuring.delete(name);
      });
      measuring.set(name, next);
      return next;
    },
    forget(name) {
      known.delete(name);
      measuring.delete(name);
      generation.set(name, (generation.get(name) ?? 0) + 1);
    },
  };
}
