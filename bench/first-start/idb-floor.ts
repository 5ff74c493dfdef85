// How fast can a till's browser write a 20,000-SKU catalog at all? The first-start target asks
// for the whole start in a quarter of raw replication's time; most of ours is PouchDB writing
// the catalog snapshot into IndexedDB (load-snapshot.ts's `pronto:snapshot` marks). This script
// times, in one fresh Chromium context each, the same products written three ways:
//   pouch   — PouchDB's idb adapter, `bulkDocs(new_edits: false)` in pages of 770 (as a snapshot load);
//   layout  — bare IndexedDB doing per document what that adapter's layout needs: read the
//             document store, put the body in the by-sequence store, put the metadata;
//   one-put — bare IndexedDB, one put per document in one store: no PouchDB layout at all.
// Not a scenario (nothing of ours runs): `npx tsx bench/first-start/idb-floor.ts [--repeats N]`.
import http from 'node:http';
import { launchChromium } from '../../test/helpers/chromium.js';
import { parseArgs } from '../lib/args.js';
import { benchProducts } from '../lib/shoe-catalog.js';
import { median } from '../lib/stats.js';
import { rawPouchScript } from '../lib/vite-bundle.js';

const SKUS = 20_000;
const PAGE = 770;
const repeats = parseArgs(process.argv.slice(2)).repeats ?? 3;

/** Gen-1 leaves with their history, as central's snapshot pages carry them. */
function snapshotDocs(): object[] {
  const { docs } = benchProducts(0, SKUS, '2026-11-24T15:00:00.000Z-0000-central', 'bench');
  return docs.map((d, i) => {
    const id = (i + 1).toString(16).padStart(32, '0');
    return { ...d, _rev: `1-${id}`, _revisions: { start: 1, ids: [id] } };
  });
}

// Plain JavaScript run in the page (a string: nothing of this file's compiled helpers goes in).
const IN_PAGE = `async ({ docs, page, way }) => {
  const pages = [];
  for (let i = 0; i < docs.length; i += page) pages.push(docs.slice(i, i + page));
  const open = (name, stores) => new Promise((resolve, reject) => {
    const q = indexedDB.open(name, 1);
    q.onupgradeneeded = () => { for (const s of stores) q.result.createObjectStore(s, s === 'by-sequence' ? { autoIncrement: true } : undefined); };
    q.onsuccess = () => resolve(q.result);
    q.onerror = () => reject(q.error);
  });
  const inOneTransaction = (db, stores, write) => new Promise((resolve, reject) => {
    const tx = db.transaction(stores, 'readwrite');
    write(tx);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  if (way === 'pouch') {
    const db = new globalThis.RawPouch('floor-pouch', { adapter: 'idb' });
    await db.info();
    const t0 = performance.now();
    for (const p of pages) await db.bulkDocs(p, { new_edits: false });
    return performance.now() - t0;
  }
  if (way === 'layout') {
    const db = await open('floor-layout', ['document-store', 'by-sequence']);
    const t0 = performance.now();
    for (const p of pages) await inOneTransaction(db, ['document-store', 'by-sequence'], (tx) => {
      const docStore = tx.objectStore('document-store');
      const bySeq = tx.objectStore('by-sequence');
      for (const d of p) {
        docStore.get(d._id).onsuccess = () => {
          bySeq.put(d).onsuccess = (e) => docStore.put({ id: d._id, rev: d._rev, seq: e.target.result, rev_tree: [{ pos: 1, ids: [d._revisions.ids[0], {}, []] }] }, d._id);
        };
      }
    });
    return performance.now() - t0;
  }
  const db = await open('floor-one-put', ['docs']);
  const t0 = performance.now();
  for (const p of pages) await inOneTransaction(db, ['docs'], (tx) => { const s = tx.objectStore('docs'); for (const d of p) s.put(d, d._id); });
  return performance.now() - t0;
}`;

const ways = ['pouch', 'layout', 'one-put'] as const;
const bundle = await rawPouchScript();
const server = http.createServer((req, res) => {
  if (req.url === '/raw-pouch.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/raw-pouch.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
const chromium = await launchChromium();
try {
  const docs = snapshotDocs();
  const times: Record<string, number[]> = { pouch: [], layout: [], 'one-put': [] };
  for (let r = 0; r < repeats; r++) {
    for (const way of ways) {
      const context = await chromium.browser.newContext();
      const page = await context.newPage();
      await page.goto(origin);
      const ms = await page.evaluate(`(${IN_PAGE})(${JSON.stringify({ docs, page: PAGE, way })})`) as number;
      times[way]!.push(ms);
      await context.close();
      process.stderr.write(`${r + 1}/${repeats} ${way}: ${(ms / 1000).toFixed(2)} s\n`);
    }
  }
  console.log(`${docs.length.toLocaleString('en')} products into IndexedDB, pages of ${PAGE}, median of ${repeats} (s):`);
  for (const way of ways) console.log(`  ${way.padEnd(8)} ${(median(times[way]!) / 1000).toFixed(2)}  (${times[way]!.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
} finally {
  await chromium.close();
  server.close();
}
