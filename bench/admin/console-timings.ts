// The console's page loads and interactions in Chromium, timed inside the page: a load from the
// navigation's start (performance.now() of the new document) to the DOM showing what the admin
// came for; an interaction from the click to the DOM showing its effect. The DOM is polled every
// few ms through open shadow roots, so the playwright round trip is not counted. The controls are
// the console's own (data-testid): page-next, filter-type + filter-apply, conflicts-total.
import type { Page } from 'playwright-core';

// In-page helpers, as source text (functions compiled by tsx would carry helpers the page lacks).
const HELPERS = `
  const deepAll = (sel, root = document) => {
    const out = [...root.querySelectorAll(sel)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(sel, el.shadowRoot));
    return out;
  };
  const rows = () => deepAll('[data-testid="conflict-row"]');
  const picks = () => deepAll('[data-testid="pick"]');
  const signature = () => rows().map((r) => r.dataset.doc).join('|');
  // The last number of the queue's "from–to of total" line, group separators dropped.
  const shownTotal = () => {
    const text = deepAll('[data-testid="conflicts-total"]')[0]?.textContent ?? '';
    const last = text.match(/\\d[\\d.,\\s\\u00a0\\u202f]*/g)?.pop();
    return last === undefined ? null : Number(last.replace(/\\D/g, ''));
  };
  const until = (cond, timeoutMs = 30000) => new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const tick = () => {
      const now = performance.now();
      let ok = false;
      try { ok = cond(); } catch (err) { reject(err); return; }
      if (ok) resolve(now);
      else if (now > deadline) reject(new Error('timed out in page'));
      else setTimeout(tick, 0);
    };
    tick();
  });
`;

const inPage = <T>(page: Page, body: string): Promise<T> => page.evaluate(`(async () => { ${HELPERS} ${body} })()`) as Promise<T>;

/** A fresh document at `url`: ms from its navigation start to `cond` (page-side source) holding. */
export async function timedLoad(page: Page, url: string, cond: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  return inPage<number>(page, `return await until(() => ${cond});`);
}

/** Runs `act` (page-side source) and returns ms to `cond` holding; `timeoutMs` bounds a probe. */
export function timedAction(page: Page, act: string, cond: string, timeoutMs = 30_000): Promise<number> {
  return inPage<number>(page, `
    const before = signature();
    const t0 = performance.now();
    ${act}
    return (await until(() => ${cond}, ${timeoutMs})) - t0;`);
}

export const panelShows = (stores: number) => `deepAll('store-tile').length >= ${stores}`;

/** The queue shows its rows and the filter's total (conflicts-total: "1–50 de 10,000"). */
export const queueShows = 'rows().length > 0 && shownTotal() !== null';

/** The total the queue shows now (null while it shows none). */
export const shownTotal = (page: Page): Promise<number | null> => inPage<number | null>(page, 'return shownTotal();');

/** The queue's next-page button. */
export const NEXT_PAGE = `deepAll('[data-testid="page-next"]')[0].click();`;
export const nextShown = `rows().length > 0 && signature() !== before`;

/** Filters by type through the queue's filter form: the type chosen, then "apply" (the form puts it in the address). */
export const applyTypeFilter = (type: string) => `
  const select = deepAll('[data-testid="filter-type"]')[0];
  select.value = ${JSON.stringify(type)};
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  deepAll('[data-testid="filter-apply"]')[0].click();`;
export const filterShown = (type: string) => `rows().length > 0 && signature() !== before && rows().every((r) => r.dataset.doc.startsWith(${JSON.stringify(`${type}:`)}))`;

/** The document ids on the queue's page, in order. */
export const queueDocs = (page: Page): Promise<string[]> => inPage<string[]>(page, 'return rows().map((r) => r.dataset.doc);');

export const OPEN_FIRST = `window.__benchDoc = rows()[0].dataset.doc; rows()[0].querySelector('a').click();`;
export const detailShown = 'picks().length >= 2';
export const PICK_FIRST = 'picks()[0].click();';
/** The picked document is gone: the queue is back without it, or the detail shows it settled. */
export const pickSettled = `picks().length === 0 && ((rows().length > 0 && !rows().some((r) => r.dataset.doc === window.__benchDoc)) || deepAll('[data-testid="leaves"]').length > 0)`;

export const auditShown = `deepAll('[data-testid="audit-row"]').length > 0`;

