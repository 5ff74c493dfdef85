// express-session's store for console logins, in the `pronto-sessions` database, so a login
// survives a central restart and works the same with several central processes on one CouchDB
// (express-session's MemoryStore is for development only). Documents are keyed by the SHA-256 of
// the session id: whoever reads the database (only the server admin may) still cannot ride a
// session. Expiry is absolute, from login: `touch` is left out on purpose, so a session ends
// SESSION_TTL_MIN after login however busy it is. Expired documents are deleted when read, and
// swept at most every 15 minutes when a new session is saved.
import { createHash } from 'node:crypto';
import session from 'express-session';
import type Nano from 'nano';
import { couchError, isStatus } from '../../couch/errors.js';
import { exclusiveInsert } from '../../couch/exclusive-writes.js';
import { CENTRAL_DATABASES } from '../../setup/central-databases.js';

interface SessionDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  type: 'console-session';
  /** Epoch ms after which the session is gone. */
  expiresAt: number;
  session: session.SessionData;
}

const SWEEP_EVERY_MS = 15 * 60_000;
const REMOVE_ATTEMPTS = 5;
type Callback = (err?: unknown) => void;

export class CouchSessionStore extends session.Store {
  private readonly db: Nano.DocumentScope<SessionDoc>;
  private lastSweep = 0;

  constructor(private readonly nano: Nano.ServerScope, private readonly now: () => number = Date.now) {
    super();
    this.db = nano.use<SessionDoc>(CENTRAL_DATABASES.sessions);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.read(sid).then(async (doc) => {
      if (doc === undefined) return callback(null, null);
      if (doc.expiresAt <= this.now()) {
        await this.remove(doc);
        return callback(null, null);
      }
      callback(null, doc.session);
    }, (err: unknown) => callback(couchError(err, 'reading a console session')));
  }

  /**
   * Saves the session, unless it has ended: a request still in flight when its session logged
   * out (or expired) saves it as it finishes, and must not bring it back. An ended session is a
   * deleted document; a save that meets the deletion (409, or a tombstone where it read none)
   * saves nothing.
   */
  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const write = async () => {
      const current = await this.read(sid);
      if (current === undefined && await this.ended(docId(sid))) return;
      const expires = data.cookie.expires ? new Date(data.cookie.expires).getTime() : this.now() + (data.cookie.originalMaxAge ?? 0);
      try {
        const doc: SessionDoc = { _id: docId(sid), _rev: current?._rev, type: 'console-session', expiresAt: expires, session: data };
        await exclusiveInsert(this.nano, CENTRAL_DATABASES.sessions, doc);
      } catch (err) {
        if (!isStatus(err, 409) || !await this.ended(docId(sid))) throw err;
      }
      if (this.now() - this.lastSweep > SWEEP_EVERY_MS) void this.sweep();
    };
    write().then(() => callback?.(), (err: unknown) => callback?.(couchError(err, 'saving a console session')));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.read(sid)
      .then((doc) => (doc ? this.remove(doc) : undefined))
      .then(() => callback?.(), (err: unknown) => callback?.(couchError(err, 'ending a console session')));
  }

  /** Deletes every expired session document. Best effort: a failure waits for the next sweep. */
  async sweep(): Promise<number> {
    this.lastSweep = this.now();
    try {
      const r = await this.db.list({ include_docs: true });
      const expired = r.rows.map((row) => row.doc as SessionDoc).filter((d) => d?.type === 'console-session' && d.expiresAt <= this.now());
      if (expired.length > 0) await this.db.bulk({ docs: expired.map((d) => ({ ...d, _deleted: true })) });
      return expired.length;
    } catch {
      return 0;
    }
  }

  /** Whether the session's document was deleted (a logout, an expiry): its winning revision is a tombstone. */
  private async ended(id: string): Promise<boolean> {
    const row = (await this.db.fetchRevs({ keys: [id] })).rows[0] as { value?: { deleted?: boolean } } | undefined;
    return row?.value?.deleted === true;
  }

  private read(sid: string): Promise<SessionDoc | undefined> {
    return this.readById(docId(sid));
  }

  private async readById(id: string): Promise<SessionDoc | undefined> {
    try {
      return await this.db.get(id);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /**
   * Deletes the session until no live revision of it is left. A save that replaced it meanwhile
   * (409; on a cluster, a live revision that wins over the deletion) is read and deleted too:
   * a logout must not leave the session alive.
   */
  private async remove(doc: SessionDoc): Promise<void> {
    let current: SessionDoc | undefined = doc;
    for (let attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
      try {
        await exclusiveInsert(this.nano, CENTRAL_DATABASES.sessions, { _id: current._id, _rev: current._rev!, _deleted: true });
        return;
      } catch (err) {
        if (!isStatus(err, 404) && !isStatus(err, 409)) throw err;
      }
      current = await this.readById(doc._id);
      if (current === undefined) return;
    }
    throw couchError({ statusCode: 409, error: 'conflict', reason: `still saved after ${REMOVE_ATTEMPTS} deletions` }, 'ending a console session');
  }
}

const docId = (sid: string) => `session:${createHash('sha256').update(sid).digest('hex')}`;
