/// <reference types="pouchdb-mapreduce" />
// The PouchDB constructor for the browser POS: IndexedDB locally, http for central, with
// replication and map/reduce (the `pronto/stock` view) over the view functions the POS was built
// with — never eval (pouch-views.ts). Mirrors pouch-node.ts; no Node adapter is imported here, so
// the POS bundle carries none. PouchDB extends Node's EventEmitter, which the bundler takes from
// the `events` package.

import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { precompiledMapReduce, type ViewFunctions } from './pouch-views.js';

interface WithAdapters {
  adapters: Record<string, unknown>;
}

/** PouchDB with the idb and http adapters, replication and map/reduce over `views`. */
export function createBrowserPouch(views: ViewFunctions): PouchDB.Static {
  const adapters = (PouchDB as unknown as WithAdapters).adapters;
  if (!adapters.idb) PouchDB.plugin(idb);
  if (!adapters.http) PouchDB.plugin(http);
  if (!('replicate' in PouchDB.prototype)) PouchDB.plugin(replication);
  if (typeof (PouchDB.prototype as { query?: unknown }).query !== 'function') PouchDB.plugin(precompiledMapReduce(views) as never);
  return PouchDB;
}
