// Remembers a remote database's id, so that each replication a till starts does not ask central
// `GET /` again. PouchDB names a replication's checkpoint after both databases' ids
// (pouchdb-generate-replication-id); the http adapter's id() reads the server's uuid with a
// `GET /` every time (pouchdb-adapter-http: `uuid + db name`), about eight requests per
// reconnect, each an authenticated round trip. A server's uuid does not change; an id read while
// `GET /` failed is the adapter's fallback (the database's URL, which names another checkpoint)
// and is not kept, so the next replication asks again, as PouchDB alone would.
import type { Db } from './pouch-types.js';

const CACHED = Symbol('pronto.serverIdCached');

type WithId = { id(callback?: (err: unknown, id?: string) => void): Promise<string> };

/** The adapter's fallback id when `GET /` failed: the database URL, not `uuid + name`. */
const isFallback = (id: string): boolean => id.includes('://');

/** Makes `db.id()` read the server once and answer from memory after; returns `db`. Idempotent. */
export function cacheServerId(db: Db): Db {
  const target = db as unknown as WithId & { [CACHED]?: true };
  if (target[CACHED]) return db;
  const read = target.id.bind(target);
  // The read in flight is shared (a reconnect starts the store's pull and push together); a
  // fallback or a failure is forgotten once it settles.
  let known: Promise<string> | undefined;
  const forget = () => {
    known = undefined;
  };
  const id = (): Promise<string> => {
    if (known) return known;
    const reading = read();
    known = reading;
    reading.then((fresh) => {
      if (isFallback(fresh)) forget();
    }, forget);
    return reading;
  };
  target.id = (callback) => {
    const answer = id();
    if (callback) answer.then((value) => callback(null, value), (err: unknown) => callback(err));
    return answer;
  };
  target[CACHED] = true;
  return db;
}
