// The web POS in real Chromium against a real central (embedded server, demo chain, free
// ports): first login enrolls the browser, sales online reach central, sales offline wait in
// IndexedDB, a reload offline opens the POS from the service worker, and back online every
// sale reaches central exactly once with the stock view right. Screenshots go to test-output/.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral, type Central } from '../../central/server.js';
import { POS_DIST } from '../../central/http/pos-static.js';

interface DemoAccount { name: string; password: string; store: string | null }

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve('test-output/pos');
const SKU = 'PS-M01-NEG-25.5';
const WAIT = { timeout: 30_000 };

describe('POS (Chromium)', function () {
  let dataDir: string;
  let central: Central;
  let cashier: DemoAccount;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let device: string;
  let stockBefore: number;
  const commitMs: number[] = [];

  const basic = () => ({ Authorization: 'Basic ' + Buffer.from(`${cashier.name}:${cashier.password}`).toString('base64') });
  const db = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${central.url}/db/store-s1/${p}`, { headers: basic() });
    expect(res.status, p).to.equal(200);
    return (await res.json()) as T;
  };
  const centralSales = async () => {
    const r = await db<{ rows: { id: string; doc: { device: string; lines: { qty: number }[] } }[] }>(
      `_all_docs?include_docs=true&startkey=${encodeURIComponent('"sale:s1:"')}&endkey=${encodeURIComponent('"sale:s1:\ufff0"')}`);
    return r.rows.filter((row) => row.doc.device === device);
  };
  const centralStock = async () => {
    const key = encodeURIComponent(JSON.stringify(['s1', SKU]));
    const r = await db<{ rows: { value: number }[] }>(`_design/pronto/_view/stock?key=${key}&group=true`);
    return r.rows[0]?.value ?? 0;
  };
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  const pending = () => page.getByTestId('pending');

  async function sellOne(): Promise<void> {
    const before = await page.evaluate(() => performance.getEntriesByName('pos-sale-commit').length);
    await page.getByTestId('code').fill(SKU);
    await page.getByTestId('code').press('Enter');
    await page.getByTestId('received').fill('3000');
    await page.getByTestId('pay').click();
    await page.waitForFunction((n) => performance.getEntriesByName('pos-sale-commit').length > n, before, WAIT);
  }

  async function collectCommitTimes(): Promise<void> {
    commitMs.push(...(await page.evaluate(() => performance.getEntriesByName('pos-sale-commit').map((e) => e.duration))));
  }

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    if (!existsSync(path.join(POS_DIST, 'index.html'))) throw new Error('the POS is not built: npm run build:pos');
    await mkdir(OUT, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-pos-e2e-'));
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent' }), createLogger('silent'));
    const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    cashier = accounts.find((a) => a.name === 'cashier-s1')!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => console.log(`      page error: ${err.message}`));
  });

  after(async function () {
    if (commitMs.length > 0) {
      const sorted = [...commitMs].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
      console.log(`      sale commit in the browser (${sorted.length} sales): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
    }
    await browser?.close();
    await central?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs in a cashier, enrolls the browser and pulls the catalog', async function () {
    await page.goto(`${central.url}/pos/`);
    await page.getByLabel('Usuario').fill(cashier.name);
    await shot('01-login');
    await page.getByLabel('Contraseña').fill(cashier.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByTestId('code').waitFor(WAIT);
    device = await page.evaluate(() => JSON.parse(localStorage.getItem('pronto.pos.identity') ?? '{}').device as string);
    expect(device).to.match(/^s1\.pos-[0-9a-f]{8}$/);
    const enrolled = await central.state.couch.nano.use('catalog').get(`device:s1:${device}`);
    expect(enrolled).to.have.property('type', 'device');
    await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
    const sw = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then(() => 'ready'),
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
    ]));
    expect(sw, 'the service worker is active (needed for the offline reload)').to.equal('ready');
    stockBefore = await centralStock();
  });

  it('sells 3 pairs online and central has them', async function () {
    for (let i = 0; i < 3; i++) await sellOne();
    await shot('02-sold-online');
    const started = Date.now();
    while ((await centralSales()).length < 3 && Date.now() - started < 20_000) await sleep(200);
    expect(await centralSales()).to.have.length(3);
    await pending().filter({ hasText: /^0$/ }).waitFor(WAIT);
  });

  it('sells 20 pairs offline, all pending', async function () {
    await context.setOffline(true);
    await page.getByTestId('sync-state').filter({ hasText: 'Sin conexión' }).waitFor(WAIT);
    for (let i = 0; i < 20; i++) await sellOne();
    await collectCommitTimes();
    expect(await pending().textContent()).to.equal('20');
    await page.getByTestId('code').fill(SKU);
    await page.getByTestId('code').press('Enter');
    await page.getByTestId('stock').filter({ hasText: /^-?\d+$/ }).waitFor(WAIT);
    await shot('03-offline-20-pending');
    await page.getByRole('button', { name: 'Cancelar venta' }).click();
  });

  it('reloads offline from the service worker with the 20 sales still pending', async function () {
    const started = Date.now();
    await page.reload();
    await page.getByTestId('code').waitFor(WAIT);
    await page.getByTestId('pending').filter({ hasText: /^20$/ }).waitFor(WAIT);
    console.log(`      cold start offline (reload to sell screen with pending count): ${Date.now() - started} ms`);
    await shot('04-offline-reloaded');
  });

  it('goes online: pending reaches 0, 23 sales at central exactly once, stock down by 23', async function () {
    await context.setOffline(false);
    const started = Date.now();
    await page.getByTestId('pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    console.log(`      pending 20 -> 0 after going online: ${Date.now() - started} ms`);
    await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor(WAIT);
    await shot('05-back-online');
    const sales = await centralSales();
    expect(sales).to.have.length(23);
    expect(new Set(sales.map((s) => s.id)).size).to.equal(23);
    expect(sales.reduce((n, s) => n + s.doc.lines.reduce((q, l) => q + l.qty, 0), 0)).to.equal(23);
    expect(await centralStock()).to.equal(stockBefore - 23);
  });

  it('finds «oxford» by name, shows the size grid with this store\'s stock, and a click or Enter on a size adds it', async function () {
    await page.getByTestId('code').fill('oxford');
    await page.getByTestId('model').filter({ hasText: 'Oxford Clásico · Negro' }).click();
    const grid = page.getByTestId('size-grid');
    await grid.waitFor(WAIT);
    expect(await grid.getByTestId('size').count()).to.equal(17);
    const sold = grid.locator(`[data-sku="${SKU}"] [data-testid="size-stock"]`);
    await sold.filter({ hasText: /^-?\d+$/ }).waitFor(WAIT);
    expect(Number(await sold.textContent())).to.equal(await centralStock());
    await grid.locator('[data-sku="PS-M01-NEG-26"]').click();
    await page.locator('td small', { hasText: 'PS-M01-NEG-26' }).waitFor(WAIT);
    await shot('06-size-grid');
    // Keyboard only: arrows pick «Oxford Clásico Negro» (after «Oxford Brogue Negro»), Enter
    // opens its grid with the first size in stock focused, Enter adds that size.
    await page.getByTestId('code').fill('oxford negro');
    await page.getByTestId('code').press('ArrowDown');
    await page.getByTestId('code').press('ArrowDown');
    await page.getByTestId('code').press('Enter');
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('data-sku') === 'PS-M01-NEG-22';
    }, undefined, WAIT);
    await page.keyboard.press('Enter');
    await page.locator('td small', { hasText: 'PS-M01-NEG-22' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Cancelar venta' }).click();
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
