// express-pouchdb as this project runs it: LevelDB files under one folder, and only the parts of
// express-pouchdb that stores, central and Fauxton use (couch-route.ts is the allowlist of their
// endpoints; this is the same narrowing inside the server, so that a route the allowlist missed
// still finds nothing). express-pouchdb is third-party code we patch (patches/) but do not trust.
import path from 'node:path';
import expressPouchdb from 'express-pouchdb';
import { createDatabaseSizes, DEFAULT_SIZE_TTL_MS } from './database-size.js';
import { createServerPouch } from './server-pouch.js';

/**
 * Parts of express-pouchdb's "fullCouchDB" mode switched off (node_modules/express-pouchdb/lib/index.js):
 * replication (`_replicate` fetches any URL an anonymous caller names; `_replicator`), the
 * `_node/<node>/` rewrite (it moved requests past any check in front), vhosts and design-doc
 * rewrites/shows/lists/updates (they run stored code on other paths), attachments, Mango
 * (`_find`, `_index`), temporary views, the stats, log, db-updates and test-auth endpoints, and
 * the session stub (which says everyone is `_admin`). None is used by this project. And its
 * "disk-size" part, which walked a database's folder on every `GET /{db}`: database-size.ts
 * answers `disk_size` instead, measured at most once per database in `sizeTtlMs`.
 */
export const EXCLUDED_PARTS = [
  'disk-size',
  'replicator',
  'routes/replicate',
  'routes/cluster-rewrite',
  'routes/cluster',
  'routes/vhosts',
  'routes/rewrite',
  'routes/show',
  'routes/list',
  'routes/update',
  'routes/attachments',
  'routes/find',
  'routes/ddoc-info',
  'routes/temp-views',
  'routes/special-test-auth',
  'routes/http-log',
  'routes/log',
  'routes/stats',
  'routes/db-updates',
  'routes/session-stub',
] as const;

export type CouchApp = (req: unknown, res: unknown, next?: () => void) => void;

export interface CouchAppOptions {
  /** How long a database's measured `disk_size` is answered again (database-size.ts). */
  sizeTtlMs?: number;
}

type Info = Record<string, unknown>;
interface InfoDb {
  name: string;
  info(opts?: unknown): Promise<Info>;
}
type InfoCallback = (err: unknown, info?: Info) => void;

export function createCouchApp(dir: string, opts: CouchAppOptions = {}): CouchApp {
  const PouchDB = createServerPouch(dir) as { on(event: 'created' | 'destroyed', listener: (name: string) => void): void };
  const app = expressPouchdb(PouchDB, {
    configPath: path.join(dir, 'config.json'),
    logPath: path.join(dir, 'log.txt'),
    overrideMode: { exclude: [...EXCLUDED_PARTS] },
  });
  const sizes = createDatabaseSizes({ ttlMs: opts.sizeTtlMs ?? DEFAULT_SIZE_TTL_MS });
  // A database opened (new, or again after a delete) or deleted is measured afresh.
PouchDB.on('created', (name) => sizes.forget(name));
PouchDB.on('destroyed', (name) => sizes.forget(name));
  // Registered after express-pouchdb's own wrappers (security, validation), so it wraps the
  // `info` they installed; express-pouchdb's `GET /{db}` calls `info(opts, callback)`.
  app.dbWrapper.registerWrapper((_name, db, next) => {
    const pouch = db as InfoDb;
    const inner = pouch.info.bind(pouch);
    pouch.info = ((infoOpts?: unknown, callback?: InfoCallback): Promise<Info> => {
      const done = typeof infoOpts === 'function' ? infoOpts as InfoCallback : callback;
      const answer = inner(typeof infoOpts === 'function' ? undefined : infoOpts)
        .then(async (info) => ({ ...info, disk_size: await sizes.bytesOf(pouch.name, path.join(dir, pouch.name)) }));
      if (done !== undefined) answer.then((info) => done(null, info), (err: unknown) => done(err));
      return answer;
    }) as InfoDb['info'];
    return next();
  });
  return app as CouchApp;
}
