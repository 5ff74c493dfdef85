// Debian's Chromium driven by playwright-core, as every browser test and bench launches it:
// headless, one 1280×800 es-MX context, one page with a 30 s default timeout and page errors
// logged. Every page runs under central's Content-Security-Policy; the browser reports a
// violation on the console, which `cspViolations` collects so a rig can fail on it when it stops.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface ChromiumSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the browser reported so far, as its console lines. */
  cspViolations: string[];
  /** Closes the browser; a failure to close is reported on stderr, not thrown (the work is done). */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Where page errors go; default: a console line indented for mocha's output. */
  onPageError?: (err: Error) => void;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  const cspViolations = watchCsp(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', options.onPageError ?? ((err) => console.log(`      page error: ${err.message}`)));
  return {
    browser, context, page, cspViolations,
    async close() {
      await browser.close().catch((err: Error) => console.warn(`      Chromium did not close cleanly: ${err.message}`));
    },
  };
}

/** Collects the Content-Security-Policy violations the browser reports on any page of `context`. */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}
