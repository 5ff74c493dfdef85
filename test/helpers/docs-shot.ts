// Screenshots for the user guides (docs/*.md), taken by the browser tests at the moments the
// guides describe. Off unless DOCS_SCREENSHOTS=1: an ordinary test run never writes into the
// repository. When on, the page is shot at 1024×700 (small PNGs, a till's screen) into docs/img/
// and then given back its own viewport, so the test goes on exactly as without it.
// Regenerate: npm run build:pos && npm run build:admin, then run the e2e files that call it with
// DOCS_SCREENSHOTS=1 (docs/README.md lists them).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const DOCS_IMG = path.resolve('docs/img');
export const DOCS_VIEWPORT = { width: 1024, height: 700 } as const;

/** True when the guides' screenshots are asked for (DOCS_SCREENSHOTS=1). */
export function docsShotsWanted(env: Record<string, string | undefined> = process.env): boolean {
  return env.DOCS_SCREENSHOTS === '1';
}

/** Saves `page` as docs/img/<name>.png at 1024×700 when DOCS_SCREENSHOTS=1; does nothing otherwise. */
export async function docsShot(page: Page, name: string): Promise<void> {
  if (!docsShotsWanted()) return;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`docs screenshot names are kebab-case: "${name}"`);
  const own = page.viewportSize();
  await mkdir(DOCS_IMG, { recursive: true });
  await page.setViewportSize(DOCS_VIEWPORT);
  try {
    // Two frames, so the layout has followed the new width before the shot.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(DOCS_IMG, `${name}.png`), animations: 'disabled', caret: 'hide' });
  } finally {
    if (own !== null) await page.setViewportSize(own);
  }
}
