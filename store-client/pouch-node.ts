// The PouchDB constructor for Node (tests, simulation, central's own use of store-client).
// Domain modules never import an adapter: they take database objects, so the browser build
// can hand them IndexedDB databases from its own constructor.
// `PouchDB.plugin` always mutates the one pouchdb-core constructor of the process, and
// pouchdb-replication throws "Cannot redefine property: replicate" if plugged twice, so each
// plugin is added only when missing: safe beside any other module that set PouchDB up.

import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import leveldb from 'pouchdb-adapter-leveldb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { sandboxedMapReduce } from './pouch-views-node.js';

export type PouchConstructor = PouchDB.Static;

interface WithAdapters {
  adapters: Record<string, unknown>;
}

/** PouchDB with memory, LevelDB and http adapters, replication and map/reduce (each view's code compiled once: pouch-views-node.ts). */
export function createNodePouch(): PouchDB.Static {
  const adapters = (PouchDB as unknown as WithAdapters).adapters;
  if (!adapters.memory) PouchDB.plugin(memory);
  if (!adapters.leveldb) PouchDB.plugin(leveldb);
  if (!adapters.http) PouchDB.plugin(http);
  if (!('replicate' in PouchDB.prototype)) PouchDB.plugin(replication);
  if (typeof (PouchDB.prototype as { query?: unknown }).query !== 'function') PouchDB.plugin(sandboxedMapReduce() as never);
  return PouchDB;
}
