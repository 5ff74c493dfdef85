// express-pouchdb as this project runs it: LevelDB files under one folder, and only the parts of
// express-pouchdb that stores, central and Fauxton use (couch-route.ts is the allowlist of their
// endpoints; this is the same narrowing inside the server, so that a route the allowlist missed
// still finds nothing). express-pouchdb is third-party code we patch (patches/) but do not trust.
import path from 'node:path';
import expressPouchdb from 'express-pouchdb';
import { createServerPouch } from './server-pouch.js';

/**
 * Parts of express-pouchdb's "fullCouchDB" mode switched off (node_modules/express-pouchdb/lib/index.js):
 * replication (`_replicate` fetches any URL an anonymous caller names; `_replicator`), the
 * `_node/<node>/` rewrite (it moved requests past any check in front), vhosts and design-doc
 * rewrites/shows/lists/updates (they run stored code on other paths), attachments, Mango
 * (`_find`, `_index`), temporary views, the stats, log, db-updates and test-auth endpoints, and
 * the session stub (which says everyone is `_admin`). None is used by this project.
 */
export const EXCLUDED_PARTS = [
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

export function createCouchApp(dir: string): CouchApp {
  const PouchDB = createServerPouch(dir);
  return expressPouchdb(PouchDB, {
    configPath: path.join(dir, 'config.json'),
    logPath: path.join(dir, 'log.txt'),
    overrideMode: { exclude: [...EXCLUDED_PARTS] },
  }) as CouchApp;
}
