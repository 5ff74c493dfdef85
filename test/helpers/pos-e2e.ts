// What the POS browser tests share: a real central (embedded server, demo chain, free loopback
// ports) and Debian's Chromium driven by playwright-core, the demo accounts, a logged-in till,
// central's view of store s1 (sales, stock), and screenshots under test-output/pos/. Every page
// runs under central's Content-Security-Policy: a violation the browser reports fails the suite
// when the rig stops.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Central } from '../../central/server.js';
import { POS_DIST } from '../../central/http/spa-static.js';
import { launchChromium } from './chromium.js';
import { startDemoCentral, type DemoAccount } from './demo-central.js';

export const OUT = path.resolve('test-output/pos');
export const WAIT = { timeout: 30_000 };

export interface PosRig {
  central: Central;
  browser: Browser;
  context: BrowserContext;
  /** The till's page; a test that closes it puts the new one here. */
  page: Page;
  account(name: string): DemoAccount;
  /** GET on central's CouchDB API as `who` (default cashier-s1), expecting 200. */
  couch<T>(p: string, who?: string): Promise<T>;
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPosRig(): Promise<PosRig> {
  if (!existsSync(path.join(POS_DIST, 'index.html'))) throw new Error('the POS is not built: npm run build:pos');
  await mkdir(OUT, { recursive: true });
  const demo = await startDemoCentral();
  const { central, account } = demo;
  const chrome = await launchChromium().catch(async (err: unknown) => {
    await demo.stop();
    throw err;
  });
  const { browser, context, page, cspViolations } = chrome;
  const rig: PosRig = {
    central, browser, context, page, account,
    async couch<T>(p: string, who = 'cashier-s1') {
      const a = account(who);
      const res = await fetch(`${central.url}/db/${p}`, { headers: { Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64') } });
      if (res.status !== 200) throw new Error(`GET /db/${p} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async shot(name) {
      await rig.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    },
    async stop() {
      await chrome.close();
      await demo.stop();
      if (cspViolations.length > 0) throw new Error(`the POS broke central's Content-Security-Policy:\n${cspViolations.join('\n')}`);
    },
  };
  return rig;
}

/**
 * Opens /pos/ and logs `who` in; a cashier's first login on this browser is authorized by
 * `manager` (central enrolls a till only for a manager of its store). Resolves once the till is
 * online with the catalog pulled.
 */
export async function logIn(rig: PosRig, who: string, manager = 'manager-s1'): Promise<void> {
  const { page } = rig;
  const a = rig.account(who);
  await page.goto(`${rig.central.url}/pos/`);
  await page.getByLabel('Usuario').fill(a.name);
  await page.getByLabel('Contraseña').fill(a.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('code').or(page.getByTestId('enrol-manager')).waitFor(WAIT);
  if (await page.getByTestId('enrol-manager').isVisible()) await authorizeTill(rig, manager);
  await page.getByTestId('code').waitFor(WAIT);
  await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
}

/** Fills the manager authorization step of a first login as `manager` and submits it. */
export async function authorizeTill(rig: PosRig, manager: string, password = rig.account(manager).password): Promise<void> {
  await rig.page.getByTestId('enrol-manager').fill(manager);
  await rig.page.getByTestId('enrol-password').fill(password);
  await rig.page.getByTestId('enrol-submit').click();
}

/** Scans `sku` into the cart (type + Enter, as a scanner does). */
export async function scan(page: Page, sku: string): Promise<void> {
  await page.getByTestId('code').fill(sku);
  await page.getByTestId('code').press('Enter');
  await page.locator(`[data-testid="cart-line"][data-sku="${sku}"]`).waitFor(WAIT);
}

/**
 * Scans `sku` until the till knows it: for a product central wrote a moment ago, which reaches the
 * till by live replication and then its catalog index's feed. A scan is one look-up (a cashier
 * told «No se encontró» scans again), so one scan right after central's write races both hops.
 */
export async function scanWhenArrived(page: Page, sku: string, attempts = 30): Promise<void> {
  const line = page.locator(`[data-testid="cart-line"][data-sku="${sku}"]`);
  const notFound = page.getByTestId('notice').filter({ hasText: `«${sku}»` });
  for (let i = 0; i < attempts; i++) {
    // The last scan may have found it after the notice of the one before was looked at.
    if (await line.isVisible()) return;
    await page.getByTestId('code').fill(sku);
    await page.getByTestId('code').press('Enter');
    await line.or(notFound).first().waitFor(WAIT);
    if (await line.isVisible()) return;
    // Not yet replicated: the next scan after a moment, not a busy loop.
    await page.waitForTimeout(500);
  }
  throw new Error(`${sku} was still not found after ${attempts} scans`);
}

/** Pays the cart in cash and waits for the sale to be written locally. */
export async function payCash(page: Page, pesos = '5000'): Promise<void> {
  const before = await commits(page);
  await page.getByTestId('received').fill(pesos);
  await page.getByTestId('pay').click();
  await page.waitForFunction((n) => performance.getEntriesByName('pos-sale-commit').length > n, before, WAIT);
}

export function commits(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('pos-sale-commit').length);
}

/** The element that has the keyboard, through open shadow roots: its data-testid. */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('data-testid') ?? null;
  });
}

export interface CentralSale { id: string; doc: { device: string; approvedBy?: string; customer?: string; lines: { qty: number; discount: number; sku: string }[]; payments: { method: string; amount: number }[]; change: number; total: number } }

/** Store s1's sales at central written by this browser's device. */
export async function centralSales(rig: PosRig, device: string): Promise<CentralSale[]> {
  const q = `_all_docs?include_docs=true&startkey=${encodeURIComponent('"sale:s1:"')}&endkey=${encodeURIComponent('"sale:s1:\ufff0"')}`;
  const r = await rig.couch<{ rows: CentralSale[] }>(`store-s1/${q}`);
  return r.rows.filter((row) => row.doc.device === device);
}

export async function centralStock(rig: PosRig, sku: string): Promise<number> {
  const key = encodeURIComponent(JSON.stringify(['s1', sku]));
  const r = await rig.couch<{ rows: { value: number }[] }>(`store-s1/_design/pronto/_view/stock?key=${key}&group=true`);
  return r.rows[0]?.value ?? 0;
}

export async function deviceOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('pronto.pos.identity') ?? '{}').device as string);
}

/**
 * Waits until `atCentral` holds, then until the till's pending count reads 0. Right after a write
 * online, waiting for 0 alone proves nothing: the count read 0 before the write too, and goes on
 * reading 0 until the till's local changes feed has counted it (a few ms after the receipt shows).
 */
export async function untilUploaded(page: Page, atCentral: () => Promise<boolean>, ms = 60_000): Promise<void> {
  if (!(await eventually(atCentral, ms))) throw new Error(`still not at central after ${ms / 1000} s`);
  await page.getByTestId('pending').filter({ hasText: /^0$/ }).waitFor({ timeout: ms });
}

/** Whether central has document `id` of store s1, read as cashier-s1. */
export function inStore(rig: PosRig, id: string): () => Promise<boolean> {
  return () => rig.couch(`store-s1/${encodeURIComponent(id)}`).then(() => true, () => false);
}

/** Polls `cond` every 200 ms for at most `ms`; returns whether it came true. */
export async function eventually(cond: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return cond();
}
