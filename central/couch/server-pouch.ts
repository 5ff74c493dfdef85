// The PouchDB constructor behind the embedded server: LevelDB files under one folder.
import PouchDB from 'pouchdb-core';
import leveldb from 'pouchdb-adapter-leveldb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import mapreduce from 'pouchdb-mapreduce';

export function createServerPouch(dir: string): unknown {
  PouchDB.plugin(leveldb).plugin(http).plugin(replication).plugin(mapreduce);
  // express-pouchdb passes `req.db._db_name` to validate_doc_update as `userCtx.db`; PouchDB 9
  // dropped that property, so without this CouchDB's `userCtx.db` would be missing and a store
  // database could not check that a document belongs to its store.
  Object.defineProperty(PouchDB.prototype, '_db_name', { configurable: true, get(this: { name: string }) { return this.name; } });
  return PouchDB.defaults({ prefix: dir.endsWith('/') ? dir : dir + '/' });
}
