// Build-time only: the POS bundle's stand-in for compile.ts — every validator compiled ahead of
// time by ajv (standalone ES module), so the browser never compiles a schema and the POS runs
// under a Content-Security-Policy without 'unsafe-eval'. The POS's Vite build (see
// store-client/pos/vite.config.ts) serves this source in place of validators/compile.ts.
// https://ajv.js.org/standalone.html
import standalone from 'ajv/dist/standalone/index.js';
import { createAjv } from './compile.js';
import { schemas } from './schemas/index.js';

/** The source of an ES module exporting `compiledValidators()` like compile.ts, precompiled. */
export function browserValidatorsModule(): string {
  const types = Object.keys(schemas);
  const ajv = createAjv({ esm: true, source: true, lines: false });
  for (const type of types) ajv.getSchema(type);
  const refs = Object.fromEntries(types.map((t, i) => [`v${i}`, t]));
  const code = standalone.default(ajv, refs);
  const table = types.map((t, i) => `${JSON.stringify(t)}: v${i}`).join(', ');
  return `${code}
export function compiledValidators() { return { ${table} }; }
export function standaloneModule() { throw new Error('standaloneModule is build-time only'); }
`;
}
