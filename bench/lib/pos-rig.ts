// What the browser scenarios that drive the real POS share: a central in this process (its own
// data folder, free loopback ports; the demo chain's store s1 on the embedded server, a store of
// the run's own on `COUCHDB_URL`) with a cashier and a manager of that store, a catalog grown
// to a size with bench shoes, and a till's first login (log in, a manager enrols the till, online,
// until the catalog's last SKU scans). The pos scenario takes its central from `sharedPosCentral`,
// one for the whole run, so any other browser scenario can share it: starting it with the demo
// chain and growing its catalog costs 5–10 s, a third of a --quick pos scenario.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral, type Central } from '../../central/server.js';
import { POS_DIST } from '../../central/http/spa-static.js';
import { CHROMIUM } from '../../test/helpers/chromium.js';
import { benchProducts } from './shoe-catalog.js';
import { until, WAIT, type DemoAccount } from './pos-page.js';
import { benchCouchUrl, startTarget } from './target.js';
import { benchSecretsEnv } from './bench-secrets.js';

export interface PosCentral {
  central: Central;
  cashier: DemoAccount;
  manager: DemoAccount;
  /** Where central's CouchDB is: its embedded server, or `COUCHDB_URL` ("CouchDB 3.5.2 at http://…"). */
  target: string;
  /** Documents written into central's shared catalog, deleted by `stop()` on CouchDB. */
  forget(db: string, ids: readonly string[]): void;
  stop(): Promise<void>;
}

/** Throws, naming the fix, when Chromium or the built POS is missing. */
export function requirePosBuild(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(path.join(POS_DIST, 'index.html'))) throw new Error('the POS is not built: npm run build:pos');
}

/** A central in a temp folder with a cashier and a manager of one store: on the embedded server
 *  the demo chain's s1; on `COUCHDB_URL` (no demo there) a store of this run's own (bench/lib/target.ts),
 *  removed with its accounts, and the catalog documents `forget` names, by `stop()`. */
export async function startPosCentral(folderPrefix: string): Promise<PosCentral> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), folderPrefix));
  const server = benchCouchUrl() ? await startTarget() : undefined;
  let central: Central | undefined;
  // The run's store and accounts go even when central fails to stop.
  const stop = async () => {
    try {
      await central?.stop();
    } finally {
      try {
        await server?.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  };
  try {
    const env = { DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ADMIN_PASSWORD: randomBytes(12).toString('hex') };
    if (server) {
      const store = await server.createStore('pos');
      const staff = async (kind: 'cashier' | 'manager'): Promise<DemoAccount> => {
        const a = await server.addAccount(store.id, kind);
        return { name: a.username, password: a.password, store: store.id };
      };
      const [cashier, manager] = [await staff('cashier'), await staff('manager')];
      central = await startCentral(loadConfig({ ...env, COUCHDB_URL: server.couchdbUrl, DEMO: 'off', ...benchSecretsEnv() }), createLogger('silent'));
      const target = `CouchDB ${central.state.couch.info.version} at ${server.url}`;
      return { central, cashier, manager, target, forget: (db, ids) => server.forget(db, ids), stop };
    }
    central = await startCentral(loadConfig(env), createLogger('silent'));
    const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    const cashier = accounts.find((a) => a.name === 'cashier-s1');
    const manager = accounts.find((a) => a.name === 'manager-s1');
    if (!cashier || !manager) throw new Error('the demo chain has no cashier-s1 / manager-s1');
    return { central, cashier, manager, target: 'the embedded server', forget: () => undefined, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** SKUs in the POS scenarios' catalog: the issue's 20,000; 3,000 with --quick (writing 20,000
 *  products through the catalog's validate_doc_update and pulling them takes minutes). */
export const posCatalogSkus = (quick: boolean): number => (quick ? 3_000 : 20_000);

export type GrownCatalog = Awaited<ReturnType<typeof growCatalog>>;

let shared: { quick: boolean; ready: Promise<{ rig: PosCentral; catalog: GrownCatalog }> } | undefined;

/** The run's POS central, its catalog grown to `posCatalogSkus(quick)`: started by the first
 *  scenario that asks, kept until `stopSharedPosCentral()` (bench/run.ts, after the last scenario).
 *  Scenarios using it add tills and sales to store s1 and never stop it themselves. */
export function sharedPosCentral(quick: boolean): Promise<{ rig: PosCentral; catalog: GrownCatalog }> {
  if (shared && shared.quick !== quick) throw new Error('the shared POS central was started for the other catalog size');
  if (!shared) {
    const ready = (async () => {
      const rig = await startPosCentral('pronto-pos-bench-');
      try {
        return { rig, catalog: await growCatalog(rig, posCatalogSkus(quick)) };
      } catch (err) {
        await rig.stop();
        throw err;
      }
    })();
    shared = { quick, ready };
    // A failed start is not kept: the next scenario that asks tries again.
    ready.then(() => undefined, () => { if (shared?.ready === ready) shared = undefined; });
  }
  return shared.ready;
}

/** Stops the shared POS central, if a scenario started it. */
export async function stopSharedPosCentral(): Promise<void> {
  const was = shared;
  shared = undefined;
  if (!was) return;
  const started = await was.ready.then((r) => r, () => undefined);
  await started?.rig.stop();
}

/** Adds bench shoes to central's catalog until it holds about `target` SKUs; every product name and the last SKU added. */
export async function growCatalog(rig: Pick<PosCentral, 'central' | 'forget'>, target: number) {
  const catalog = rig.central.state.couch.nano.use('catalog');
  const existing = (await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0' })).rows.length;
  const { docs, models } = benchProducts(existing, target, `${new Date().toISOString()}-0000-central`, 'central');
  rig.forget('catalog', docs.map((d) => d._id));
  for (let i = 0; i < docs.length; i += 2000) {
    const res = await catalog.bulk({ docs: docs.slice(i, i + 2000) });
    const bad = res.find((r) => 'error' in r && r.error);
    if (bad) throw new Error(`catalog write refused: ${JSON.stringify(bad)}`);
  }
  const names = (await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0', include_docs: true })).rows.map((r) => (r.doc as unknown as { name: string }).name);
  return { total: existing + docs.length, docs, models, names, lastSku: docs.at(-1)?.sku };
}

/** A till's first login on the POS page already open: the cashier logs in, the manager enrols
 *  the till; ms from the click on "Entrar" to the status bar saying online. */
export async function logInAndEnrol(page: Page, cashier: DemoAccount, manager: DemoAccount, onlineTimeoutMs: number): Promise<number> {
  await page.getByLabel('Usuario').fill(cashier.name);
  await page.getByLabel('Contraseña').fill(cashier.password);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('enrol-manager').fill(manager.name);
  await page.getByTestId('enrol-password').fill(manager.password);
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('code').waitFor(WAIT);
  await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: onlineTimeoutMs });
  return Date.now() - t0;
}

/** Until typing `sku` at the till shows its product line (the catalog is in and indexed); the sale is then cancelled. */
export async function untilSkuScans(page: Page, sku: string, timeoutMs: number): Promise<void> {
  await until(async () => {
    await page.getByTestId('code').fill(sku);
    await page.getByTestId('code').press('Enter');
    const ok = await page.getByTestId('stock').count() > 0;
    if (ok) await page.getByRole('button', { name: 'Cancelar venta' }).click();
    return ok;
  }, timeoutMs);
}
