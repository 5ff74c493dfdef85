/// <reference path="./types/pouchdb-abstract-mapreduce.d.ts" />
// Map/reduce for the browser POS that runs no code it did not ship. pouchdb-mapreduce turns a
// design doc's map source into a function with eval, which central's Content-Security-Policy
// forbids — and which would run whatever a design doc in the till's database says with access to
// the till's keys. This is the same PouchDB query engine (pouchdb-abstract-mapreduce, the same
// index names, so existing indexes stay valid) with one change: a map source is looked up in
// the view functions compiled into the POS at build time (design-docs/view-functions.ts), and a
// view this build does not know is refused. Reduces are CouchDB's built-ins only.
// https://docs.couchdb.org/en/stable/ddocs/ddocs.html#built-in-reduce-functions
import createAbstractMapReduce from 'pouchdb-abstract-mapreduce';
import { ProntoError } from '../validators/errors.js';

export type Emit = (key: unknown, value?: unknown) => void;
/** Map functions by their exact source text in the design doc, each taking `emit`. */
export type ViewFunctions = Readonly<Record<string, (emit: Emit) => (doc: unknown) => void>>;

export function precompiledMapReduce(views: ViewFunctions) {
  const mapper = (mapFun: unknown, emit: Emit) => {
    // A function passed to query() directly (a temporary view) is already code.
    if (typeof mapFun === 'function') return (doc: unknown) => (mapFun as (d: unknown, e: Emit) => void)(doc, emit);
    const compiled = views[String(mapFun)];
    if (compiled === undefined) throw unknownView();
    return compiled(emit);
  };
  const ddocValidator = (ddoc: { _id: string; views?: Record<string, { map?: unknown }> }, viewName: string) => {
    const map = ddoc.views?.[viewName]?.map;
    if (typeof map !== 'string' || views[map] === undefined) throw unknownView(`${ddoc._id}/${viewName}`);
  };
  const abstract = createAbstractMapReduce('mrviews', mapper, builtInReduce, ddocValidator);
  return {
    query(this: unknown, fun: unknown, opts?: unknown, callback?: unknown) { return abstract.query.call(this, fun, opts, callback); },
    viewCleanup(this: unknown, callback?: unknown) { return abstract.viewCleanup.call(this, callback); },
  };
}

function unknownView(name = 'a view'): ProntoError {
  return new ProntoError('NOT_FOUND', `${name} is not one this POS was built with: reload to update the POS`);
}

const BUILT_IN = ['_sum', '_count', '_stats'];

/** Whether a view's reduce is one of CouchDB's built-ins (the only reduces the POS runs). */
export const isBuiltInReduce = (reduceFun: unknown): boolean => BUILT_IN.includes(String(reduceFun).trim());

export function builtInReduce(reduceFun: unknown): (keys: unknown[] | null, values: unknown[]) => unknown {
  switch (String(reduceFun).trim()) {
    case '_sum': return (_k, values) => sumOf(values);
    case '_count': return (_k, values) => values.length;
    case '_stats': return (_k, values) => {
      const nums = values.map(Number);
      return { sum: sumOf(nums), min: Math.min(...nums), max: Math.max(...nums), count: nums.length, sumsqr: nums.reduce((a, n) => a + n * n, 0) };
    };
    default: throw new ProntoError('NOT_FOUND', `reduce ${String(reduceFun).slice(0, 40)} is not a built-in this POS runs`);
  }
}

/** CouchDB's `_sum`: numbers, or arrays of numbers summed position by position. */
function sumOf(values: readonly unknown[]): number | number[] {
  let total: number | number[] = 0;
  for (const v of values) {
    if (typeof v === 'number') {
      if (typeof total === 'number') total += v;
      else total[0] = (total[0] ?? 0) + v;
    } else if (Array.isArray(v)) {
      const acc: number[] = typeof total === 'number' ? [total] : total;
      v.forEach((n, i) => { acc[i] = (acc[i] ?? 0) + Number(n); });
      total = acc;
    } else {
      throw new ProntoError('VALIDATION_FAILED', '_sum needs numbers or arrays of numbers');
    }
  }
  return total;
}
