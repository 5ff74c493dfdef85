// How far the change follower is behind, per database it follows: its checkpoint (the last
// sequence whose batch is done or written down as pending work, checkpoint.ts) against the
// database's `update_seq`. Read from CouchDB, not from this process's followers, so it holds
// whichever central instance did the work. Sequences are compared by their leading number
// (check-since.ts): exact on one node, an estimate on a cluster, where it sums the shards'.
// Databases' info comes from `POST /_dbs_info` (CouchDB 2.2+, 100 at a time) when the server has
// it, else one `GET /{db}` each, eight at a time; a report is served again for a few seconds.
// https://docs.couchdb.org/en/stable/api/server/common.html#dbs-info
import type Nano from 'nano';
import { isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { mapLimit } from '../map-limit.js';
import { seqNumber } from './check-since.js';
import { parsePending } from './pending-work.js';
import { isManaged } from './start-feed.js';
import { abortableRequest } from './abortable-request.js';
import { noteLag, type SeqNote } from './lag-clock.js';

export interface DbLag {
  db: string;
  /** The database's update_seq (leading number); null when unreadable. */
  updateSeq: number | null;
  /** The follower's checkpoint (leading number); 0 before its first save. */
  processed: number | null;
  /** Changes not yet processed (updateSeq − processed, never below 0); null when either is unknown. */
  lag: number | null;
  /** Changes kept for another attempt (a failed batch, or a conflict held by another central). */
  pending: number;
  /** Since when the follower has been behind this database, in seconds (lag-clock.ts); 0 when caught up. */
  secondsBehind: number;
}

/** The lag of one database, pure. */
export function lagOf(db: string, updateSeq: unknown, checkpoint: { since?: unknown; pending?: unknown } | undefined): DbLag {
  const top = seqNumber(updateSeq);
  const processed = checkpoint?.since === undefined ? 0 : seqNumber(checkpoint.since);
  const lag = top === null || processed === null ? null : Math.max(0, top - processed);
  return { db, updateSeq: top, processed, lag, pending: parsePending(checkpoint?.pending).changes.length, secondsBehind: 0 };
}

interface CheckpointRow { doc?: { db?: unknown; since?: unknown; pending?: unknown } }

export interface FeedLagReport {
  /** When it was read, ms since the epoch. */
  at: number;
  databases: DbLag[];
}

export interface FeedLagReader {
  /** Every managed database's lag, by name; a report younger than `ttlMs` is served again, and callers at once share one read. */
  read(): Promise<FeedLagReport>;
}

export interface FeedLagOptions {
  /** How long a report is served again (health checks and scrapes may come often). Default 5,000 ms. */
  ttlMs?: number;
  /** Longest a read may take before it fails. Default 10,000 ms. */
  timeoutMs?: number;
  now?: () => number;
}

export function createFeedLagReader(nano: Nano.ServerScope, opts: FeedLagOptions = {}): FeedLagReader {
  const { ttlMs = 5_000, timeoutMs = 10_000, now = Date.now } = opts;
  let last: FeedLagReport | undefined;
  let reading: Promise<FeedLagReport> | undefined;
  // The embedded server has no _dbs_info: found out once, then one GET per database.
  const infos = { missing: false };
  const notes = new Map<string, SeqNote[]>();
  const timed = (databases: DbLag[], at: number): DbLag[] => {
    const seen = new Set(databases.map((d) => d.db));
    for (const db of notes.keys()) if (!seen.has(db)) notes.delete(db);
    return databases.map((d) => {
      const next = noteLag(notes.get(d.db) ?? [], d.updateSeq, d.processed, at);
      notes.set(d.db, next.notes);
      return { ...d, secondsBehind: next.secondsBehind };
    });
  };
  return {
    read() {
      if (last !== undefined && now() - last.at < ttlMs) return Promise.resolve(last);
      reading ??= readFeedLag(nano, infos, AbortSignal.timeout(timeoutMs))
        .then((databases) => (last = { at: now(), databases: timed(databases, now()) }))
        .finally(() => { reading = undefined; });
      return reading;
    },
  };
}

async function readFeedLag(nano: Nano.ServerScope, infos: { missing: boolean }, signal: AbortSignal): Promise<DbLag[]> {
  const dbs = ((await abortableRequest(nano, { path: '_all_dbs' }, signal)) as string[]).filter(isManaged).sort();
  const rows = ((await abortableRequest(nano, { db: CENTRAL_DATABASES.checkpoints, path: '_all_docs', qs: { include_docs: true } }, signal)) as { rows: CheckpointRow[] }).rows;
  const checkpoints = new Map(rows.flatMap((r) => (typeof r.doc?.db === 'string' ? [[r.doc.db, r.doc] as const] : [])));
  const seqs = await updateSeqs(nano, dbs, infos, signal);
  return dbs.filter((db) => seqs.has(db)).map((db) => lagOf(db, seqs.get(db), checkpoints.get(db)));
}

async function updateSeqs(nano: Nano.ServerScope, dbs: string[], infos: { missing: boolean }, signal: AbortSignal): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (!infos.missing) {
    try {
      for (let i = 0; i < dbs.length; i += 100) {
        const page = (await abortableRequest(nano, { path: '_dbs_info', method: 'POST', body: { keys: dbs.slice(i, i + 100) } }, signal)) as Array<{ key: string; info?: { update_seq?: unknown } }>;
        // A database deleted between the list and now has no info: it is not followed any more.
        for (const { key, info } of page) if (info !== undefined) out.set(key, info.update_seq);
      }
      return out;
    } catch (err) {
      if (!isStatus(err, 404) && !isStatus(err, 405) && !isStatus(err, 400)) throw err;
      infos.missing = true;
    }
  }
  await mapLimit(dbs, 8, async (db) => {
    try {
      out.set(db, ((await abortableRequest(nano, { db }, signal)) as { update_seq?: unknown }).update_seq);
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  });
  return out;
}
