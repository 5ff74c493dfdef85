// The console's statistics page in Chromium against a real central (demo chain): with sales rung
// up yesterday by an enrolled till of s2 and two conflicts settled by the resolver today, the page
// draws its four charts (a canvas each) and their tables show the expected numbers; changing the
// range or the store fetches the statistics again. It passes axe and runs under central's CSP (the chart
// library's stylesheet is a file, nothing is injected); a screenshot lands in test-output/admin/.
import { expect } from 'chai';
import { buildSale } from '../../store-client/index.js';
import { generateDeviceKey, signDoc } from '../../store-client/crypto/index.js';
import type { Product } from '../../validators/index.js';
import { makeConflict } from '../helpers/conflicts.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';
import { waitFor } from '../helpers/wait-for.js';

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);

describe('admin console statistics (Chromium)', function () {
  let rig: AdminRig;
  let price = 0;

  before(async function () {
    rig = await startAdminRig();
    const nano = rig.central.state.couch.nano;
    const key = await generateDeviceKey();
    expect((await rig.api('POST', '/devices', { store: 's2', device: 's2.pos1', publicJwk: key.publicJwk }, 'manager-s2')).status).to.equal(201);
    const product = (await nano.use('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1, include_docs: true })).rows[0]!.doc as unknown as Product;
    price = product.price;
    const sale = (hhmm: string, n: number, qty: number) => buildSale({ lines: [{ sku: product.sku, qty, unitPrice: price }], payments: [{ method: 'card', amount: qty * price }] },
      { store: 's2', device: 's2.pos1', cashier: 'cashier-s2', businessDay: yesterday, stamp: `${yesterday}T${hhmm}:00.000Z-000${n}-s2.pos1` });
    const sales = await Promise.all([sale('10:15', 0, 1), sale('10:45', 1, 2)].map((s) => signDoc(s, key)));
    await nano.use('store-s2').bulk({ docs: sales as never[] });

    const { _rev, ...body } = product as Product & { _rev: string };
    await makeConflict(nano, 'catalog', product._id, [{ ...body, notes: 'a' }, { ...body, notes: 'b' }]);
    const status = { _id: 'store-status:s2:s2.pos9', type: 'store-status', updatedAt: `${today}T00:00:00.000Z-0000-s2.pos9`, updatedBy: 's2.pos9', store: 's2', device: 's2.pos9', state: 'online', pending: 0 };
    await nano.use('store-s2').insert(status as never);
    await makeConflict(nano, 'store-s2', status._id, [{ ...status, pending: 1 }, { ...status, pending: 2 }]);
    // The feed has checked the sales (not quarantined) and the resolver settled both conflicts.
    await waitFor(async () => {
      const s = (await rig.api('GET', `/stats?from=${yesterday}&to=${today}`)).body as { sales: { count: number[] }; hours: string[]; conflicts: Array<{ counts: number[] }> };
      const at = s.hours.indexOf(`${yesterday}T10`);
      return s.sales.count[at] === 2 && s.conflicts.reduce((n, c) => n + c.counts[1]!, 0) >= 2;
    }, { timeoutMs: 30_000, what: 'the sales counted and the conflicts settled' });
  });

  after(async function () {
    await rig?.stop();
  });

  it('draws four charts with tables of the numbers, and fetches again when the range changes', async function () {
    const { page } = rig;
    await logInToConsole(rig);
    await page.goto(`${rig.central.url}/admin/#/stats`);
    await page.getByTestId('scope').filter({ hasText: 'Toda la cadena' }).waitFor(WAIT);
    for (const id of ['synced', 'sales', 'conflicts', 'lag']) await page.locator(`[data-testid="${id}"] stats-chart canvas`).waitFor(WAIT);

    const refetched = page.waitForResponse((r) => r.url().includes(`/api/stats?from=${yesterday}&to=${today}`) && r.status() === 200);
    await page.getByLabel('Desde').fill(yesterday);
    await page.getByLabel('Hasta').fill(today);
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await refetched;
    await page.getByTestId('scope').filter({ hasText: `${yesterday} – ${today}` }).waitFor(WAIT);
    for (const id of ['synced', 'sales', 'conflicts', 'lag']) await page.locator(`[data-testid="${id}"] stats-chart canvas`).waitFor(WAIT);

    // The text alternative's rows, cell by cell (the charts' legends are tables too: not these).
    const rows = async (id: string) => {
      const out: string[][] = [];
      for (const row of await page.locator(`[data-testid="${id}"] details tbody tr`).all()) out.push((await row.locator('th, td').allTextContents()).map((c) => c.trim()));
      return out;
    };
    const money = (centavos: number) => (centavos / 100).toLocaleString('es-MX', { style: 'currency', currency: 'MXN' });
    expect((await rows('sales')).filter((r) => r[0]!.startsWith(yesterday))).to.deep.equal([[`${yesterday} 10:00`, '2', money(3 * price), money(0), money(3 * price)]]);
    expect((await rows('conflicts')).map((r) => r.join(' '))).to.include.members([`${today} field-merge · keep-winner 1`, `${today} lww · keep-winner 1`]);
    expect((await rows('lag')).map((r) => r[0])).to.deep.equal(['s1', 's2', 's3']);
    expect(await page.getByTestId('synced').getByTestId('summary').textContent()).to.match(/^[\d,]+ cambios recibidos en el periodo\.$/);

    await page.locator('[data-testid="sales"] details summary').click();
    await rig.shot('stats');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    // One store: the same sales (s2's), its lag alone.
    const oneStore = page.waitForResponse((r) => r.url().includes('store=s2') && r.status() === 200);
    await page.getByRole('combobox', { name: /^Tienda/ }).selectOption('s2');
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await oneStore;
    await page.getByTestId('scope').filter({ hasText: 'Tienda s2' }).waitFor(WAIT);
    expect((await rows('lag')).map((r) => r[0])).to.deep.equal(['s2']);
    expect((await rows('sales')).filter((r) => r[0]!.startsWith(yesterday))).to.deep.equal([[`${yesterday} 10:00`, '2', money(3 * price), money(0), money(3 * price)]]);
    expect((await rows('conflicts')).map((r) => r.join(' '))).to.deep.equal([`${today} lww · keep-winner 1`]);
  });
});
