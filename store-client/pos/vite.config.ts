// Builds the POS into store-client/pos/dist, served by central at /pos/. Three things beyond a
// plain Lit build: the service worker is generated with the list of built files to precache,
// the schemas are compiled here, ahead of time (the browser never evals: central's CSP forbids
// it), so are the design docs' map functions (no eval either), and the Node import of
// validators/ is swapped for a browser shim.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { nodeModuleShim, precompiledValidators } from '../../validators/browser-build.js';
import { viewFunctionsModule } from '../../design-docs/view-functions.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function serviceWorker(): Plugin {
  return {
    name: 'pronto-pos-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'index.html');
      const files = ['./index.html', ...built.map((f) => `./${f}`)];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(here('./sw-template.js'), 'utf8')
        .replaceAll('__VERSION__', JSON.stringify(version))
        .replaceAll('__PRECACHE__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** `virtual:pronto-view-functions`: the design docs' map functions as code (store-client/pouch-views.ts). */
function viewFunctions(): Plugin {
  const id = '\0pronto-view-functions';
  return {
    name: 'pronto-view-functions',
    resolveId: (source) => (source === 'virtual:pronto-view-functions' ? id : null),
    load: (loaded) => (loaded === id ? viewFunctionsModule() : null),
  };
}

/** package.json's version, reported by every till in its status. */
function posVersion(): string {
  return (JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { version: string }).version;
}

export default defineConfig({
  root: here('.'),
  base: '/pos/',
  plugins: [precompiledValidators(), viewFunctions(), serviceWorker()],
  define: { __POS_VERSION__: JSON.stringify(posVersion()) },
  resolve: {
    alias: [nodeModuleShim],
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
