// The panel's alerts and the audit browser in Chromium against a real central (demo chain): real
// causes reach central (a forged sale, a tampered one, an upload CouchDB refuses, a conflict under
// a `manual` policy, a sale below zero stock); the alerts show, the quarantine one live without a
// reload, and each link lands on the page that handles it with its filter in the address. The
// audit page filters by action (from the form and from the address), pages through the server's
// cursor and opens an entry. axe finds no serious violation; screenshots in test-output/admin/.
import { expect } from 'chai';
import { buildSale, deviceSigner, formatStamp, generateDeviceKey, type DocSigner } from '../../store-client/index.js';
import { businessDay } from '../../store-client/business-day.js';
import { basic } from '../helpers/demo-central.js';
import { makeConflict } from '../helpers/conflicts.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, waitForValue, type AdminRig } from '../helpers/admin-e2e.js';

const SKU = 'PS-M05-NEG-25';
const DEVICE = 's1.pos7';

describe('admin panel alerts and audit browsing (Chromium)', function () {
  let rig: AdminRig;
  let signer: DocSigner;
  let price: number;
  let n = 0;
  const ctx = () => ({ store: 's1', device: DEVICE, cashier: 'cashier-s1', businessDay: businessDay(Date.now(), 'America/Mexico_City'),
    stamp: formatStamp({ wallMs: Date.now(), counter: n++, node: DEVICE }) });
  const sale = (qty = 1) => buildSale({ lines: [{ sku: SKU, qty, unitPrice: price }], payments: [{ method: 'card', amount: qty * price }] }, ctx());
  /** Documents as they reach /db from a store account (replication's new_edits: false). */
  const upload = async (who: string, docs: object[]) => {
    const a = rig.account(who);
    const res = await fetch(`${rig.central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: { ...basic(a.name, a.password), 'Content-Type': 'application/json' }, body: JSON.stringify({ docs, new_edits: false }) });
    expect(res.status).to.equal(201);
  };
  const rev = (doc: object, hash: string) => ({ ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } });
  const alert = (kind: string) => rig.page.locator(`[data-testid="alert"][data-kind="${kind}"][data-store="s1"]`);

  before(async function () {
    rig = await startAdminRig();
    const key = await generateDeviceKey();
    expect((await rig.api('POST', '/devices', { store: 's1', device: DEVICE, publicJwk: key.publicJwk }, 'manager-s1')).status).to.equal(201);
    signer = deviceSigner(key);
    price = ((await rig.central.state.couch.nano.use('catalog').get(`product:${SKU}`)) as unknown as { price: number }).price;
  });
  after(async function () {
    await rig?.stop();
  });

  it('shows the alerts that need a human, one live, each linking to where it is handled', async function () {
    const { page } = rig;
    // Causes before the panel opens: a tampered sale, a refused upload, a manual conflict, a sale below zero stock.
    const signed = await signer.sign(sale());
    await upload('chain-admin', [rev(signed, 'a1'), rev({ ...signed, cashier: 'cashier-otro' }, 'b2')]);
    await upload('cashier-s1', [rev({ ...sale(), total: String(price) }, 'c3')]);
    const policy = (await rig.api('GET', '/config/conflict-policy')).body.policy;
    expect((await rig.api('PUT', '/config/conflict-policy', { policy: { ...policy, types: { ...(policy.types ?? {}), 'store-status': { strategy: 'manual' } } } })).status).to.equal(200);
    const nano = rig.central.state.couch.nano;
    const status = { type: 'store-status', store: 's1', device: 's1.pos8', state: 'online', pending: 0, reportedAt: new Date().toISOString(), intervalMs: 60_000, updatedAt: formatStamp({ wallMs: Date.now(), counter: 0, node: 's1.pos8' }), updatedBy: 'device-s1' };
    await nano.use('store-s1').insert({ _id: 'store-status:s1:s1.pos8', ...status } as never);
    await makeConflict(nano, 'store-s1', 'store-status:s1:s1.pos8', [{ ...status, pending: 1 }, { ...status, pending: 2 }]);
    await upload('device-s1', [rev(await signer.sign(sale(60)), 'd4')]);

    await logInToConsole(rig);
    for (const kind of ['tamper', 'refused', 'conflicts', 'negative-stock']) await alert(kind).waitFor(WAIT);
    expect(await alert('negative-stock').textContent()).to.contain(SKU);
    // A forged (unsigned) sale while the panel is open: its alert and the tile's count arrive live.
    expect(await alert('quarantined').count()).to.equal(0);
    await upload('cashier-s1', [rev(sale(), 'e5')]);
    await alert('quarantined').waitFor({ timeout: 15_000 }); // live: well before the 30 s refresh
    await page.locator('store-tile[data-store="s1"] [data-testid="quarantined"]').filter({ hasText: /^[1-9]/ }).waitFor(WAIT);
    expect(await page.getByTestId('chain-sales').textContent()).to.match(/Ventas netas de hoy en la cadena: \$[\d,]+\.\d\d/);
    await rig.shot('panel-01-alerts');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    const lands = async (kind: string, hash: string, element: string) => {
      await alert(kind).getByRole('link').click();
      await page.waitForFunction((h) => location.hash === h, hash, WAIT);
      await page.locator(element).waitFor(WAIT);
      await page.goBack();
      await alert(kind).waitFor(WAIT);
    };
    await lands('quarantined', '#/tills?store=s1', 'tills-page');
    await lands('refused', '#/tills?store=s1', 'tills-page');
    await lands('conflicts', '#/conflicts?store=s1', 'conflict-queue');
    await lands('negative-stock', '#/feed?store=s1&type=sale', 'change-feed');

    await alert('tamper').getByRole('link').click();
    await page.waitForFunction(() => location.hash === '#/audit?action=tamper.detected&store=s1', undefined, WAIT);
    await page.getByTestId('audit-row').first().waitFor(WAIT);
    expect(await page.getByLabel('Acción').inputValue()).to.equal('tamper.detected');
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).to.deep.equal(['tamper.detected']);
    await rig.shot('panel-02-audit-tamper');
  });

  it('filters the audit trail by action, pages through it, and opens an entry', async function () {
    const { page } = rig;
    for (let i = 0; i < 60; i++) await rig.central.state.deps.audit.append({ actor: 'e2e', action: 'test.page', target: 'store-s2', details: { i, store: 's2' } });
    await page.getByTestId('audit-clear').click();
    await page.waitForFunction(() => location.hash === '#/audit', undefined, WAIT);
    await waitForValue(page.getByLabel('Acción'), ''); // the form shows the cleared filters: typing now is kept
    await page.getByLabel('Acción').fill('test.page');
    await page.getByTestId('audit-apply').click();
    await page.waitForFunction(() => location.hash === '#/audit?action=test.page', undefined, WAIT);
    await page.getByTestId('audit-total').filter({ hasText: '60 entradas coinciden' }).waitFor(WAIT);
    const seqs = () => page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
    await page.locator('[data-testid="audit-row"]').nth(49).waitFor(WAIT);
    const first = await seqs();
    expect(first).to.have.length(50);
    await page.getByTestId('audit-next').first().click();
    await page.getByTestId('audit-page-number').first().filter({ hasText: 'Página 2' }).waitFor(WAIT);
    await page.locator('[data-testid="audit-row"]').first().waitFor(WAIT);
    const second = await seqs();
    expect(second).to.have.length(10);
    expect([...first, ...second]).to.deep.equal([...first, ...second].sort((a, b) => b - a));
    expect(new Set([...first, ...second]).size, 'no entry twice').to.equal(60);
    expect(await page.getByTestId('audit-next').first().isDisabled()).to.equal(true);
    await rig.shot('panel-03-audit-page-2');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    await page.locator(`[data-testid="audit-row"][data-seq="${second[0]}"] [data-testid="audit-open"]`).click();
    const dialog = page.getByTestId('audit-entry');
    await dialog.getByRole('heading', { name: `Entrada ${second[0]}` }).waitFor(WAIT);
    expect(JSON.parse((await page.getByTestId('audit-details').textContent())!)).to.deep.equal({ i: 9, store: 's2' });
    await rig.shot('panel-04-audit-entry');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    await page.getByTestId('audit-close').click();
    await dialog.getByRole('heading').waitFor({ state: 'detached', ...WAIT });
    await page.getByTestId('audit-prev').first().click();
    await page.getByTestId('audit-page-number').first().filter({ hasText: 'Página 1' }).waitFor(WAIT);
    expect(await seqs()).to.deep.equal(first);
  });
});
