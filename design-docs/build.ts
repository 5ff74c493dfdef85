// Compiles the design doc tree under src/<kind>/ (couchdb-compile style: validate_doc_update.js,
// views/<name>/map.js and reduce.txt|reduce.js) into one `_design/pronto` per kind of database,
// with the document contract attached as CommonJS modules under `lib`.
// Run directly (`tsx design-docs/build.ts`) it also writes dist/<kind>.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSource, standaloneModule, type DocType } from '../validators/index.js';
import { designDocKinds, type DesignDoc, type DesignDocKind } from './design-doc.js';

const SRC = new URL('./src/', import.meta.url);

/** The types each kind of database accepts; its design doc carries only their validators. */
const TYPES: Record<DesignDocKind, DocType[]> = {
  store: ['sale', 'move', 'return', 'store-status', 'stock-base'],
  catalog: ['product', 'store', 'settings', 'device', 'approver'],
  customers: ['customer'],
  audit: ['audit', 'conflict'],
  /** Central's own counters (pronto-stats): no document contract, its validate_doc_update checks them. */
  stats: [],
};

function read(url: URL): string {
  return readFileSync(url, 'utf8').trim();
}

function readViews(kind: DesignDocKind): DesignDoc['views'] {
  const dir = new URL(`${kind}/views/`, SRC);
  const views: DesignDoc['views'] = {};
  if (!existsSync(dir)) return views;
  for (const name of readdirSync(dir).sort()) {
    const view: { map: string; reduce?: string } = { map: read(new URL(`${name}/map.js`, dir)) };
    for (const file of ['reduce.txt', 'reduce.js']) {
      const url = new URL(`${name}/${file}`, dir);
      if (existsSync(url)) view.reduce = read(url);
    }
    views[name] = view;
  }
  return views;
}

function buildOne(kind: DesignDocKind): DesignDoc {
  const doc = { _id: '_design/pronto', language: 'javascript' as const, validate_doc_update: read(new URL(`${kind}/validate_doc_update.js`, SRC)), views: readViews(kind) };
  if (TYPES[kind].length === 0) return { ...doc, lib: {} };
  const { code, helpers } = standaloneModule(TYPES[kind]);
  return { ...doc, lib: { check: checkSource(), validators: code, ...helpers } };
}

/** The design doc of every kind of database, ready to PUT. */
export function buildDesignDocs(): Record<DesignDocKind, DesignDoc> {
  const docs = {} as Record<DesignDocKind, DesignDoc>;
  for (const kind of designDocKinds) docs[kind] = buildOne(kind);
  return docs;
}

function main(): void {
  const out = new URL('./dist/', import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const [kind, doc] of Object.entries(buildDesignDocs())) {
    const file = new URL(`${kind}.json`, out);
    const json = `${JSON.stringify(doc, null, 2)}\n`;
    writeFileSync(file, json);
    console.log(`wrote ${fileURLToPath(file)} (${Object.keys(doc.views).length} views, ${json.length} bytes)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
