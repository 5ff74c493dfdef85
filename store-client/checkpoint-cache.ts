// Remembers the replication checkpoints a till wrote to or read from central, so that its
// replications do not ask for them again. PouchDB's checkpointer (pouchdb-checkpointer) reads
// the remote `_local/<replication id>` document when a replication starts, and again before every
// checkpoint it writes (to learn its `_rev`), one authenticated round trip each: a reconnect's
// one-shot pushes and pulls, then the same replications going live, read the same few documents
// eight to ten times, one after another on the way to `online`.
// Known within one connect of the SyncManager only (forgetCheckpoints): between connects central
// may have lost them (a database restored from a backup) and must be asked again.
// Safe because only this till writes them (the id hashes the till's own local database id) and
// the checkpointer's own fallbacks hold: a write over a stale `_rev` (another tab of the same
// till wrote meanwhile) is a 409 on the embedded server, after which the entry is forgotten and
// the checkpointer reads the document again and retries (its 409 path) — Apache CouchDB takes it
// (it checks no `_rev` of a `_local` document: the last write wins, test/conformance/local-docs),
// and either checkpoint names a seq this till's own database really reached; a stale read names
// a checkpoint that was really written, so a replication at worst starts from an earlier seq
// (reads again what it has, never skips). Any other failure forgets the entry too. A 404 is not remembered.
import type { Db } from './pouch-types.js';

const CACHED = Symbol('pronto.checkpointsCached');
const KNOWN = Symbol('pronto.checkpointsKnown');

type Doc = { _id: string; _rev?: string } & Record<string, unknown>;
type GetFn = (id: string, ...rest: unknown[]) => Promise<Doc>;
type PutFn = (doc: Doc, ...rest: unknown[]) => Promise<{ ok: boolean; id: string; rev: string }>;

const isCheckpointId = (id: unknown): id is string => typeof id === 'string' && id.startsWith('_local/');

/** Makes `db.get(id)` / `db.put(doc)` of `_local/…` documents (replication checkpoints) answer
 *  from and keep what this process last read or wrote; returns `db`. Idempotent. Other calls,
 *  and calls with options or a callback, go to PouchDB unchanged. */
export function cacheCheckpoints(db: Db): Db {
  const target = db as unknown as { get: GetFn; put: PutFn; [CACHED]?: true; [KNOWN]?: Map<string, Doc> };
  if (target[CACHED]) return db;
  const known = new Map<string, Doc>();
  target[KNOWN] = known;
  const get = target.get.bind(target);
  const put = target.put.bind(target);
  target.get = (id, ...rest) => {
    if (rest.length > 0 || !isCheckpointId(id)) return get(id, ...rest);
    const doc = known.get(id);
    if (doc) return Promise.resolve(structuredClone(doc));
    return get(id).then((fresh) => {
      known.set(id, structuredClone(fresh));
      return fresh;
    });
  };
  target.put = (doc, ...rest) => {
    if (rest.length > 0 || !isCheckpointId(doc?._id)) return put(doc, ...rest);
    const id = doc._id;
    const sent = structuredClone(doc);
    return put(doc).then((res) => {
      known.set(id, { ...sent, _rev: res.rev });
      return res;
    }, (err: unknown) => {
      known.delete(id);
      throw err;
    });
  };
  target[CACHED] = true;
  return db;
}

/** Forgets what `db` knows of its checkpoints: the next replication reads them from central.
 *  The SyncManager calls it at the start of every connect, so a checkpoint is known only within
 *  one connection: central's database may be restored while a till is away (from a replication
 *  backup, which has no `_local/` documents), and a push resumed from a remembered checkpoint
 *  would not send the sales the restored copy lacks (docs/OPERATIONS.md, "After a restore"). */
export function forgetCheckpoints(db: Db): void {
  (db as unknown as { [KNOWN]?: Map<string, Doc> })[KNOWN]?.clear();
}
