// Web POS benchmark in real Chromium against a real central (embedded server, demo chain, free
// loopback ports), with the catalog grown to ~20,000 SKUs. Measures, in the browser:
//   1. offline sale commit: click on "Cobrar" to the receipt showing the new folio (p50/p99),
//      beside raw PouchDB (pouchdb-core + idb, bundled here with Vite, nothing of the POS) and raw
//      IndexedDB puts of an equivalent document in the same page (ratios);
//   2. catalog search: typing a model name to the result list showing (p50) — or, when the
//      built POS has no name search yet, the exact-SKU lookup path (typed SKU + Enter to the
//      product line showing), and says which one it measured;
//   3. cold start offline: reload with the context offline to the sell screen with the status
//      bar visible (p50);
//   4. manager approval offline: a discount above the cashier's limit, approved by a manager
//      whose approval key the till keeps wrapped under their password (PBKDF2, 600,000
//      iterations, then an AES-GCM unwrap), click on "Autorizar" to the dialog closed, beside a
//      raw WebCrypto PBKDF2 derivation of the same cost in the page.
// Timings 1 and 2 are taken inside the page (performance.now() around a DOM action, polling
// the DOM over a MessageChannel) so the playwright round trip is not counted; 3 is taken
// outside (reload to visible), so it includes one round trip.
//   npx tsx bench/pos.ts     (BENCH_POS_SALES=50 BENCH_POS_SEARCHES=20 BENCH_POS_COLD=5 BENCH_POS_APPROVALS=5 by default)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { loadConfig } from '../central/config.js';
import { createLogger } from '../central/logger.js';
import { startCentral, type Central } from '../central/server.js';
import { POS_DIST } from '../central/http/spa-static.js';
import { ean13 } from '../central/demo/demo-catalog.js';
import { CHROMIUM, launchChromium, type ChromiumSession } from '../test/helpers/chromium.js';

const SALES = Number(process.env.BENCH_POS_SALES ?? 50);
const SEARCHES = Number(process.env.BENCH_POS_SEARCHES ?? 20);
const COLD = Number(process.env.BENCH_POS_COLD ?? 5);
const APPROVALS = Number(process.env.BENCH_POS_APPROVALS ?? 5);
const TARGET_SKUS = 20_000;
const SKU = 'PS-M01-NEG-25.5';
const WAIT = { timeout: 30_000 };
const COLOURS: ReadonlyArray<[string, string]> = [['NEG', 'Negro'], ['CAF', 'Café'], ['BLA', 'Blanco'], ['AZU', 'Azul']];
const SIZES = Array.from({ length: 17 }, (_, i) => String(22 + i / 2));

interface DemoAccount { name: string; password: string; store: string | null }

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Bench models: enough model × colour × size variants to bring the catalog to ~TARGET_SKUS. */
function benchProducts(existing: number, stamp: string, by: string) {
  const perModel = COLOURS.length * SIZES.length;
  const models = Math.max(0, Math.floor((TARGET_SKUS - existing) / perModel));
  const docs: object[] = [];
  for (let m = 0; m < models; m++) {
    const model = `Modelo Banco ${String(m + 1).padStart(3, '0')}`;
    const price = (499 + ((m * 53) % 23) * 100) * 100;
    COLOURS.forEach(([code, colour], c) => SIZES.forEach((size, s) => {
      const sku = `BX-${String(m + 1).padStart(3, '0')}-${code}-${size}`;
      docs.push({
        _id: `product:${sku}`, type: 'product', sku, model, name: `${model} ${colour} ${size}`, colour, size,
        price, cost: Math.round(price * 0.45), barcode: ean13(`779${String(m + 1).padStart(4, '0')}${c + 1}${String(s).padStart(2, '0')}00`.slice(0, 12)),
        active: true, updatedAt: stamp, updatedBy: by,
      });
    }));
  }
  return { docs, models };
}

// In-page helpers, as source text (functions compiled by tsx would carry helpers the page lacks).
// deep(sel): first match through open shadow roots. until(cond): resolves with performance.now()
// at the first poll where cond() holds, polling over a MessageChannel (no 4 ms timer clamp).
const HELPERS = `
  const deepAll = (sel, root = document) => {
    const out = [...root.querySelectorAll(sel)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(sel, el.shadowRoot));
    return out;
  };
  const deep = (sel) => deepAll(sel)[0];
  const until = (cond, timeoutMs = 10000) => new Promise((resolve, reject) => {
    const ch = new MessageChannel();
    const deadline = performance.now() + timeoutMs;
    ch.port1.onmessage = () => {
      const now = performance.now();
      if (cond()) { ch.port1.close(); resolve(now); }
      else if (now > deadline) { ch.port1.close(); reject(new Error('timed out in page')); }
      else ch.port2.postMessage(0);
    };
    ch.port2.postMessage(0);
  });
`;

async function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => { ${HELPERS} ${body} })()`) as Promise<T>;
}

/** Cart holds one pair of SKU, cash received typed; returns ms from the click on Cobrar to the new folio. */
async function timedSale(page: Page): Promise<{ ui: number; app: number }> {
  const before = await page.evaluate(`performance.getEntriesByName('pos-sale-commit').length`) as number;
  await page.getByTestId('code').fill(SKU);
  await page.getByTestId('code').press('Enter');
  await page.getByTestId('received').fill('3000');
  await page.locator('[data-testid="pay"]:not([disabled])').waitFor(WAIT);
  const ui = await inPage<number>(page, `
    const folio = () => deep('[data-testid="folio"]')?.textContent ?? '';
    const prev = folio();
    const pay = deep('[data-testid="pay"]');
    const t0 = performance.now();
    pay.click();
    const t1 = await until(() => folio() !== '' && folio() !== prev);
    return t1 - t0;`);
  // A function, not a string: playwright evals a string predicate in the page, which the POS's CSP refuses.
  await page.waitForFunction((n) => performance.getEntriesByName('pos-sale-commit').length > n, before, WAIT);
  const app = await page.evaluate(`performance.getEntriesByName('pos-sale-commit').at(-1).duration`) as number;
  return { ui, app };
}

/** Raw IndexedDB: one put + transaction complete per document, N documents shaped like a sale. */
async function rawIdbPuts(page: Page, n: number): Promise<number[]> {
  return inPage<number[]>(page, `
    const name = 'bench-raw-' + Date.now();
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('docs', { keyPath: '_id' });
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const times = [];
    for (let i = 0; i < ${n}; i++) {
      const doc = {
        _id: 'sale:s1:2026-11-24T07:00:00.' + String(i).padStart(3, '0') + 'Z-0000-s1.pos-bench', _rev: '1-' + 'a'.repeat(32),
        type: 'sale', store: 's1', device: 's1.pos-bench', cashier: 'cashier-s1', businessDay: '2026-11-24',
        createdAt: new Date().toISOString(), lines: [{ sku: '${SKU}', qty: 1, unitPrice: 59900, discount: 0 }],
        total: 59900, payments: [{ method: 'cash', amount: 59900 }], change: 240100, sig: 'x'.repeat(88),
      };
      const t0 = performance.now();
      await new Promise((res, rej) => {
        const tx = db.transaction('docs', 'readwrite');
        tx.objectStore('docs').put(doc);
        tx.oncomplete = res; tx.onerror = () => rej(tx.error);
      });
      times.push(performance.now() - t0);
    }
    db.close();
    indexedDB.deleteDatabase(name);
    return times;`);
}

/** Raw PouchDB for the browser (pouchdb-core + idb, http, replication; nothing of the POS), as one IIFE setting globalThis.RawPouch. */
async function rawPouchBundle(): Promise<string> {
  const entry = "import PouchDB from 'pouchdb-core'; import idb from 'pouchdb-adapter-idb'; import http from 'pouchdb-adapter-http';"
    + " import replication from 'pouchdb-replication'; PouchDB.plugin(idb).plugin(http).plugin(replication); globalThis.RawPouch = PouchDB;";
  const out = await build({
    configFile: false, logLevel: 'silent', root: process.cwd(),
    plugins: [{ name: 'raw-pouch', enforce: 'pre', resolveId: (id) => (id.endsWith('virtual:raw-pouch') ? '\0raw-pouch' : null), load: (id) => (id === '\0raw-pouch' ? entry : null) }],
    build: { write: false, target: 'es2022', lib: { entry: 'virtual:raw-pouch', formats: ['iife'], name: 'RawPouchBundle', fileName: () => 'raw-pouch.js' } },
  });
  const chunk = (Array.isArray(out) ? out[0]! : out as Rollup.RollupOutput).output.find((c): c is Rollup.OutputChunk => c.type === 'chunk');
  if (!chunk) throw new Error('raw PouchDB bundle: no chunk');
  return chunk.code;
}

/** Raw PouchDB pull of the whole catalog into a new idb database (the till's batch settings), in the page; docs and ms. */
async function rawCatalogPull(page: Page): Promise<{ docs: number; ms: number }> {
  return inPage<{ docs: number; ms: number }>(page, `
    const db = new RawPouch('bench-raw-catalog-' + Date.now(), { adapter: 'idb' });
    const remote = new RawPouch(location.origin + '/db/catalog', { adapter: 'http', skip_setup: true });
    const t0 = performance.now();
    const info = await db.replicate.from(remote, { batch_size: 500, batches_limit: 4 });
    const ms = performance.now() - t0;
    await db.destroy();
    return { docs: info.docs_written, ms };`);
}

/** Raw PouchDB (idb adapter) put of the same sale-shaped document, N times, in the page (RawPouch loaded). */
async function rawPouchPuts(page: Page, n: number): Promise<number[]> {
  return inPage<number[]>(page, `
    const db = new RawPouch('bench-raw-pouch-' + Date.now(), { adapter: 'idb' });
    const times = [];
    for (let i = 0; i < ${n}; i++) {
      const doc = {
        _id: 'sale:s1:2026-11-24T07:00:00.' + String(i).padStart(3, '0') + 'Z-0000-s1.pos-bench',
        type: 'sale', store: 's1', device: 's1.pos-bench', cashier: 'cashier-s1', businessDay: '2026-11-24',
        createdAt: new Date().toISOString(), lines: [{ sku: '${SKU}', qty: 1, unitPrice: 59900, discount: 0 }],
        total: 59900, payments: [{ method: 'cash', amount: 59900 }], change: 240100, sig: 'x'.repeat(88),
      };
      const t0 = performance.now();
      await db.put(doc);
      times.push(performance.now() - t0);
    }
    await db.destroy();
    return times;`);
}

/** Baseline for the search: a naive in-page scan of every SKU's name (lower-cased includes), per query. */
async function rawScan(page: Page, names: string[], queries: string[]): Promise<number[]> {
  return inPage<number[]>(page, `
    const names = ${JSON.stringify(names)}.map((n) => n.toLowerCase());
    const times = [];
    for (const q of ${JSON.stringify(queries)}) {
      const t0 = performance.now();
      const hit = [];
      const needle = q.toLowerCase();
      for (const n of names) if (n.includes(needle)) hit.push(n);
      times.push(performance.now() - t0 + (hit.length < 0 ? 1 : 0));
    }
    return times;`);
}

/** Name search if the built POS has one; otherwise the exact-SKU lookup path. */
async function searchBench(page: Page, queries: string[], skus: string[]): Promise<{ kind: string; times: number[] }> {
  const RESULTS = '[data-testid="models"] [data-testid="model"], [data-testid="search-results"] > *, [role="option"]';
  const type = (text: string) => `
    const input = deep('[data-testid="code"]');
    input.focus();
    input.value = ${JSON.stringify(text)};
    const t0 = performance.now();
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ${JSON.stringify(text)}, inputType: 'insertText' }));`;
  const clear = async () => {
    await page.getByTestId('code').fill('');
    await page.getByTestId('code').press('Escape');
  };
  // Probe once: does typing a model name show a result list within 3 s?
  const probe = await inPage<number>(page, `${type(queries[0]!)}
    try { return (await until(() => deepAll('${RESULTS}').length > 0, 3000)) - t0; } catch { return -1; }`);
  await clear();
  if (probe >= 0) {
    const times: number[] = [];
    for (const q of queries) {
      await until(async () => (await inPage<number>(page, `return deepAll('${RESULTS}').length;`)) === 0);
      times.push(await inPage<number>(page, `${type(q)}
        return (await until(() => deepAll('${RESULTS}').length > 0)) - t0;`));
      await clear();
    }
    return { kind: 'name search (model name typed → result list)', times };
  }
  const times: number[] = [];
  for (const sku of skus) {
    times.push(await inPage<number>(page, `
      const input = deep('[data-testid="code"]');
      input.value = ${JSON.stringify(sku)};
      const t0 = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      return (await until(() => (deep('[data-testid="scanned"]')?.textContent ?? '').includes('Existencia'))) - t0;`));
    await page.getByRole('button', { name: 'Cancelar venta' }).click();
    await page.getByTestId('stock').waitFor({ state: 'detached', ...WAIT });
  }
  return { kind: 'exact-SKU lookup (SKU + Enter → product line) — no name search in the built POS', times };
}

/** Puts a 50% discount on a one-pair cart, which opens the manager approval dialog. */
async function askApproval(page: Page): Promise<void> {
  await page.getByTestId('code').fill(SKU);
  await page.getByTestId('code').press('Enter');
  await page.getByTestId('discount').first().click();
  await page.getByTestId('discount-value').fill('50');
  await page.getByTestId('discount-apply').click();
  await page.getByRole('dialog', { name: 'Autorización de gerente' }).waitFor(WAIT);
}

/** Manager approvals from click on "Autorizar" to the dialog closed, N times (offline: the kept key, opened with the password, decides). */
async function timedApprovals(page: Page, manager: DemoAccount, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await askApproval(page);
    const dialog = page.getByRole('dialog', { name: 'Autorización de gerente' });
    await dialog.getByTestId('approver').fill(manager.name);
    await dialog.getByTestId('approver-password').fill(manager.password);
    times.push(await inPage<number>(page, `
      const t0 = performance.now();
      deep('[data-testid="approve"]').click();
      return (await until(() => deepAll('dialog[open]').length === 0)) - t0;`));
    await page.getByRole('button', { name: 'Cancelar venta' }).click();
  }
  return times;
}

/** Raw WebCrypto: import + PBKDF2-SHA-256 deriveBits at 600,000 iterations, N times, in the page. */
async function rawPbkdf2(page: Page, n: number): Promise<number[]> {
  return inPage<number[]>(page, `
    const times = [];
    for (let i = 0; i < ${n}; i++) {
      const t0 = performance.now();
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('password-' + i), 'PBKDF2', false, ['deriveBits']);
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 600000 }, key, 256);
      times.push(performance.now() - t0);
    }
    return times;`);
}

async function until(cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function distIsStale(): boolean {
  const built = statSync(path.join(POS_DIST, 'index.html')).mtimeMs;
  const src = path.dirname(POS_DIST);
  const walk = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p !== POS_DIST && e.name !== 'node_modules' && walk(p);
    return /\.(ts|html|js)$/.test(e.name) && statSync(p).mtimeMs > built;
  });
  return walk(src);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(path.join(POS_DIST, 'index.html'))) throw new Error('the POS is not built: npm run build:pos');
  const stale = distIsStale();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-pos-bench-'));
  let central: Central | undefined;
  let chrome: ChromiumSession | undefined;
  try {
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent' }), createLogger('silent'));
    const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    const cashier = accounts.find((a) => a.name === 'cashier-s1')!;

    // Grow the catalog to ~20,000 SKUs, as the admin (DATA_DIR/admin-password, through central's nano).
    const catalog = central.state.couch.nano.use('catalog');
    const existing = (await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0' })).rows.length;
    const { docs, models } = benchProducts(existing, `${new Date().toISOString()}-0000-central`, 'central');
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 2000) {
      const res = await catalog.bulk({ docs: docs.slice(i, i + 2000) });
      const bad = res.find((r) => 'error' in r && r.error);
      if (bad) throw new Error(`catalog write refused: ${JSON.stringify(bad)}`);
    }
    const total = existing + docs.length;
    const lastSku = (docs.at(-1) as { sku: string } | undefined)?.sku ?? SKU;
    process.stdout.write(`Pronto Sync POS benchmark — Chromium headless, loopback, embedded server, ${total} SKUs in the catalog `
      + `(${existing} demo + ${docs.length} written in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    if (stale) process.stdout.write('warning: store-client/pos has sources newer than dist/ — run `npm run build:pos` to measure the current POS\n');

    chrome = await launchChromium({ onPageError: (err) => process.stderr.write(`page error: ${err.message}\n`) });
    const { context, page } = chrome;

    await page.goto(`${central.url}/pos/`);
    // The baseline for the first pull: raw PouchDB replicating the same catalog in the same page,
    // logged in with CouchDB's /_session as the till is. Twice: the first read of 20,000
    // documents from a cold embedded server takes about twice as long as any later one, so the
    // first run only warms it and the till is compared with the second.
    // Served same-origin (the POS's CSP allows only 'self' scripts), by the browser context itself.
    const rawPouch = await rawPouchBundle();
    await context.route('**/pos/bench-raw-pouch.js', (route) => route.fulfill({ contentType: 'text/javascript', body: rawPouch }));
    await page.addScriptTag({ url: `${central.url}/pos/bench-raw-pouch.js` });
    await page.evaluate(`fetch('/db/_session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(${JSON.stringify({ name: cashier.name, password: cashier.password })}) }).then((r) => r.status)`);
    const rawCold = await rawCatalogPull(page);
    const rawPull = await rawCatalogPull(page);
    await page.getByLabel('Usuario').fill(cashier.name);
    await page.getByLabel('Contraseña').fill(cashier.password);
    const manager = accounts.find((a) => a.name === 'manager-s1')!;
    const tLogin = Date.now();
    await page.getByRole('button', { name: 'Entrar' }).click();
    // A cashier's first login: a manager of the store authorizes the till.
    await page.getByTestId('enrol-manager').fill(manager.name);
    await page.getByTestId('enrol-password').fill(manager.password);
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('code').waitFor(WAIT);
    await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 120_000 });
    // Online after a first login means every one-shot phase is done, the catalog pull included.
    const pulledMs = Date.now() - tLogin;
    const sw = await page.evaluate(`Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('timeout'), 15000))])`);
    if (sw !== 'ready') throw new Error('the service worker did not become active');
    // The catalog has arrived when the last bench SKU scans.
    await until(async () => {
      await page.getByTestId('code').fill(lastSku);
      await page.getByTestId('code').press('Enter');
      const ok = await page.getByTestId('stock').count() > 0;
      if (ok) await page.getByRole('button', { name: 'Cancelar venta' }).click();
      return ok;
    }, 180_000);
    const catalogMs = Date.now() - tLogin;

    // Once online, so the till keeps the manager's approval key for the offline approvals (4).
    const online = await timedApprovals(page, manager, 1);

    // 1. Offline sale commit.
    await context.setOffline(true);
    await page.getByTestId('sync-state').filter({ hasText: 'Sin conexión' }).waitFor(WAIT);
    for (let i = 0; i < 3; i++) await timedSale(page); // warm-up, not counted
    const ui: number[] = [];
    const app: number[] = [];
    for (let i = 0; i < SALES; i++) {
      const t = await timedSale(page);
      ui.push(t.ui);
      app.push(t.app);
    }
    const raw = await rawIdbPuts(page, SALES);
    const pouch = await rawPouchPuts(page, SALES);

    // 2. Catalog search (or exact-SKU lookup) on ~20,000 SKUs, still offline.
    const names = Array.from({ length: SEARCHES }, (_, i) => (i % 2 === 0 && models > 0
      ? `Modelo Banco ${String(1 + ((i * 37) % models)).padStart(3, '0')}` : ['Oxford', 'Bota Vaquera', 'Tenis', 'Mocasín', 'Sandalia'][i % 5]!));
    const skus = Array.from({ length: SEARCHES }, (_, i) => (docs[(i * 997) % Math.max(1, docs.length)] as { sku: string } | undefined)?.sku ?? SKU);
    const search = await searchBench(page, names, skus);
    const allNames = [...(await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true })).rows]
      .map((r) => (r.doc as unknown as { name: string }).name);
    const scan = await rawScan(page, allNames, search.kind.startsWith('name') ? names : skus);

    // 4. Manager approval offline, against raw PBKDF2 of the same cost.
    const approvals = await timedApprovals(page, manager, APPROVALS);
    const pbkdf2 = await rawPbkdf2(page, APPROVALS);

    // 3. Cold start offline: reload → sell screen with the status bar.
    const cold: number[] = [];
    const marks = { ready: [] as number[], indexed: [] as number[] };
    for (let i = 0; i < COLD; i++) {
      const s = Date.now();
      await page.reload();
      await page.getByTestId('code').waitFor(WAIT);
      await page.getByTestId('sync-state').waitFor(WAIT);
      cold.push(Date.now() - s);
      // The till's own marks, from navigation start: sell screen up, every product scannable.
      await page.waitForFunction(() => performance.getEntriesByName('pos-indexed').length > 0, undefined, WAIT);
      const [ready, indexed] = await page.evaluate(`['pos-ready', 'pos-indexed'].map((n) => performance.getEntriesByName(n)[0].startTime)`) as [number, number];
      marks.ready.push(ready);
      marks.indexed.push(indexed);
    }
    const pending = await page.getByTestId('pending').textContent();

    const rows: [string, string, string, string][] = [
      ['offline sale commit, click → receipt (UI)', ms(pct(ui, 50)), ms(pct(ui, 99)), `${(pct(ui, 50) / pct(pouch, 50)).toFixed(1)}× raw PouchDB put p50, ${(pct(ui, 50) / pct(raw, 50)).toFixed(1)}× raw IndexedDB`],
      ["offline sale commit, app's pos-sale-commit", ms(pct(app, 50)), ms(pct(app, 99)), `${(pct(app, 50) / pct(pouch, 50)).toFixed(1)}× raw PouchDB put p50, ${(pct(app, 50) / pct(raw, 50)).toFixed(1)}× raw IndexedDB`],
      ['raw PouchDB (idb) put of a sale-sized doc', ms(pct(pouch, 50)), ms(pct(pouch, 99)), '1.0×'],
      ['raw IndexedDB put of a sale-sized doc', ms(pct(raw, 50)), ms(pct(raw, 99)), `${(pct(raw, 50) / pct(pouch, 50)).toFixed(2)}× raw PouchDB put`],
      [`catalog ${search.kind.startsWith('name') ? 'name search' : 'exact-SKU lookup'}, ${total} SKUs`, ms(pct(search.times, 50)), ms(pct(search.times, 99)), `${(pct(search.times, 50) / pct(scan, 50)).toFixed(1)}× naive scan p50`],
      [`naive in-page scan of ${allNames.length} names (baseline)`, ms(pct(scan, 50)), ms(pct(scan, 99)), '1.0×'],
      [`cold start offline (reload → sell screen)`, ms(pct(cold, 50)), ms(pct(cold, 99)), '—'],
      ['  in the page: navigation → till ready (pos-ready)', ms(pct(marks.ready, 50)), ms(pct(marks.ready, 99)), '—'],
      [`  in the page: navigation → ${total} SKUs scannable (pos-indexed)`, ms(pct(marks.indexed, 50)), ms(pct(marks.indexed, 99)), '—'],
      ['manager approval offline, click → dialog closed', ms(pct(approvals, 50)), ms(pct(approvals, 99)), `${(pct(approvals, 50) / pct(pbkdf2, 50)).toFixed(2)}× raw PBKDF2 p50 (online, once: ${ms(online[0]!)})`],
      ['raw WebCrypto PBKDF2-SHA-256, 600,000 iterations', ms(pct(pbkdf2, 50)), ms(pct(pbkdf2, 99)), '1.0×'],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write([
      '',
      `${'measure'.padEnd(w)}  ${'p50'.padStart(10)}  ${'p99/max'.padStart(10)}  vs raw`,
      ...rows.map((r) => `${r[0].padEnd(w)}  ${r[1].padStart(10)}  ${r[2].padStart(10)}  ${r[3]}`),
      '',
      `samples: ${SALES} sales (+3 warm-up) and ${SALES} raw PouchDB / ${SALES} raw IndexedDB puts in the same page; ${search.times.length} lookups; ${COLD} reloads and ${APPROVALS} approvals (p99 of so few is the max)`,
      `search path measured: ${search.kind}; timed to the DOM holding the results (Lit render done, before paint)`,
      'cold start has no raw baseline here: it is timed outside the page (reload → sell screen and status bar visible), one playwright round trip included',
      `first login → catalog pulled (${total} SKUs, online): ${(pulledMs / 1000).toFixed(1)} s (${Math.round(total / (pulledMs / 1000))} docs/s; login, enrolment and every phase included), ${(pulledMs / rawPull.ms).toFixed(2)}× raw PouchDB's pull of it in the page (${rawPull.docs} docs in ${(rawPull.ms / 1000).toFixed(1)} s; ${(rawCold.ms / 1000).toFixed(1)} s from the cold server); → last SKU scannable: ${(catalogMs / 1000).toFixed(1)} s; pending after the reloads: ${pending}`,
    ].join('\n') + '\n');
  } finally {
    await chrome?.close();
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`bench failed: ${(err as Error).stack}\n`); process.exit(1); });
