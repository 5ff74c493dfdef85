// The first-start figure in Chromium through the real POS (part of first-start.ts, not a scenario
// of its own): a fresh browser context per start, the cashier logs in, a manager authorizes the
// till, until the status bar says online (every one-shot phase done, snapshots loaded). Baseline:
// raw PouchDB (pouchdb-core + idb + http + replication, bench/lib/vite-bundle.ts, nothing of the POS) pulling
// the store's database, catalog and customers with default options in a fresh context of the same origin,
// logged in with the same /_session cookie. Skipped (with a progress line) when Chromium or the
// built POS is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { POS_DIST } from '../../central/http/spa-static.js';
import { CHROMIUM, launchChromium } from '../../test/helpers/chromium.js';
import type { BenchContext, Result } from '../lib/scenario.js';
import { rawPouchScript } from '../lib/vite-bundle.js';

interface Account { name: string; password: string }
const ONLINE_TIMEOUT_MS = 300_000;
const fmt = (ms: number | string | undefined) => (Number(ms) / 1000).toFixed(2);

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

/** Login click → online, ms. */
async function posFirstStart(browser: Browser, url: string, cashier: Account, manager: Account, progress: (line: string) => void): Promise<number> {
  const page = await freshPage(browser);
  try {
    await page.goto(`${url}/pos/`);
    await page.getByLabel('Usuario').fill(cashier.name);
    await page.getByLabel('Contraseña').fill(cashier.password);
    const t0 = Date.now();
    const clickAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByTestId('enrol-manager').fill(manager.name);
    await page.getByTestId('enrol-password').fill(manager.password);
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: ONLINE_TIMEOUT_MS });
    const ms = Date.now() - t0;
    // Where each snapshot load spent its time (store-client/snapshot/load-snapshot.ts marks).
    const loads = await page.evaluate(() => performance.getEntriesByName('pronto:snapshot').map((e) => (e as PerformanceMark).detail as Record<string, number | string>));
    const at = (t: number | string | undefined) => fmt(Number(t) - clickAt);
    progress(loads.map((l) => `${l.db}: ${l.docs} docs in ${l.pages} pages, ${at(l.startedAt)}-${at(Number(l.startedAt) + Number(l.totalMs))} s after the click (waiting ${fmt(l.waitMs)}, writing ${fmt(l.writeMs)})`).join('; ') || 'no snapshot loaded');
    return ms;
  } finally {
    await page.context().close();
  }
}

/** Raw PouchDB pulls of the three databases, one after another, in a fresh page; ms. */
async function rawFirstStart(browser: Browser, url: string, bundle: string, cashier: Account, store: string): Promise<number> {
  const page = await freshPage(browser);
  try {
    await page.context().route('**/pos/bench-raw-pouch.js', (route) => route.fulfill({ contentType: 'text/javascript', body: bundle }));
    await page.goto(`${url}/pos/`);
    await page.addScriptTag({ url: `${url}/pos/bench-raw-pouch.js` });
    return await page.evaluate(async ({ who, storeDb }: { who: Account; storeDb: string }) => {
      const login = await fetch('/db/_session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: who.name, password: who.password }) });
      if (!login.ok) throw new Error(`raw login: ${login.status}`);
      const Raw = (globalThis as unknown as { RawPouch: new (name: string, opts: object) => { replicate: { from(r: unknown): Promise<unknown> }; destroy(): Promise<unknown> } }).RawPouch;
      const t0 = performance.now();
      const tag = Date.now();
      const dbs = [];
      for (const name of [storeDb, 'catalog', 'customers']) {
        const db = new Raw(`bench-raw-${name}-${tag}`, { adapter: 'idb' });
        await db.replicate.from(new Raw(`${location.origin}/db/${name}`, { adapter: 'http', skip_setup: true }));
        dbs.push(db);
      }
      const ms = performance.now() - t0;
      for (const db of dbs) await db.destroy();
      return ms;
    }, { who: cashier, storeDb: `store-${store}` });
  } finally {
    await page.context().close();
  }
}

export async function chromiumFirstStart(ctx: BenchContext, url: string, skus: number, store: string, cashier: Account, manager: Account): Promise<Result | undefined> {
  if (!existsSync(CHROMIUM) || !existsSync(path.join(POS_DIST, 'index.html'))) {
    ctx.progress('first start in Chromium: skipped (no Chromium, or the POS is not built: npm run build:pos)');
    return undefined;
  }
  const bundle = await rawPouchScript();
  const chrome = await launchChromium({ onPageError: (err) => ctx.progress(`page error: ${err.message}`) });
  const out = { ours: [] as number[], baseline: [] as number[] };
  try {
    // --quick: no warm-up (the Node figures before it have warmed the server and its snapshot
    // cache; a start here costs 7 s), and the side that goes first alternates round by round.
    for (let i = ctx.quick ? 1 : 0; i <= ctx.repeats; i++) {
      const pos = () => posFirstStart(chrome.browser, url, cashier, manager, (line) => ctx.progress(`  POS snapshot loads: ${line}`));
      const raw = () => rawFirstStart(chrome.browser, url, bundle, cashier, store);
      let o: number;
      let r: number;
      if (i % 2 === 0) {
        o = await pos();
        r = await raw();
      } else {
        r = await raw();
        o = await pos();
      }
      ctx.progress(`first start in Chromium ${i === 0 ? 'warm-up' : `${i}/${ctx.repeats}`}: POS ${(o / 1000).toFixed(2)} s, raw ${(r / 1000).toFixed(2)} s`);
      if (i > 0) { out.ours.push(o / 1000); out.baseline.push(r / 1000); }
    }
  } finally {
    await chrome.close();
  }
  return {
    scenario: `first start of a till, Chromium: the POS's first login to online, ${skus}-SKU catalog + store + customers (snapshot)`,
    unit: 's', better: 'lower', ...out,
    baselineName: 'raw PouchDB (idb) replicate.from in the page, default options, store + catalog + customers one after another',
    note: `ours includes the login and the manager's enrolment of the till; snapshots from central's cache${ctx.quick ? ' (no warm-up of its own with --quick: the Node starts before it filled the cache)' : ' after the warm-up'}`,
  };
}
