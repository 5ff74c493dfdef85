// Loads one database's snapshot from central into an empty local twin, then points its pull
// replication at the snapshot's seq, so a first start copies pages in bulk instead of
// replicating document by document. Each page is written with `new_edits: false` (the same
// revision trees, conflicts and deleted leaves kept, exactly what replication writes) and then
// recorded in `_local/snapshot-progress`: an interrupted load resumes after its last written
// page (at most one page is read again, and writing it again changes nothing). The checkpoint
// is written only after the closing line, so replication never skips what was not loaded.
// Only before the pull replication's first checkpoint: after that, replication owns the database.
import { ProntoError } from '../../validators/errors.js';
import { isNotFound, type Db } from '../pouch-types.js';
import { hasCheckpoint, pullReplicationId, writePullCheckpoint } from './replication-checkpoint.js';
import { noteDelivered, passDelivered } from './pass-delivered.js';
import { NO_MARKS, type DeliveredMarks } from './delivered-marks.js';
import { snapshotLines, type Seq } from './snapshot-lines.js';
import type { SnapshotPageSink } from './page-sink.js';
import { windowSelector, type HistoryWindow } from '../history-window.js';

export const PROGRESS_ID = '_local/snapshot-progress';

interface Progress {
  _id: string; _rev?: string; since: Seq; session: string; done: boolean; loaded: number;
  /** The store's push lanes: how far they may start (delivered-marks); absent, from seq 0. */
  marks?: DeliveredMarks;
}

/** Where the snapshot comes from: GET /api/snapshot/:db?since=SEQ[&from=CUTOFF], with the caller's auth. */
export type SnapshotFetch = (db: string, since: Seq, signal?: AbortSignal, from?: string) => Promise<Response>;

export interface LoadSnapshotOptions {
  /** The database's name at central: `catalog`, `customers`, `store-<id>`. */
  db: string;
  local: Db;
  remote: Db;
  fetch: SnapshotFetch;
  onProgress?: (p: { pulled: number; total: number }) => void;
  signal?: AbortSignal;
  /** The store's history window: only it is loaded, and the checkpoint is the windowed pull's. */
  window?: HistoryWindow;
  /** The store database: its push lanes then start past what the snapshot delivered (pass-delivered). */
  storeLanes?: boolean;
  /** Told each page's revisions as it is written here: they came from central (the pending count). */
  onDelivered?: (docs: readonly { _id: string; _rev: string }[]) => void;
  /** Handed each page once written (the POS's catalog index), its feed paused meanwhile. */
  pages?: SnapshotPageSink;
}

export type LoadOutcome = 'loaded' | 'already-loaded' | 'replicated-before' | 'unavailable';

export async function loadSnapshot(o: LoadSnapshotOptions): Promise<LoadOutcome> {
  const progress = await readProgress(o.local);
  if (progress?.done) return 'already-loaded';
  const state: Progress = progress ?? { _id: PROGRESS_ID, since: 0, session: `snapshot-${randomId()}`, done: false, loaded: 0, ...(o.storeLanes ? { marks: NO_MARKS } : {}) };
  // The revisions this session wrote from the snapshot (a resumed load knows only its own: a
  // document whose leaves straddle the break stops its lane there, which is only slower).
  const delivered = new Map<string, Set<string>>();
  const selector = o.window && windowSelector(o.window);
  if (!progress && (await hasCheckpoint(o.local, await pullReplicationId(o.local, o.remote, selector)))) {
    // Replication owns this database already: say so once, so later starts skip it with one read.
    await saveProgress(o.local, { ...state, done: true });
    return 'replicated-before';
  }
  const res = await o.fetch(o.db, state.since, o.signal, o.window?.cutoff);
  // A central without snapshots (or without this database): replication does it all, as before.
  if (res.status === 404) {
    await res.body?.cancel();
    return 'unavailable';
  }
  if (!res.ok || !res.body) throw await httpError(res, o.db);
  let total = 0;
  // Where the time went (waiting on central and the network vs writing here), left as a
  // performance mark `pronto:snapshot` for benchmarks and the browser's profiler.
  const timing = { db: o.db, pages: 0, docs: 0, waitMs: 0, writeMs: 0, startedAt: performance.now() };
  // The next line is read (and parsed) while the current page is written.
  const lines = snapshotLines(res.body, o.signal);
  let next = lines.next();
  let handing = false;
  try {
    for (let read = await waited(next, timing); !read.done; read = await waited(next, timing)) {
      next = lines.next();
      const line = read.value;
      o.signal?.throwIfAborted();
      if (line.kind === 'head') {
        // A central that did not cut the pages to the window would bring documents the base counts too.
        if (o.window && line.from !== o.window.cutoff) throw new ProntoError('SYNC_DENIED', `central's snapshot of ${o.db} is not cut to the history window from ${o.window.cutoff}`, { db: o.db, from: line.from });
        total = state.loaded + line.total;
        o.onProgress?.({ pulled: state.loaded, total });
      } else if (line.kind === 'page') {
        const t0 = performance.now();
        // Told before the write: central has these revisions whether or not the write succeeds,
        // and a pending count that learns it first never shows them as uploads, even for a moment.
        o.onDelivered?.(line.docs);
        if (o.pages && !handing) {
          handing = true;
          await o.pages.pause();
        }
        await writePage(o.local, line.docs, o.db);
        o.pages?.page(line.docs);
        if (state.marks) {
          noteDelivered(delivered, line.docs);
          state.marks = await passDelivered(o.local, state.marks, delivered);
        }
        state.since = line.seq;
        state.loaded += line.docs.length;
        await saveProgress(o.local, state);
        timing.writeMs += performance.now() - t0;
        timing.pages++;
        timing.docs += line.docs.length;
        o.onProgress?.({ pulled: state.loaded, total: Math.max(total, state.loaded) });
      } else if (line.kind === 'done') {
        await writePullCheckpoint(o.local, o.remote, line.last_seq, state.session, selector);
        if (state.marks) state.marks = await passDelivered(o.local, state.marks, delivered, { remote: o.remote, session: state.session });
        state.done = true;
        await saveProgress(o.local, state);
        o.onProgress?.({ pulled: state.loaded, total: state.loaded });
        performance.mark('pronto:snapshot', { detail: { ...timing, totalMs: performance.now() - timing.startedAt } });
        return 'loaded';
      }
    }
  } finally {
    // Whatever the outcome, the sink reads on by itself (it was handed every page written).
    if (handing) o.pages?.resume();
    // The read ahead settles before we leave (its own failure, if any, is the stream's, and this
    // one is already leaving with the error that matters); then the stream is closed.
    await Promise.allSettled([next]);
    await lines.return(undefined);
  }
  throw unreachable(new ProntoError('SYNC_OFFLINE', `the snapshot of ${o.db} ended before its last page; the next start resumes it`, { db: o.db, since: state.since }));
}

/** Awaits the next line, adding the time spent waiting for it to `timing.waitMs`. */
async function waited<T>(next: Promise<T>, timing: { waitMs: number }): Promise<T> {
  const t0 = performance.now();
  try {
    return await next;
  } finally {
    timing.waitMs += performance.now() - t0;
  }
}

async function writePage(local: Db, docs: object[], db: string): Promise<void> {
  if (docs.length === 0) return;
  const results = (await local.bulkDocs(docs, { new_edits: false })) as { error?: unknown; id?: string; message?: string }[];
  const failed = results.find((r) => r.error);
  if (failed) throw new ProntoError('SYNC_DENIED', `a snapshot document of ${db} could not be written here: ${failed.id ?? '?'}: ${failed.message ?? String(failed.error)}`, { db, id: failed.id });
}

async function readProgress(local: Db): Promise<Progress | undefined> {
  try {
    return (await local.get(PROGRESS_ID)) as Progress;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function saveProgress(local: Db, state: Progress): Promise<void> {
  const saved = await local.put(state);
  state._rev = saved.rev;
}

async function httpError(res: Response, db: string): Promise<ProntoError> {
  const text = await res.text().catch((err: unknown) => `(no body: ${(err as Error).message})`);
  const code = res.status === 401 || res.status === 403 ? 'SYNC_DENIED' : res.status >= 500 || res.status === 0 ? 'SYNC_OFFLINE' : 'BAD_REQUEST';
  // `status` as PouchDB's errors carry it, so classify-sync-error tells a lapsed session (401)
  // and an unreachable central (502-504) from a fault.
  return Object.assign(new ProntoError(code, `central answered ${res.status} to the snapshot of ${db}: ${text.slice(0, 300)}`, { db, status: res.status }), { status: res.status });
}

/** Status 0: the connection gave out (classify-sync-error reads it as offline, to retry). */
function unreachable(err: ProntoError): ProntoError {
  return Object.assign(err, { status: 0 });
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
