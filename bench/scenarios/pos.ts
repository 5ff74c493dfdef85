// The web POS in real Chromium against a real central (free loopback ports; the embedded server
// and the demo chain's s1, or with COUCHDB_URL central on that CouchDB with a store of the run's
// own: bench/lib/pos-rig.ts; the raw pull reads the same server through central's /db),
// with the catalog grown to ~20,000 SKUs (3,000 with --quick). Figures, each beside a raw
// baseline in the same page:
//   sale commit offline, click on "Cobrar" → receipt (p50, p99) vs a raw PouchDB idb put;
//   catalog search (model name → result list, or exact-SKU lookup) vs a naive scan of the names;
//   cold start offline, reload → sell screen (no baseline); manager approval offline vs raw
//   PBKDF2 of the same cost; first login → catalog pulled vs raw PouchDB's pull of it (in a page
//   of its own); the tab's JS heap then vs that raw page's, holding its pulled catalog.
// Ours and the baseline alternate in rounds (`ctx.repeats` of them, after a warm-up).
import type { Page } from 'playwright-core';
import { POS_DIST } from '../../central/http/spa-static.js';
import { launchChromium, type ChromiumSession } from '../../test/helpers/chromium.js';
import { logInAndEnrol, requirePosBuild, sharedPosCentral, untilSkuScans, type GrownCatalog } from '../lib/pos-rig.js';
import { rawPouchScript } from '../lib/vite-bundle.js';
import {
  distIsStale, inPage, loadScanNames, pageHeap, rawCatalogPull, rawIdbPuts, rawPbkdf2, rawPouchPuts, rawScan, searchBench,
  SALE_STEPS, SKU, timedApprovals, timedSale, WAIT, type DemoAccount, type Heap,
} from '../lib/pos-page.js';
import { median } from '../lib/stats.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';

/** Per round: sales (and raw puts), searches (and scans), approvals (and PBKDF2s), cold starts. */
const PER_ROUND = { sales: 10, searches: 4, approvals: 1, cold: 1 };

type Catalog = GrownCatalog;
type Samples = Record<'ui' | 'app' | 'pouch' | 'idb' | 'search' | 'scan' | 'approve' | 'pbkdf2', number[]>;

/** Raw PouchDB in a page of its own (a second browser context: its own IndexedDB and renderer),
 *  same origin as the POS, logged in with CouchDB's /_session as the till is, pulls the catalog
 *  and keeps it open; then that page's JS heap (the baseline of the POS tab's heap). A first pull
 *  from a cold server only warms it (--quick skips it); the till is compared with the next. */
async function rawPull(chrome: ChromiumSession, centralUrl: string, cashier: DemoAccount, warm: boolean) {
  const rawPouch = await rawPouchScript();
  const context = await chrome.browser.newContext({ locale: 'es-MX' });
  try {
    await context.route('**/bench-raw/raw.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>raw</title><script src="raw-pouch.js"></script>' }));
    await context.route('**/bench-raw/raw-pouch.js', (route) => route.fulfill({ contentType: 'text/javascript', body: rawPouch }));
    const page = await context.newPage();
    await page.goto(`${centralUrl}/bench-raw/raw.html`);
    const status = await page.evaluate(`fetch('/db/_session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(${JSON.stringify({ name: cashier.name, password: cashier.password })}) }).then((r) => r.status)`) as number;
    if (status !== 200) throw new Error(`raw page: logging in as ${cashier.name} answered ${status}`);
    if (warm) await rawCatalogPull(page);
    const pull = await rawCatalogPull(page, { keep: true });
    return { ...pull, heap: await pageHeap(page) };
  } finally {
    await context.close();
  }
}

/** Raw PouchDB in the POS page too, for the raw puts beside its sales (the POS's CSP allows only
 *  'self' scripts: served same-origin). Added after the page's heap is measured. */
async function addRawPouch(chrome: ChromiumSession, centralUrl: string): Promise<void> {
  const rawPouch = await rawPouchScript();
  await chrome.context.route('**/pos/bench-raw-pouch.js', (route) => route.fulfill({ contentType: 'text/javascript', body: rawPouch }));
  await chrome.page.addScriptTag({ url: `${centralUrl}/pos/bench-raw-pouch.js` });
}

/** A cashier's first login, a manager authorizing the till; ms from the click to online (every
 *  one-shot phase done, the catalog pull included). Waits until the catalog's last SKU scans. */
async function firstLogin(page: Page, cashier: DemoAccount, manager: DemoAccount, lastSku: string): Promise<number> {
  const pulledMs = await logInAndEnrol(page, cashier, manager, 120_000);
  const sw = await page.evaluate(`Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('timeout'), 15000))])`);
  if (sw !== 'ready') throw new Error('the service worker did not become active');
  await untilSkuScans(page, lastSku, 180_000);
  return pulledMs;
}

/** Offline rounds (round 0 the warm-up): sales then raw puts, searches then scans, approvals then PBKDF2s. */
async function offlineRounds(page: Page, manager: DemoAccount, catalog: Catalog, ctx: BenchContext): Promise<{ s: Samples; steps: Record<string, number[]>; searchKind: string }> {
  const names = Array.from({ length: PER_ROUND.searches * (ctx.repeats + 1) }, (_, i) => (i % 2 === 0 && catalog.models > 0
    ? `Modelo Banco ${String(1 + ((i * 37) % catalog.models)).padStart(3, '0')}` : ['Oxford', 'Bota Vaquera', 'Tenis', 'Mocasín', 'Sandalia'][i % 5]!));
  const skus = names.map((_, i) => catalog.docs[(i * 997) % Math.max(1, catalog.docs.length)]?.sku ?? SKU);
  const s: Samples = { ui: [], app: [], pouch: [], idb: [], search: [], scan: [], approve: [], pbkdf2: [] };
  const steps: Record<string, number[]> = {};
  let searchKind = '';
  for (let round = 0; round <= ctx.repeats; round++) {
    const slice = <T>(xs: T[]) => xs.slice(round * PER_ROUND.searches, (round + 1) * PER_ROUND.searches);
    const got: Samples = { ui: [], app: [], pouch: [], idb: [], search: [], scan: [], approve: [], pbkdf2: [] };
    for (let i = 0; i < PER_ROUND.sales; i++) {
      const t = await timedSale(page);
      got.ui.push(t.ui);
      got.app.push(t.app);
      if (round > 0) for (const [k, v] of Object.entries(t.steps)) (steps[k] ??= []).push(v);
    }
    got.pouch = await rawPouchPuts(page, PER_ROUND.sales);
    got.idb = await rawIdbPuts(page, PER_ROUND.sales);
    const search = await searchBench(page, slice(names), slice(skus));
    searchKind = search.kind;
    got.search = search.times;
    got.scan = await rawScan(page, search.kind.startsWith('name') ? slice(names) : slice(skus));
    got.approve = await timedApprovals(page, manager, PER_ROUND.approvals);
    got.pbkdf2 = await rawPbkdf2(page, PER_ROUND.approvals);
    if (round > 0) for (const k of Object.keys(s) as Array<keyof Samples>) s[k].push(...got[k]);
    ctx.progress(`round ${round === 0 ? 'warm-up' : `${round}/${ctx.repeats}`}: sale p50 ${median(got.ui).toFixed(1)} ms, search p50 ${median(got.search).toFixed(1)} ms`);
  }
  return { s, steps, searchKind };
}

/** Cold starts offline: reload → sell screen with the status bar (timed outside the page), after one warm-up reload. */
async function coldStarts(page: Page, n: number): Promise<Measured['cold']> {
  const cold = { reload: [] as number[], ready: [] as number[], indexed: [] as number[] };
  for (let i = 0; i <= n; i++) {
    const t0 = Date.now();
    await page.reload();
    await page.getByTestId('code').waitFor(WAIT);
    await page.getByTestId('sync-state').waitFor(WAIT);
    const ms = Date.now() - t0;
    // The till's own marks, from navigation start: sell screen up, every product scannable.
    await page.waitForFunction(() => performance.getEntriesByName('pos-indexed').length > 0, undefined, WAIT);
    const [ready, indexed] = await inPage<[number, number]>(page, `return ['pos-ready', 'pos-indexed'].map((n) => performance.getEntriesByName(n)[0].startTime);`);
    if (i === 0) continue;
    cold.reload.push(ms); cold.ready.push(ready); cold.indexed.push(indexed);
  }
  return cold;
}

async function scenarioRun(ctx: BenchContext): Promise<Result[]> {
  requirePosBuild();
  const stale = distIsStale(POS_DIST);
  const { rig, catalog } = await sharedPosCentral(ctx.quick);
  const { central, cashier, manager } = rig;
  let chrome: ChromiumSession | undefined;
  try {
    ctx.progress(`catalog grown to ${catalog.total} SKUs on ${rig.target}; starting Chromium`);
    chrome = await launchChromium({ onPageError: (err) => ctx.progress(`page error: ${err.message}`) });
    const { context, page } = chrome;
    await page.goto(`${central.url}/pos/`);
    const raw = await rawPull(chrome, central.url, cashier, !ctx.quick);
    ctx.progress(`raw PouchDB pulled ${raw.docs} docs in ${(raw.ms / 1000).toFixed(1)} s, JS heap ${raw.heap.usedMb.toFixed(1)} MB; first login of the till`);
    const pulledMs = await firstLogin(page, cashier, manager, catalog.lastSku ?? SKU);
    const heap = await pageHeap(page);
    ctx.progress(`till online after ${(pulledMs / 1000).toFixed(1)} s, JS heap ${heap.usedMb.toFixed(1)} MB; measuring offline`);

    await addRawPouch(chrome, central.url);
    // Once online, so the till keeps the manager's approval key for the offline approvals.
    await timedApprovals(page, manager, 1);
    await context.setOffline(true);
    await page.getByTestId('sync-state').filter({ hasText: 'Sin conexión' }).waitFor(WAIT);
    await loadScanNames(page, catalog.names);
    const { s, steps, searchKind } = await offlineRounds(page, manager, catalog, ctx);
    const cold = await coldStarts(page, ctx.repeats * PER_ROUND.cold);
    const pending = await page.getByTestId('pending').textContent();
    return results({ s, steps, cold, searchKind, total: catalog.total, scanned: catalog.names.length, pulledMs, rawPull: raw, heap, stale, pending, target: rig.target });
  } finally {
    await chrome?.close();
  }
}

interface Measured {
  s: Samples;
  steps: Record<string, number[]>;
  cold: { reload: number[]; ready: number[]; indexed: number[] };
  searchKind: string;
  total: number;
  scanned: number;
  pulledMs: number;
  rawPull: { docs: number; ms: number; heap: Heap };
  /** The POS tab's heap once online with every SKU scannable. */
  heap: Heap;
  stale: boolean;
  pending: string | null;
  /** Where central's CouchDB was (PosCentral.target). */
  target: string;
}

/** Where a sale's time goes: each step's p50 / max, and what the click → receipt adds after the write. */
function stepNote(s: Samples, steps: Record<string, number[]>): string {
  const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
  const after = s.ui.map((ui, i) => ui - (s.app[i] ?? 0));
  const rows: Array<[string, number[]]> = [...SALE_STEPS.map((k): [string, number[]] => [k, steps[k] ?? []]), ['after the write', after]];
  return `steps p50/max ms: ${rows.map(([k, xs]) => `${k} ${median(xs).toFixed(1)}/${max(xs).toFixed(1)}`).join(', ')}`;
}

function results(m: Measured): Result[] {
  const { s } = m;
  const staleNote = m.stale ? '; WARNING: store-client/pos has sources newer than dist/ (npm run build:pos)' : '';
  const pouchPut = 'raw PouchDB (idb adapter) put of a sale-sized document, same page';
  const idbNote = `raw IndexedDB put p50 ${median(s.idb).toFixed(2)} ms${staleNote}`;
  const searchName = m.searchKind.startsWith('name') ? 'name search' : 'exact-SKU lookup';
  const search = `POS ${searchName}, ${m.total.toLocaleString('en-US')} SKUs`;
  const scan = `naive in-page scan of ${m.scanned.toLocaleString('en-US')} names, same queries`;
  return [
    { scenario: 'POS sale commit offline, click → receipt', unit: 'ms', better: 'lower', ours: s.ui, baseline: s.pouch, baselineName: pouchPut, note: idbNote },
    { scenario: 'POS sale commit offline, click → receipt', stat: 'p99', unit: 'ms', better: 'lower', ours: s.ui, baseline: s.pouch, baselineName: pouchPut, note: 'target < 15 ms' },
    { scenario: "POS sale commit, the app's pos-sale-commit mark", stat: 'p99', unit: 'ms', better: 'lower', ours: s.app, baseline: s.pouch, baselineName: pouchPut, note: stepNote(s, m.steps) },
    { scenario: search, unit: 'ms', better: 'lower', ours: s.search, baseline: s.scan, baselineName: scan, note: `${m.searchKind}; timed to the DOM holding the results` },
    { scenario: search, stat: 'p99', unit: 'ms', better: 'lower', ours: s.search, baseline: s.scan, baselineName: scan, note: 'target < 30 ms' },
    {
      scenario: 'POS cold start offline, reload → sell screen', unit: 'ms', better: 'lower', ours: m.cold.reload, baseline: [], baselineName: 'none (timed outside the page, one playwright round trip included)',
      note: `target < 1 s; in the page: till ready p50 ${median(m.cold.ready).toFixed(0)} ms, every SKU scannable p50 ${median(m.cold.indexed).toFixed(0)} ms; pending after the reloads: ${m.pending ?? '?'}`,
    },
    { scenario: 'POS manager approval offline, click → dialog closed', unit: 'ms', better: 'lower', ours: s.approve, baseline: s.pbkdf2, baselineName: 'raw WebCrypto PBKDF2-SHA-256, 600,000 iterations, same page' },
    {
      scenario: `POS first login → catalog pulled, ${m.total.toLocaleString('en-US')} SKUs`, unit: 's', better: 'lower', ours: [m.pulledMs / 1000], baseline: [m.rawPull.ms / 1000],
      baselineName: `raw PouchDB replicate.from in a page of its own, same origin, default options (${m.rawPull.docs} docs)`, note: `one sample each; login, enrolment and every phase included in ours; central on ${m.target}`,
    },
    {
      scenario: `POS tab JS heap after GC, logged in, ${m.total.toLocaleString('en-US')} SKUs pulled`, unit: 'MB', better: 'lower', ours: [m.heap.usedMb], baseline: [m.rawPull.heap.usedMb],
      baselineName: 'the raw page above, holding its PouchDB (idb) with the catalog replicated, same Chromium',
      note: `one sample each, taken when the till is online with every SKU scannable; CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage; Performance.getMetrics JSHeapUsedSize ${m.heap.metricMb.toFixed(1)} vs ${m.rawPull.heap.metricMb.toFixed(1)} MB raw${staleNote}`,
    },
  ];
}

export const pos: Scenario = { name: 'pos', run: scenarioRun };
