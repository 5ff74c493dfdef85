// Compiles every schema once with one ajv instance: validator functions for Node, and the same
// code as a standalone ES5 CommonJS module for CouchDB design docs, so both refuse a document
// with the same message. https://ajv.js.org/standalone.html
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { schemas } from './schemas/index.js';
import type { DocType } from './types.js';

export type Validators = Record<DocType, ValidateFunction>;

/** Where the standalone module finds its helpers inside a design doc (`lib.<name>`). */
const HELPERS: Record<string, string> = { ucs2length: 'runtime/ucs2length.cjs' };

let ajv: Ajv | undefined;

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = createAjv({ es5: true, source: true, lines: false });
  return ajv;
}

/** One ajv set up as every validator of ours is compiled, with every schema added under its type. */
export function createAjv(code: { es5?: boolean; esm?: boolean; source: true; lines: false }): Ajv {
  const a = new Ajv({
    allErrors: false,
    strict: true,
    // `_id` is declared and also matches the `^_` pattern that lets CouchDB's fields through.
    allowMatchingProperties: true,
    // No `u` flag on patterns: ES5 engines (older CouchDB) reject it; our patterns are ASCII.
    unicodeRegExp: false,
    code,
  });
  for (const [type, schema] of Object.entries(schemas)) a.addSchema(schema, type);
  return a;
}

/** One ajv validate function per document type. */
export function compiledValidators(): Validators {
  const a = instance();
  const out = {} as Validators;
  for (const type of Object.keys(schemas) as DocType[]) {
    const fn = a.getSchema(type);
    if (!fn) throw new Error(`schema ${type} did not compile`);
    out[type] = fn;
  }
  return out;
}

/**
 * The validators as one CommonJS module (`exports.<type>`), plus the helpers it requires,
 * keyed by the name they must have under the design doc's `lib`. Throws if ajv starts to need
 * a runtime helper we do not ship, rather than push a module CouchDB cannot load.
 * `types` limits the module to the types one database accepts (smaller design docs).
 */
export function standaloneModule(types: readonly DocType[] = Object.keys(schemas) as DocType[]): {
  code: string;
  helpers: Record<string, string>;
} {
  compiledValidators();
  const refs = Object.fromEntries(types.map((t) => [t, t]));
  const raw = standalone.default(instance(), refs);
  const helpers: Record<string, string> = {};
  const code = raw.replace(/require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)/gi, (_m, name: string) => {
    const file = HELPERS[name];
    if (!file) throw new Error(`standalone validators need ajv runtime helper ${name}, which is not shipped`);
    // @vite-ignore: only the design-doc build reads these; the POS bundle must not take the folder in.
    helpers[name] = readFileSync(new URL(/* @vite-ignore */ `./${file}`, import.meta.url), 'utf8');
    return `require("lib/${name}")`;
  });
  const left = /require\([^)]*\)/.exec(code.replace(/require\("lib\/[a-z0-9]+"\)/gi, ''));
  if (left) throw new Error(`standalone validators still require ${left[0]}`);
  return { code, helpers };
}
