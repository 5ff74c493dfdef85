// The POS benchmark's actions in a real Chromium page (bench/scenarios/pos.ts): timed inside the
// page (performance.now() around a DOM action, the DOM polled over a MessageChannel, so the
// playwright round trip is not counted), and the raw baselines run in the same page — IndexedDB
// puts, raw PouchDB puts and pulls, a naive name scan, WebCrypto PBKDF2.
// Longer than most files: one in-page helper per figure, each a few lines of page source.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const SKU = 'PS-M01-NEG-25.5';
export const WAIT = { timeout: 30_000 };

export interface DemoAccount { name: string; password: string; store: string | null }

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

export async function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => { ${HELPERS} ${body} })()`) as Promise<T>;
}

/** Cart holds one pair of SKU, cash received typed; returns ms from the click on Cobrar to the new folio. */
export async function timedSale(page: Page): Promise<{ ui: number; app: number; steps: Record<string, number> }> {
  const before = await page.evaluate(`performance.getEntriesByName('pos-sale-commit').length`) as number;
  await page.getByTestId('code').fill(SKU);
  await page.getByTestId('code').press('Enter');
  await page.getByTestId('received').fill('3000');
  await page.locator('[data-testid="pay"]:not([disabled])').waitFor(WAIT);
  // The folio is looked up under the sell screen's own shadow root on every poll, not by a walk of
  // the whole page: that walk cost 5-20 ms of the page's main thread per poll, during the sale.
  const ui = await inPage<number>(page, `
    const sell = deep('pos-sell')?.shadowRoot;
    const folio = () => sell?.querySelector('pos-receipt')?.shadowRoot?.querySelector('[data-testid="folio"]')?.textContent ?? '';
    const prev = folio();
    const pay = deep('[data-testid="pay"]');
    const t0 = performance.now();
    pay.click();
    const t1 = await until(() => folio() !== '' && folio() !== prev);
    return t1 - t0;`);
  // A function, not a string: playwright evals a string predicate in the page, which the POS's CSP refuses.
  await page.waitForFunction((n) => performance.getEntriesByName('pos-sale-commit').length > n, before, WAIT);
  const app = await page.evaluate(`performance.getEntriesByName('pos-sale-commit').at(-1).duration`) as number;
  const steps = await page.evaluate(`Object.fromEntries(${JSON.stringify(SALE_STEPS)}
    .map((s) => [s, performance.getEntriesByName('pos-sale:' + s).at(-1)?.duration ?? NaN]))`) as Record<string, number>;
  return { ui, app, steps };
}

/** The steps of a sale's write the till marks (`pos-sale:<step>`, services/till.ts sell). */
export const SALE_STEPS = ['queue', 'stamp', 'seal', 'validate', 'put'] as const;

/** Raw IndexedDB: one put + transaction complete per document, N documents shaped like a sale. */
export async function rawIdbPuts(page: Page, n: number): Promise<number[]> {
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

/** Raw PouchDB (idb adapter) put of the same sale-shaped document, N times, in the page (RawPouch loaded). */
export async function rawPouchPuts(page: Page, n: number): Promise<number[]> {
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

/** Raw PouchDB pull of the whole catalog into a new idb database, default options, in the page; docs and ms. */
export async function rawCatalogPull(page: Page, opts: { keep?: boolean } = {}): Promise<{ docs: number; ms: number }> {
  return inPage<{ docs: number; ms: number }>(page, `
    const db = new RawPouch('bench-raw-catalog-' + Date.now(), { adapter: 'idb' });
    const remote = new RawPouch(location.origin + '/db/catalog', { adapter: 'http', skip_setup: true });
    const t0 = performance.now();
    const info = await db.replicate.from(remote);
    const ms = performance.now() - t0;
    if (${opts.keep === true}) globalThis.__benchDb = db;
    else await db.destroy();
    return { docs: info.docs_written, ms };`);
}

export interface Heap { usedMb: number; metricMb: number }

/** JS heap of the page after two forced collections, MB (CDP Runtime.getHeapUsage; Performance.getMetrics' JSHeapUsedSize too). */
export async function pageHeap(page: Page): Promise<Heap> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    if (metric === undefined) throw new Error('Performance.getMetrics gave no JSHeapUsedSize');
    return { usedMb: usedSize / 1048576, metricMb: metric / 1048576 };
  } finally {
    await cdp.detach();
  }
}

/** The names the naive scan searches, kept in the page once (20,000 names are too many to send per call). */
export async function loadScanNames(page: Page, names: readonly string[]): Promise<void> {
  await page.evaluate(`globalThis.__benchNames = ${JSON.stringify(names)}.map((n) => n.toLowerCase()); 0`);
}

/** Baseline for the search: a naive in-page scan of every SKU's name (lower-cased includes), per query. */
export async function rawScan(page: Page, queries: readonly string[]): Promise<number[]> {
  return inPage<number[]>(page, `
    const names = globalThis.__benchNames;
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
export async function searchBench(page: Page, queries: string[], skus: string[]): Promise<{ kind: string; times: number[] }> {
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
export async function timedApprovals(page: Page, manager: DemoAccount, n: number): Promise<number[]> {
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
export async function rawPbkdf2(page: Page, n: number): Promise<number[]> {
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

export async function until(cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether the POS sources are newer than its build (the figures would not be the current POS's). */
export function distIsStale(posDist: string): boolean {
  const built = statSync(path.join(posDist, 'index.html')).mtimeMs;
  const src = path.dirname(posDist);
  const walk = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p !== posDist && e.name !== 'node_modules' && walk(p);
    return /\.(ts|html|js)$/.test(e.name) && statSync(p).mtimeMs > built;
  });
  return walk(src);
}

