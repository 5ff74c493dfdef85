// Bundles a few lines of source with the project's Vite, in memory: the raw baselines the
// browser scenarios load (PouchDB alone, Lit alone), built the way our own bundles are.
import { build, type Rollup } from 'vite';

/** The chunks of `entry` (module source text), minified; `iife` sets `globalName`. */
export async function bundleSource(entry: string, format: 'es' | 'iife', globalName = 'BenchBundle'): Promise<string[]> {
  const out = await build({
    configFile: false, logLevel: 'silent', root: process.cwd(),
    plugins: [{ name: 'bench-entry', enforce: 'pre', resolveId: (id) => (id.endsWith('virtual:bench-entry') ? '\0bench-entry' : null), load: (id) => (id === '\0bench-entry' ? entry : null) }],
    build: { write: false, target: 'es2022', minify: true, lib: { entry: 'virtual:bench-entry', formats: [format], name: globalName, fileName: () => `bench.${format}.js` } },
  });
  const output = (Array.isArray(out) ? out[0]! : out as Rollup.RollupOutput).output;
  const chunks = output.map((c) => (c.type === 'chunk' ? c.code : typeof c.source === 'string' ? c.source : Buffer.from(c.source).toString('utf8')));
  if (chunks.length === 0) throw new Error('bench bundle: Vite produced no output');
  return chunks;
}

/** Raw PouchDB for the browser (core, idb, http, replication; nothing of ours), setting globalThis.RawPouch. */
export async function rawPouchScript(): Promise<string> {
  const entry = "import PouchDB from 'pouchdb-core'; import idb from 'pouchdb-adapter-idb'; import http from 'pouchdb-adapter-http';"
    + " import replication from 'pouchdb-replication'; PouchDB.plugin(idb).plugin(http).plugin(replication); globalThis.RawPouch = PouchDB;";
  return (await bundleSource(entry, 'iife', 'RawPouchBundle'))[0]!;
}
