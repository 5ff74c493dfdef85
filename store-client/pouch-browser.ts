// The PouchDB constructor for the browser POS: IndexedDB locally, http for central, with
// replication and map/reduce (the `pronto/stock` view). Mirrors pouch-node.ts; no Node adapter
// is imported here, so the POS bundle carries none. PouchDB extends Node's EventEmitter, which
// the bundler takes from the `events` package.

import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import mapreduce from 'pouchdb-mapreduce';

interface WithAdapters {
  adapters: Record<string, unknown>;
}

/** PouchDB with the idb and http adapters, replication and map/reduce. */
export function createBrowserPouch(): PouchDB.Static {
  const adapters = (PouchDB as unknown as WithAdapters).adapters;
  if (!adapters.idb) PouchDB.plugin(idb);
  if (!adapters.http) PouchDB.plugin(http);
  if (!('replicate' in PouchDB.prototype)) PouchDB.plugin(replication);
  if (typeof (PouchDB.prototype as { query?: unknown }).query !== 'function') PouchDB.plugin(mapreduce);
  return PouchDB;
}
