// The console's page loads and interactions in Chromium, timed inside the page: a load from the
// navigation's start (performance.now() of the new document) to the DOM showing what the admin
// came for; an interaction from the click to the DOM showing its effect. The DOM is polled every
// few ms through open shadow roots, so the playwright round trip is not counted. A step the
// built console cannot do yet (no next-page control, no filter) is probed once and reported n/a.
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
  const queueText = () => deepAll('conflict-queue').map((q) => (q.shadowRoot ?? q).textContent).join(' ');
  const signature = () => rows().map((r) => r.dataset.doc).join('|');
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

/** Whether `cond` comes to hold within `timeoutMs`, without failing. */
export function eventually(page: Page, cond: string, timeoutMs: number): Promise<boolean> {
  return inPage<boolean>(page, `try { await until(() => ${cond}, ${timeoutMs}); return true; } catch { return false; }`);
}

export const panelShows = (stores: number) => `deepAll('store-tile').length >= ${stores}`;

/** The queue shows rows and, when it shows totals at all, this one (es-MX "10,000" or plain). */
export const queueShows = (total: number | null) => total === null
  ? 'rows().length > 0'
  : `rows().length > 0 && [${JSON.stringify(total.toLocaleString('es-MX'))}, ${JSON.stringify(String(total))}].some((t) => queueText().includes(t))`;

/** The first next-page control the queue offers (a test id, else a button or link by its words). */
export const NEXT_CONTROL = `(deepAll('[data-testid="next-page"], [data-testid="next"], [data-testid="more"]')[0]
  ?? deepAll('conflict-queue').flatMap((q) => [...(q.shadowRoot ?? q).querySelectorAll('button, a')])
    .find((b) => /siguiente|next|más antiguos|cargar más|ver más/i.test(b.textContent + ' ' + (b.getAttribute('aria-label') ?? ''))))`;
export const nextShown = `rows().length > 0 && signature() !== before`;

/**
 * Applies a type filter the way the built console offers one: its own control (test id
 * filter-type, or a select with that option), else the page's address (#/conflicts?type=…).
 */
export const applyTypeFilter = (type: string) => `
  const control = deepAll('[data-testid="filter-type"]')[0] ?? deepAll('conflict-queue select').find((s) => [...s.options].some((o) => o.value === ${JSON.stringify(type)}));
  if (control) { control.value = ${JSON.stringify(type)}; control.dispatchEvent(new Event('input', { bubbles: true, composed: true })); control.dispatchEvent(new Event('change', { bubbles: true, composed: true })); }
  else location.hash = '#/conflicts?type=${type}';`;
export const filterShown = (type: string) => `rows().length > 0 && signature() !== before && rows().every((r) => r.dataset.doc.startsWith(${JSON.stringify(`${type}:`)}))`;

/** The document ids on the queue's page, in order. */
export const queueDocs = (page: Page): Promise<string[]> => inPage<string[]>(page, 'return rows().map((r) => r.dataset.doc);');

export const OPEN_FIRST = `window.__benchDoc = rows()[0].dataset.doc; rows()[0].querySelector('a').click();`;
export const detailShown = 'picks().length >= 2';
export const PICK_FIRST = 'picks()[0].click();';
/** The picked document is gone: the queue is back without it, or the detail shows it settled. */
export const pickSettled = `picks().length === 0 && ((rows().length > 0 && !rows().some((r) => r.dataset.doc === window.__benchDoc)) || deepAll('[data-testid="leaves"]').length > 0)`;

export const auditShown = `deepAll('[data-testid="audit-row"]').length > 0`;

/** Whether the page-side expression is truthy now. */
export const holds = (page: Page, expr: string): Promise<boolean> => inPage<boolean>(page, `return Boolean(${expr});`);
