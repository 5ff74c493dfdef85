// fast-check generators of hostile input for the bad-input suites (test/unit/bad-input,
// test/integration/bad-input): unicode edge strings, prototype keys, deep nesting, wrong-typed
// values, and valid documents (test/unit/validators/fixtures.ts) broken at a random place.
// How many cases a suite runs scales with FUZZ_SCALE (default 1): `FUZZ_SCALE=20 npm test`.
import fc from 'fast-check';
import { validDocs } from '../unit/validators/fixtures.js';

/** `base` runs times FUZZ_SCALE (a positive number; default 1), at least 1. */
export function fuzzRuns(base: number): number {
  const raw = process.env.FUZZ_SCALE;
  const scale = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`FUZZ_SCALE must be a positive number, not ${raw}`);
  return Math.max(1, Math.round(base * scale));
}

/** Keys that reach an object's prototype machinery when code copies or merges naively. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isAdmin'] as const;
export const protoKey = () => fc.constantFrom(...PROTO_KEYS);

/** Strings that break naive text handling: lone surrogates, NUL, bidi overrides, combining marks, non-NFC, very long. */
export function edgeString(maxLong = 100_000): fc.Arbitrary<string> {
  const pieces = fc.constantFrom(
    '\ud800', '\udfff', '\udbff\udfff', '\u0000', '\u202e', '\u200f', '\u2066', '\u200b', '\ufeff', '\uffff', '\ufffe',
    'e\u0301', 'A\u030a', '\u0041\u0300\u0301\u0302\u0303\u0304', 'ﬁ', 'İ', 'ß', '\u00e9', '𝔘', '👩‍👩‍👧', '\r\n', '\t', '"', '\\', '/', '%00', '../', '..%2f',
    '%', '?', '#', ' ', 'sale:s1:', 's1', 'product:', '_design/', '_local/', '$', '{}', 'null', '\u0085', '\u2028',
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(pieces, { minLength: 1, maxLength: 8 }).map((p) => p.join('')) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.tuple(pieces, fc.integer({ min: Math.min(1000, maxLong), max: maxLong })).map(([p, n]) => p.repeat(Math.ceil(n / p.length)).slice(0, n)) },
  );
}

/** Numbers a money or count field must refuse or survive. */
export const edgeNumber = (jsonSafe: boolean) => fc.oneof(
  fc.constantFrom(-0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 2 ** 53, 1e-300, 10001),
  ...(jsonSafe ? [] : [fc.constantFrom(NaN, Infinity, -Infinity)]),
  fc.integer(),
  fc.double({ noNaN: jsonSafe, noDefaultInfinity: jsonSafe }),
);

/** A value `depth` levels deep, as arrays or objects (built without recursion, so no stack limit here). */
export function nested(depth: number, kind: 'array' | 'object', leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** An own property `key` on `obj`, even for `__proto__` (assignment would set the prototype instead). */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Any JSON-shaped value with hostile leaves and keys; `jsonSafe` keeps it what JSON can carry. */
export function hostileValue(opts: { jsonSafe: boolean; maxDepth?: number; maxLong?: number }): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    edgeString(opts.maxLong),
    edgeNumber(opts.jsonSafe),
    fc.constantFrom(true, false, null, '', '0', 'true', '[object Object]'),
    ...(opts.jsonSafe ? [] : [fc.constantFrom(undefined)]),
  );
  const key = fc.oneof(protoKey(), edgeString(200), fc.string({ maxLength: 8 }));
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', maxDepth: 3 },
      leaf,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.array(fc.tuple(key, tie('tree')), { maxLength: 4 }).map((entries) => {
        const o = {};
        for (const [k, v] of entries) setOwn(o, k, v);
        return o;
      }),
    ),
  }));
  return fc.oneof(
    { weight: 8, arbitrary: tree },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: opts.maxDepth ?? 1000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k)) },
  );
}

/** A deep copy through JSON, keeping own `__proto__` keys as own keys (JSON.parse does). */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

type Path = (string | number)[];

/** Every path to a value inside `doc` (objects and arrays), the root excluded. */
export function pathsOf(doc: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (doc !== null && typeof doc === 'object') {
    for (const k of Object.keys(doc)) {
      const p = [...prefix, Array.isArray(doc) ? Number(k) : k];
      out.push(p);
      pathsOf((doc as Record<string, unknown>)[k], p, out);
    }
  }
  return out;
}

function parentOf(doc: unknown, path: Path): Record<string | number, unknown> | undefined {
  let cur = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) {
    const next = cur[seg];
    if (next === null || typeof next !== 'object') return undefined;
    cur = next as Record<string | number, unknown>;
  }
  return cur;
}

/** One way to break a document at a path. */
export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number };

export function mutation(value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const key = fc.oneof(protoKey(), edgeString(300), fc.constantFrom('type', '_id', 'store', 'total', '_rev', '_deleted', '_attachments', 'lines'));
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at, value }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), at, key, value }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at }) },
  );
}

/** A deep copy of a generated value (fast-check's values must never be changed in place), own `__proto__` keys kept. */
export function copyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyValue);
  const o = {};
  for (const k of Object.keys(v)) setOwn(o, k, copyValue((v as Record<string, unknown>)[k]));
  return o;
}

/** Applies `m` to `doc` (in place, with a copy of its value); `at` picks among the paths, or the root for `add`. */
export function applyMutation(doc: Record<string, unknown>, m: Mutation): void {
  if ('value' in m) m = { ...m, value: copyValue(m.value) };
  const paths = pathsOf(doc);
  const path = paths.length === 0 ? undefined : paths[m.at % paths.length]!;
  if (m.op === 'add') {
    const targets = [doc, ...paths.map((p) => p.reduce<any>((o, s) => o?.[s], doc)).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v))];
    setOwn(targets[m.at % targets.length] as object, m.key, m.value);
    return;
  }
  if (path === undefined) return;
  const parent = parentOf(doc, path);
  if (parent === undefined) return;
  const last = path.at(-1)!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.op === 'wrap') setOwn(parent, String(last), [parent[last]]);
  else setOwn(parent, String(last), m.value);
}

/** Values of the right shape and wrong content: they get past the schema to the rules (sums, ids, stores). */
export const plausibleValue = () => fc.oneof(
  fc.integer({ min: -2, max: 300_000 }),
  fc.constantFrom('s1', 's2', 'sale:s1:2026-11-24T17:03:09.120Z-0000-s1.pos1', 'sale:s2:2026-11-24T17:03:09.120Z-0000-s1.pos1',
    'return:s1:void:2026-11-24T17:03:09.120Z-0000-s1.pos1', 'PR-1001-NEG-25.5', 'void', 'return', 'adjustment', 'cash', 'card', 'pos',
    'conflict-policy', '2026-11-24T17:03:09.120Z-0000-s1.pos1', 'sale', 'move', 'product', 'customer'),
  fc.record({ sku: fc.constant('PR-1'), qty: fc.integer({ min: -2, max: 3 }), unitPrice: fc.integer({ min: 0, max: 1000 }), discount: fc.integer({ min: 0, max: 1000 }) }),
);

/** A fixture document and its database. */
export const fixture = () => fc.constantFrom(...validDocs);

/** A valid document broken in 1 to `maxMutations` places, with the database it is written to. */
export function brokenDoc(opts: { jsonSafe: boolean; maxMutations?: number; maxDepth?: number; maxLong?: number }): fc.Arbitrary<{ doc: Record<string, unknown>; db: string }> {
  const value = fc.oneof({ weight: 3, arbitrary: hostileValue(opts) }, { weight: 1, arbitrary: plausibleValue() });
  return fc.tuple(fixture(), fc.array(mutation(value), { minLength: 1, maxLength: opts.maxMutations ?? 3 }))
    .map(([f, ms]) => {
      const doc = clone(f.doc) as Record<string, unknown>;
      for (const m of ms) applyMutation(doc, m);
      return { doc, db: f.db };
    });
}
