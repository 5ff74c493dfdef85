// Builds the POS into store-client/pos/dist, served by central at /pos/. Two things beyond a
// plain Lit build: the service worker is generated with the list of built files to precache,
// and the two Node imports of validators/ are swapped for browser shims.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: here('.'),
  base: '/pos/',
  plugins: [serviceWorker()],
  resolve: {
    alias: [
      { find: /^node:module$/, replacement: here('./shims/node-module.ts') },
      { find: /^node:fs$/, replacement: here('./shims/node-fs.ts') },
    ],
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
