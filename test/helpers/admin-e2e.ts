// What the admin console's browser tests share: a real central (embedded server, demo chain, free
// loopback ports), Debian's Chromium driven by playwright-core, an admin API client (Basic), axe,
// and screenshots under test-output/admin/. Every page runs under central's Content-Security-Policy:
// a violation the browser reports fails the suite when the rig stops.
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN_DIST } from '../../central/http/spa-static.js';
import type { Central } from '../../central/server.js';
import { launchChromium } from './chromium.js';
import { basic, startDemoCentral, type DemoAccount } from './demo-central.js';

export const OUT = path.resolve('test-output/admin');
export const WAIT = { timeout: 30_000 };

export interface AdminRig {
  central: Central;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  account(name: string): DemoAccount;
  /** A JSON call on central's /api as `who` (Basic credentials, no cookie: no CSRF needed). */
  api(method: string, p: string, body?: unknown, who?: string): Promise<{ status: number; body: any }>;
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** `env`: central's settings over the defaults (the admin bench passes COUCHDB_URL and DEMO). */
export async function startAdminRig(env: Record<string, string> = {}): Promise<AdminRig> {
  if (!existsSync(path.join(ADMIN_DIST, 'index.html'))) throw new Error('the admin console is not built: npm run build:admin');
  await mkdir(OUT, { recursive: true });
  const demo = await startDemoCentral(env);
  const { central, account } = demo;
  const chrome = await launchChromium().catch(async (err: unknown) => {
    await demo.stop();
    throw err;
  });
  const { browser, context, page, cspViolations } = chrome;
  const rig: AdminRig = {
    central, browser, context, page, account,
    async api(method, p, body, who = 'chain-admin') {
      const a = account(who);
      const res = await fetch(`${central.url}/api${p}`, {
        method,
        headers: { ...basic(a.name, a.password), 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => ({})) };
    },
    async shot(name) {
      await rig.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    },
    async stop() {
      await chrome.close();
      await demo.stop();
      if (cspViolations.length > 0) throw new Error(`the console broke central's Content-Security-Policy:\n${cspViolations.join('\n')}`);
    },
  };
  return rig;
}

/** Opens /admin/ and logs `who` in through the console's form; resolves once the header shows them. */
export async function logInToConsole(rig: AdminRig, who = 'chain-admin'): Promise<void> {
  const a = rig.account(who);
  await rig.page.goto(`${rig.central.url}/admin/`);
  await rig.page.getByLabel('Usuario').fill(a.name);
  await rig.page.getByLabel('Contraseña').fill(a.password);
  await rig.page.getByRole('button', { name: 'Entrar' }).click();
  await rig.page.getByTestId('user').filter({ hasText: a.name }).waitFor(WAIT);
}

/**
 * Waits until the input `field` shows `value`. A link's new address is in `location.hash` at once,
 * but the page reads it at the `hashchange` event, a task that may run after the test's next step:
 * a field filled before that event is overwritten by the filters it brings.
 */
export async function waitForValue(field: Locator, value: string): Promise<void> {
  const input = await field.elementHandle(WAIT);
  await field.page().waitForFunction(([el, v]) => (el as HTMLInputElement).value === v, [input, value] as const, WAIT);
}

/** axe's serious and critical WCAG 2 A/AA violations on the page, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
