// GET /api/snapshot/:db[?since=SEQ] — a first start's bulk copy of catalog, customers or the
// caller's own store-<id> (central/snapshot): every leaf with its `_revisions`, as NDJSON pages,
// closed by the seq replication continues from. Read rights are replication's: a store account
// its own store, catalog and customers; admins any (snapshot-access). Anonymous: 401 (the
// authenticate in front). `since` resumes an interrupted load after its last page. The pages of
// the last full snapshot of each database are kept (snapshot-cache): the next first start gets
// them from memory, then only what changed since, read live. `from=YYYY-MM-01` (a store database
// only) cuts the store's sales, moves and returns to a till's history window
// (store-client/history-window.ts: the same rule as the pull's selector), cached apart.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { couchError } from '../couch/errors.js';
import { checkSnapshotAccess, checkSnapshotDb, createSnapshotCache, snapshotPages, writeSnapshot, type SnapshotCache } from '../snapshot/index.js';
import type { AuthLocals } from './auth/auth-settings.js';
import { isMonthStart } from '../stock-bases/index.js';

/** An integer (PouchDB Server) or CouchDB's opaque `N-base64url` sequence. */
const SEQ = /^[0-9A-Za-z_-]{1,8192}$/;

function sinceOf(raw: unknown): number | string {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !SEQ.test(raw)) throw new ProntoError('BAD_REQUEST', 'since: must be a sequence a snapshot page gave', { param: 'since', value: raw });
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

const CACHE_BYTES_PER_DB = 64 * 1024 * 1024;

/** Every route's cache in this process, for `dropSnapshotCaches` (weakly: a stopped central's goes). */
const liveCaches = new Set<WeakRef<SnapshotCache>>();

/**
 * Bench and test hook: empties the snapshot cache of every central in this process, so the next
 * snapshot is read from the database as after a restart (bench/scenarios/first-start.ts, cold figure).
 */
export function dropSnapshotCaches(): void {
  for (const ref of liveCaches) {
    const cache = ref.deref();
    if (cache) cache.clear(); else liveCaches.delete(ref);
  }
}

export function snapshotRoute(deps: { nano: Nano.ServerScope; log: { warn(obj: object, msg: string): void } }) {
  const cache = createSnapshotCache(CACHE_BYTES_PER_DB);
  liveCaches.add(new WeakRef(cache));
  return async (req: Request, res: Response): Promise<void> => {
    const db = checkSnapshotDb(req.params.db);
    checkSnapshotAccess((res.locals as AuthLocals).roles, db);

    const since = sinceOf(req.query.since);
    const from = req.query.from;
    if (from !== undefined && (!isMonthStart(from) || !db.startsWith('store-'))) {
      throw new ProntoError('BAD_REQUEST', 'from: a month start YYYY-MM-01, for a store database only', { param: 'from', value: from });
    }
    const key = from === undefined ? db : `${db}@${from}`;
    let total: number;
    try {
      total = (await deps.nano.db.get(db)).doc_count;
    } catch (err) {
      throw couchError(err, `reading ${db}`);
    }
    res.status(200).setHeader('Content-Type', 'application/x-ndjson');
    res.setHeader('Cache-Control', 'no-store');
    const hit = cache.from(key, since);
    const liveFrom = hit?.seq ?? since;
    try {
      const head = { db, since, total, ...(from === undefined ? {} : { from }) };
      const sent = await writeSnapshot(res, head, hit?.lines ?? [], snapshotPages(deps.nano, db, liveFrom, from), CACHE_BYTES_PER_DB);
      if (sent) cache.record(key, liveFrom, sent.lines, sent.seqs);
    } catch (err) {
      // The status is gone already; the stream's last line says what failed, the log keeps it.
      deps.log.warn({ err: (err as Error).message, db }, 'snapshot stream failed');
    }
    res.end();
  };
}
