// The tills page and a silent till, in Chromium against a real central (demo chain) with a real
// till in node (store-client SyncManager, signed status every 2 s): the till reports online on
// the panel; cut off, the panel shows it silent within a minute without a reload (central's
// liveness, devices/till-liveness); with its customer uploads stuck, the tills page shows its
// last report, what is pending and how long it waited, the upload central refused and the sale
// it quarantined, each with its reason; an admin dismisses the one and releases the other with
// notes, and the audit trail has both. Each page passes axe; screenshots in test-output/admin/.
import { expect } from 'chai';
import { recordSale } from '../../store-client/index.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';
import { docsShot } from '../helpers/docs-shot.js';
import { startNodeTill, type NodeTill } from '../helpers/node-till.js';
import { waitFor } from '../helpers/wait-for.js';

const DEVICE = 's1.pos42';
const SKU = 'PS-M01-NEG-25.5';

describe('admin console: tills and refusals (Chromium and a node till)', function () {
  let rig: AdminRig;
  let till: NodeTill;
  let quarantinedId = '';
  let refusedId = '';

  const reported = async () => {
    const stores = (await rig.api('GET', '/stores')).body.stores as Array<{ store: string; tills: Array<Record<string, any>> }>;
    return stores.find((s) => s.store === 's1')?.tills.find((t) => t.device === DEVICE);
  };

  before(async function () {
    rig = await startAdminRig();
    till = await startNodeTill({ centralUrl: rig.central.url, store: 's1', device: DEVICE, cashier: rig.account('cashier-s1'), manager: rig.account('manager-s1'), heartbeatMs: 2000 });
  });
  after(async function () {
    await till?.stop();
    await rig?.stop();
  });

  it('has the till report online, with a sale central quarantined and an upload it refused', async function () {
    // An unsigned sale (this till's key never signed it): central quarantines it.
    const sale = await recordSale(till.local.store, till.clock as never, { store: 's1', device: DEVICE, cashier: 'cashier-s1' }, {
      lines: [{ sku: SKU, qty: 1, unitPrice: 25_000 }], payments: [{ method: 'cash', amount: 25_000 }],
    });
    quarantinedId = sale._id;
    // A sale whose total is text: CouchDB's validate_doc_update refuses it.
    const stamp = await till.clock.next();
    refusedId = `sale:s1:${stamp}`;
    await till.local.store.put({
      _id: refusedId, type: 'sale', updatedAt: stamp, updatedBy: DEVICE, store: 's1', device: DEVICE, cashier: 'cashier-s1', businessDay: stamp.slice(0, 10),
      lines: [{ sku: SKU, qty: 1, unitPrice: 100, discount: 0 }], total: '100', payments: [{ method: 'cash', amount: 100 }], change: 0,
    });
    await waitFor(async () => {
      const t = await reported();
      return t?.state === 'online' && t.verified === true && t.stale === false && t.refusedCount === 1 && t.pending === 0;
    }, { timeoutMs: 60_000, what: 'the till online at central with one refusal' });
    await waitFor(async () => ((await rig.api('GET', '/quarantine?store=s1')).body.entries as Array<{ docId: string }>).some((e) => e.docId === quarantinedId), { timeoutMs: 30_000, what: 'the sale quarantined' });
    await waitFor(async () => ((await rig.api('GET', '/refusals?store=s1&status=open')).body.refusals as Array<{ docId: string }>).some((r) => r.docId === refusedId), { timeoutMs: 30_000, what: 'the refusal recorded' });
  });

  it('shows the till online on the panel, then silent within a minute of being cut off, without a reload', async function () {
    const { page } = rig;
    await logInToConsole(rig);
    const tile = page.locator(`store-tile[data-store="s1"] [data-testid="till"][data-device="${DEVICE}"]`);
    await tile.and(page.locator('[data-state="online"]')).waitFor(WAIT);
    await rig.shot('tills-01-panel-online');
    till.proxy.cut();
    till.customersProxy.cut();
    // Central heard it last just now; only its silence can turn it stale: within a minute, by the panel's own refresh.
    await tile.and(page.locator('[data-state="stale"]')).waitFor({ timeout: 60_000 });
    expect(await tile.textContent()).to.match(/Sin noticias/);
    await rig.shot('tills-02-panel-silent');
    await docsShot(page, 'admin-panel-silent-till');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('shows on the tills page the last report, what is pending and how long it waited, the refusal and the quarantine with their reasons', async function () {
    const { page } = rig;
    // Store traffic back, customers still cut: a customer registered now stays pending, and the till says so.
    till.proxy.heal();
    const stamp = await till.clock.next();
    await till.local.customers.put({ _id: 'customer:0b9c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3', type: 'customer', name: 'Cliente de prueba', updatedAt: stamp, updatedBy: DEVICE, createdAt: stamp });
    await waitFor(async () => {
      const t = await reported();
      return t?.pending === 1 && typeof t.oldestPendingAt === 'string' && t.stale === false;
    }, { timeoutMs: 60_000, what: 'the till reporting one pending upload and its age' });
    await page.goto(`${rig.central.url}/admin/#/tills?store=s1`);
    const row = page.locator(`[data-testid="till-row"][data-device="${DEVICE}"]`);
    await row.getByTestId('pending').filter({ hasText: '1' }).waitFor(WAIT);
    expect(await row.getByTestId('waited').textContent()).to.match(/^\d+ (s|min)$/);
    expect(await row.getByTestId('reported').textContent()).to.not.equal('—');
    const refusal = page.locator(`[data-testid="refusal"][data-doc="${refusedId}"]`);
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).to.match(/total/);
    const quarantined = page.locator(`[data-testid="quarantined"][data-doc="${quarantinedId}"]`);
    await quarantined.waitFor(WAIT);
    expect(await quarantined.textContent()).to.match(/Venta[\s\S]*(firma|sign|key|llave)/i);
    expect(await page.locator('select[data-testid="store-picker"]').inputValue()).to.equal('s1');
    await rig.shot('tills-03-page');
    await docsShot(page, 'admin-tills');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('dismisses the refusal and releases the quarantined sale with notes, and the audit trail has both', async function () {
    const { page } = rig;
    const refusal = page.locator(`[data-testid="refusal"][data-doc="${refusedId}"]`);
    // Accepting needs a corrected revision at central: refused with the reason, shown in the row.
    await refusal.getByTestId('note').fill('corregida');
    await refusal.locator('button[data-action="accept"]').click();
    await refusal.getByTestId('action-error').filter({ hasText: /\S/ }).waitFor(WAIT);
    expect(await refusal.getByTestId('action-error').textContent()).to.match(/holds no revision/);
    await refusal.getByTestId('note').fill('POS de prueba: la venta se capturó de nuevo');
    await refusal.locator('button[data-action="dismiss"]').click();
    await refusal.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('refusal-list').getByTestId('done').filter({ hasText: refusedId }).waitFor(WAIT);
    const quarantined = page.locator(`[data-testid="quarantined"][data-doc="${quarantinedId}"]`);
    await quarantined.getByTestId('note').fill('firma revisada con la gerente');
    await quarantined.locator('button[data-action="release"]').click();
    await quarantined.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('quarantine-list').getByTestId('done').filter({ hasText: 'central ya lo cuenta' }).waitFor(WAIT);
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    await rig.shot('tills-04-page-after');
    const entries = (await rig.api('GET', '/audit?limit=200')).body.entries as Array<{ action: string; actor: string; details: any }>;
    const dismissed = entries.find((e) => e.action === 'refusal.dismissed' && e.details.docId === refusedId);
    const released = entries.find((e) => e.action === 'quarantine.released' && e.details.docId === quarantinedId);
    expect(dismissed, 'refusal.dismissed audited').to.deep.include({ actor: 'chain-admin' });
    expect(dismissed!.details.note).to.equal('POS de prueba: la venta se capturó de nuevo');
    expect(released, 'quarantine.released audited').to.deep.include({ actor: 'chain-admin' });
    expect(released!.details.note).to.equal('firma revisada con la gerente');
    await page.goto(`${rig.central.url}/admin/#/audit`);
    await page.getByTestId('audit').filter({ hasText: 'refusal.dismissed' }).filter({ hasText: 'quarantine.released' }).waitFor(WAIT);
    await rig.shot('tills-05-audit');
  });

  it("shows a store manager their own store's tills and refusals, read-only, whatever store the address names", async function () {
    const { page } = rig;
    await page.getByRole('button', { name: 'Salir' }).click();
    await logInToConsole(rig, 'manager-s1');
    await page.goto(`${rig.central.url}/admin/#/tills?store=s2`);
    await page.locator(`[data-testid="till-row"][data-device="${DEVICE}"]`).waitFor(WAIT);
    expect(await page.locator('select[data-testid="store-picker"]').count(), 'no store picker').to.equal(0);
    await page.getByLabel('Mostrar también los ya atendidos').check();
    const settled = page.locator(`[data-testid="refusal"][data-doc="${refusedId}"]`);
    await settled.filter({ hasText: 'Descartado por chain-admin' }).waitFor(WAIT);
    expect(await page.locator('note-action').count(), 'no actions for a manager').to.equal(0);
    await rig.shot('tills-06-manager');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });
});
