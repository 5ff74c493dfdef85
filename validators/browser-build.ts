// Build-time only: what a browser bundle (the POS, the console) needs to validate documents with
// the same schemas and check.cjs as central and CouchDB, under a Content-Security-Policy without
// 'unsafe-eval': validators/compile.ts (ajv compiling at run time) swapped for the validators
// compiled here, ahead of time (browser-validators.ts, ajv standalone), and `node:module`
// (validate.ts's createRequire of check.cjs) swapped for a browser stand-in.
// https://ajv.js.org/standalone.html
import { fileURLToPath } from 'node:url';
import type { Alias, Plugin } from 'vite';
import { browserValidatorsModule } from './browser-validators.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Vite plugin: any import of validators/compile.(js|ts) → the precompiled validators. */
export function precompiledValidators(): Plugin {
  const compileTs = here('./compile.ts');
  const id = '\0pronto-precompiled-validators';
  return {
    name: 'pronto-precompiled-validators',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !/compile\.(js|ts)$/.test(source)) return null;
      const resolved = await this.resolve(source.replace(/\.js$/, '.ts'), importer, { skipSelf: true });
      return resolved?.id === compileTs ? id : null;
    },
    load: (loaded) => (loaded === id ? browserValidatorsModule() : null),
  };
}

/** resolve.alias entry: `node:module` → the browser stand-in. */
export const nodeModuleShim: Alias = { find: /^node:module$/, replacement: here('./browser/node-module.js') };
