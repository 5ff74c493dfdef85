/// <reference path="./types/pouchdb-abstract-mapreduce.d.ts" />
// Map/reduce for Node (pouch-node.ts): the same PouchDB query engine and index names as
// pouchdb-mapreduce, so existing indexes stay valid, with one change. pouchdb-mapreduce runs a
// design doc's map source in a new `vm` context for every document it indexes (evalFunctionInVm:
// ~1–3 ms a document, most of a till's first stock query over its history window). Here a source
// is compiled once per view update, in one context, as CouchDB's couchjs keeps one per design
// doc; each document still reaches the map as its own JSON copy made inside that context, so a
// map that changes its argument changes nothing outside. The browser POS runs precompiled
// functions instead and evals nothing (pouch-views.ts).
// https://docs.couchdb.org/en/stable/query-server/javascript.html
import vm from 'node:vm';
import createAbstractMapReduce from 'pouchdb-abstract-mapreduce';
import { builtInReduce, isBuiltInReduce } from './pouch-views.js';
import { ProntoError } from '../validators/errors.js';

type Emit = (key: unknown, value?: unknown) => void;
type Fn = (...args: unknown[]) => unknown;

// The helpers pouchdb-mapreduce gives a view's code (log, sum, isArray, toJSON), and a wrapper
// that hands each call its arguments as JSON copies parsed inside the context.
const PRELUDE = `"use strict";
var log = function () {};
var isArray = Array.isArray;
var toJSON = JSON.parse;
var sum = function (values) { var r = 0; for (var i = 0; i < values.length; i++) r += values[i]; return r; };
var emit = function (key, value) { __emit__(key, value); };
var __copying__ = function (fn) {
  return function (json) { var args = JSON.parse(json); return fn(args[0], args[1], args[2]); };
};`;

/** `source` (a function's text) compiled once in a fresh context whose `emit` calls `emit`. */
export function compileInSandbox(source: string, emit: Emit = () => undefined): Fn {
  const context = vm.createContext({ __emit__: emit });
  vm.runInContext(PRELUDE, context);
  const fn = vm.runInContext(`__copying__((${source.replace(/;\s*$/, '')}))`, context) as (json: string) => unknown;
  return (...args: unknown[]) => fn(JSON.stringify(args));
}

function mapper(mapFun: unknown, emit: Emit): (doc: unknown) => unknown {
  // A temporary view may take emit as its second argument (pouchdb-mapreduce's rule).
  if (typeof mapFun === 'function' && mapFun.length === 2) return (doc) => (mapFun as Fn)(doc, emit);
  const map = compileInSandbox(String(mapFun), emit);
  return (doc) => map(doc);
}

function reducer(reduceFun: unknown): (keys: unknown[] | null, values: unknown[], rereduce?: boolean) => unknown {
  const source = String(reduceFun);
  if (isBuiltInReduce(source)) return builtInReduce(source);
  if (source.trim().startsWith('_')) throw new ProntoError('NOT_FOUND', `${source.slice(0, 40)} is not a supported reduce function`);
  const reduce = compileInSandbox(source);
  return (keys, values, rereduce) => reduce(keys, values, rereduce);
}

function ddocValidator(ddoc: { _id: string; views?: Record<string, { map?: unknown }> }, viewName: string): void {
  if (typeof ddoc.views?.[viewName]?.map !== 'string') throw new ProntoError('NOT_FOUND', `ddoc ${ddoc._id} has no string view named ${viewName}`);
}

/** The `query` / `viewCleanup` plugin for Node's PouchDB. */
export function sandboxedMapReduce() {
  const abstract = createAbstractMapReduce('mrviews', mapper, reducer, ddocValidator);
  return {
    query(this: unknown, fun: unknown, opts?: unknown, callback?: unknown) { return abstract.query.call(this, fun, opts, callback); },
    viewCleanup(this: unknown, callback?: unknown) { return abstract.viewCleanup.call(this, callback); },
  };
}
