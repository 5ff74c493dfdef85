// Bundles: what a browser downloads for the POS and for the console, gzipped (kB), from the
// builds `npm run bench` makes first (prebench: store-client/pos/dist, admin-ui/dist). The
// baseline is the framework alone: a minimal Lit element, with PouchDB (core, idb, http,
// replication, mapreduce) for the POS, built here by the same Vite. Browser bundles must not
// compile code at run time (central's CSP forbids 'unsafe-eval'; validators are precompiled):
// a bundle holding `eval(`, `new Function` or ajv's compiler fails the scenario.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSource } from '../lib/vite-bundle.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';

const ROOT = process.cwd();
const APPS = [
  { name: 'POS', dist: 'store-client/pos/dist', baseline: 'lit-pouch' as const },
  { name: 'console', dist: 'admin-ui/dist', baseline: 'lit' as const },
];
/** Text only ajv's compiler carries (its standalone output and runtime helpers do not). */
const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ["ajv's compiler", /ajv implementation error|schema with key or id|strict mode: unknown keyword/],
];

const LIT = "import { LitElement, html, css } from 'lit'; class BenchApp extends LitElement { static styles = css`:host{display:block}`; render() { return html`<p>bench</p>`; } } customElements.define('bench-app', BenchApp);";
const POUCH = "import PouchDB from 'pouchdb-core'; import idb from 'pouchdb-adapter-idb'; import http from 'pouchdb-adapter-http'; import replication from 'pouchdb-replication'; import mapreduce from 'pouchdb-mapreduce'; PouchDB.plugin(idb).plugin(http).plugin(replication).plugin(mapreduce); globalThis.BenchPouch = PouchDB;";

const kB = (bytes: number) => bytes / 1000;

/** Every file a page loads, the service worker included (source maps left out). */
function shipped(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|css|html)$/.test(e.name)) out.push(p);
    }
  };
  walk(dist);
  return out;
}

/** Gzipped bytes of the minimal bundle, built by Vite (production, minified). */
async function minimalBundle(kind: 'lit' | 'lit-pouch'): Promise<number> {
  const chunks = await bundleSource(kind === 'lit' ? LIT : `${LIT} ${POUCH}`, 'es');
  return chunks.reduce((sum, code) => sum + gzipSync(code).length, 0);
}

async function scenarioRun(ctx: BenchContext): Promise<Result[]> {
  const results: Result[] = [];
  const problems: string[] = [];
  const baselines = new Map<string, number>();
  for (const app of APPS) {
    const dist = path.join(ROOT, app.dist);
    if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${app.dist} is not built: run \`npm run build:pos && npm run build:admin\` (npm run bench does it first)`);
    const files = shipped(dist);
    let gz = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      gz += gzipSync(source).length;
      if (file.endsWith('.js') || file.endsWith('.mjs')) {
        for (const [what, re] of FORBIDDEN) if (re.test(source)) problems.push(`${path.relative(ROOT, file)} contains ${what}`);
      }
    }
    if (!baselines.has(app.baseline)) baselines.set(app.baseline, await minimalBundle(app.baseline));
    ctx.progress(`${app.name}: ${files.length} files, ${kB(gz).toFixed(1)} kB gzipped`);
    results.push({
      scenario: `bundles: ${app.name}, gzipped (${files.length} files)`, unit: 'kB', better: 'lower', ours: [kB(gz)], baseline: [kB(baselines.get(app.baseline)!)],
      baselineName: app.baseline === 'lit' ? 'a minimal Lit element, same Vite build, gzipped' : 'a minimal Lit element + PouchDB (core, idb, http, replication, mapreduce), same Vite build, gzipped',
      note: 'no eval, new Function or ajv compiler in the bundle',
    });
  }
  if (problems.length > 0) {
    const sizes = results.map((r) => `${r.scenario}: ${r.ours[0]!.toFixed(1)} kB`).join('; ');
    throw new Error(`browser bundles compile code at run time (the CSP refuses it; precompile): ${problems.join('; ')} — ${sizes}`);
  }
  return results;
}

export const bundles: Scenario = { name: 'bundles', run: scenarioRun };
