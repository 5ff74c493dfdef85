// The settings page in Chromium against a real central (demo chain): a chain admin changes a
// type's strategy, previews what it would do to the conflicts now waiting, and saves it (audited
// with before and after); an invalid value is named next to its field and nothing is saved; the
// POS and sync settings are saved and audited. axe finds no serious violation; screenshots land
// in test-output/admin/.
import { expect } from 'chai';
import { makeConflicts } from '../helpers/conflicts.js';
import { waitFor } from '../helpers/wait-for.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';

describe('admin console: settings (Chromium)', function () {
  let rig: AdminRig;
  let policy: Record<string, any>;
  const ids: string[] = [];
  const lastAudit = async (target: string) => ((await rig.api('GET', '/audit?limit=50')).body.entries as Array<{ action: string; target?: string; details: { before: any; after: any } }>)
    .find((e) => e.action === 'settings.changed' && e.target === target);

  before(async function () {
    rig = await startAdminRig();
    policy = (await rig.api('GET', '/config/conflict-policy')).body.policy;
    expect((await rig.api('PUT', '/config/conflict-policy', { policy: { ...policy, types: { ...policy.types, product: { strategy: 'manual' } } } })).status).to.equal(200);
    const nano = rig.central.state.couch.nano;
    const { rows } = await nano.use<Record<string, unknown>>('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 3, include_docs: true });
    await makeConflicts(nano, 'catalog', rows.map((row) => {
      const { _rev, ...body } = row.doc!;
      ids.push(body._id as string);
      return { id: body._id as string, bodies: [
        { ...body, price: Number(body.cost) + 100_00, updatedAt: '2026-11-24T08:00:00.000Z-0000-central', updatedBy: 'chain-admin' },
        { ...body, price: Number(body.cost) + 200_00, updatedAt: '2026-11-24T09:00:00.000Z-0000-s1.pos1', updatedBy: 'manager-s1' },
      ] };
    }));
    await waitFor(async () => (await rig.api('GET', '/conflicts?status=pending&type=product&limit=50')).body.conflicts?.length >= 3, { what: 'the conflicts to be queued' });
  });

  after(async function () {
    await rig?.stop();
  });

  it("changes a type's strategy, previews its effect on the waiting conflicts, and saves it audited", async function () {
    const { page } = rig;
    await logInToConsole(rig);
    await page.goto(`${rig.central.url}/admin/#/settings`);
    const strategy = page.getByTestId('strategy-product');
    await strategy.waitFor(WAIT);
    expect(await strategy.inputValue()).to.equal('manual');
    await strategy.selectOption('lww');
    await page.getByTestId('preview-policy').click();
    await page.getByTestId('preview-summary').filter({ hasText: '3 conflictos en espera' }).waitFor(WAIT);
    const rows = page.getByTestId('preview-row');
    expect(await rows.count()).to.equal(3);
    for (let i = 0; i < 3; i++) {
      expect(await rows.nth(i).getAttribute('data-outcome')).to.equal('auto');
      expect(await rows.nth(i).textContent()).to.contain('queda la versión de manager-s1');
    }
    await rig.shot('settings-01-preview');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    await page.getByTestId('save-policy').click();
    await page.getByTestId('message-policy').filter({ hasText: 'Guardado' }).waitFor(WAIT);
    expect((await rig.api('GET', '/config/conflict-policy')).body.policy.types.product).to.deep.equal({ strategy: 'lww' });
    const entry = await lastAudit('settings:conflict-policy');
    expect(entry!.details.before.types.product).to.deep.equal({ strategy: 'manual' });
    expect(entry!.details.after.types.product).to.deep.equal({ strategy: 'lww' });
  });

  it('names an invalid value next to its field and saves nothing', async function () {
    const { page } = rig;
    const storedPolicy = (await rig.api('GET', '/config/conflict-policy')).body.policy;
    await page.getByTestId('add-rule').click();
    const other = page.getByTestId(`rule-${(storedPolicy.rules?.length ?? 0)}-other`);
    await other.fill('1 costo');
    await page.getByTestId(`rule-${(storedPolicy.rules?.length ?? 0)}-problem`).filter({ hasText: 'Nombre de campo no válido' }).waitFor(WAIT);
    await page.getByTestId('save-policy').click();
    await page.getByTestId('message-policy').filter({ hasText: 'Corrija los campos marcados' }).waitFor(WAIT);
    await page.getByTestId('new-field-customer').fill('a-b');
    await page.getByTestId('new-field-customer-problem').filter({ hasText: 'Nombre de campo no válido' }).waitFor(WAIT);

    await page.getByTestId('input-batchSize').fill('5');
    await page.getByTestId('problem-batchSize').filter({ hasText: 'Mínimo 10.' }).waitFor(WAIT);
    expect(await page.getByTestId('input-batchSize').getAttribute('aria-invalid')).to.equal('true');
    await page.getByTestId('save-sync').click();
    await page.getByTestId('message-sync').filter({ hasText: 'Corrija los campos marcados' }).waitFor(WAIT);
    await rig.shot('settings-02-invalid');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    expect((await rig.api('GET', '/config/sync')).body.value).to.equal(undefined);
    expect((await rig.api('GET', '/config/conflict-policy')).body.policy).to.deep.equal(storedPolicy);
    await page.getByTestId('reset-policy').click();
  });

  it('saves the POS and sync settings, audited with before and after', async function () {
    const { page } = rig;
    await page.getByTestId('input-cashierMaxDiscountPct').fill('15');
    await page.getByTestId('save-pos').click();
    await page.getByTestId('message-pos').filter({ hasText: 'Guardado' }).waitFor(WAIT);
    expect((await rig.api('GET', '/config/pos')).body.value).to.include({ cashierMaxDiscountPct: 15 });
    expect((await lastAudit('settings:pos'))!.details.after).to.include({ cashierMaxDiscountPct: 15 });

    await page.getByTestId('input-batchSize').fill('100');
    await page.getByTestId('input-heartbeatMs').fill('5');
    await page.getByTestId('save-sync').click();
    await page.getByTestId('message-sync').filter({ hasText: 'Guardado' }).waitFor(WAIT);
    expect((await rig.api('GET', '/config/sync')).body.value).to.deep.equal({ batchSize: 100, heartbeatMs: 5000 });
    const entry = await lastAudit('settings:sync');
    expect(entry!.details).to.deep.equal({ before: null, after: { batchSize: 100, heartbeatMs: 5000 } });
    await page.getByTestId('settings-sync').getByTestId('last-change').filter({ hasText: 'chain-admin' }).waitFor(WAIT);
    await rig.shot('settings-03-saved');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('keeps a store manager out: no settings in the navigation, the address shows the panel, the API answers 403', async function () {
    const { page } = rig;
    await page.getByTestId('logout').click();
    await logInToConsole(rig, 'manager-s1');
    expect(await page.locator('a[href="#/settings"]').count()).to.equal(0);
    await page.goto(`${rig.central.url}/admin/#/settings`);
    await page.locator('admin-panel').waitFor(WAIT);
    expect(await page.getByTestId('settings-policy').count()).to.equal(0);
    expect((await rig.api('PUT', '/config/pos', { value: { cashierMaxDiscountPct: 90 } }, 'manager-s1')).status).to.equal(403);
    expect((await rig.api('GET', '/config/pos')).body.value).to.include({ cashierMaxDiscountPct: 15 });
  });
});
