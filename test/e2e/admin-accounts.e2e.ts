// The devices-and-accounts page in Chromium against a real central (demo chain): a chain admin
// approves a till's pending enrolment request and rejects another that arrived live, revokes the new key with a
// reason, creates a cashier, gives it a new password and disables it — each checked at central
// (CouchDB logins, the device registry). A store manager sees no link to the page and is sent to
// the panel. axe finds no serious violation; screenshots land in test-output/admin/.
import { expect } from 'chai';
import { generateDeviceKey } from '../../store-client/crypto/index.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';
import { docsShot } from '../helpers/docs-shot.js';

describe('admin console: devices and accounts (Chromium)', function () {
  let rig: AdminRig;
  const couchLogin = async (name: string, password: string) =>
    (await fetch(`${rig.central.url}/db/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) })).status;

  before(async function () {
    rig = await startAdminRig();
  });
  after(async function () {
    await rig?.stop();
  });

  it('approves a pending enrolment, rejects another with a reason, and revokes the new key with a reason', async function () {
    const { page } = rig;
    const approveKey = await generateDeviceKey();
    const rejectKey = await generateDeviceKey();
    expect((await rig.api('POST', '/device-requests', { store: 's1', device: 's1.pos21', publicJwk: approveKey.publicJwk }, 'cashier-s1')).status).to.equal(201);
    await logInToConsole(rig);
    await page.getByRole('link', { name: 'Dispositivos y cuentas' }).click();
    await page.locator('[data-testid="request-row"][data-device="s1.pos21"]').waitFor(WAIT);
    await page.locator('[data-testid="account-row"][data-name="cashier-s1"]').waitFor(WAIT);
    // A till asking while the page is open shows up without a reload (device.request on /api/events).
    expect((await rig.api('POST', '/device-requests', { store: 's1', device: 's1.pos22', publicJwk: rejectKey.publicJwk }, 'cashier-s1')).status).to.equal(201);
    await page.locator('[data-testid="request-row"][data-device="s1.pos22"]').waitFor({ timeout: 10_000 });
    await rig.shot('accounts-01-page');
    await docsShot(page, 'admin-accounts');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    await page.getByRole('button', { name: 'Aprobar la caja s1.pos21' }).click();
    await page.getByTestId('requests-status').filter({ hasText: 'Caja s1.pos21 registrada.' }).waitFor(WAIT);
    const row = page.locator(`[data-testid="device-row"][data-device="s1.pos21"][data-key="${approveKey.keyId}"]`);
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-status')).to.equal('active');
    expect(await row.textContent()).to.include('por chain-admin');

    await page.getByRole('button', { name: 'Rechazar la caja s1.pos22' }).click();
    await page.getByTestId('reject-reason').fill('No reconocemos este equipo');
    await page.getByTestId('reject-confirm').click();
    await page.getByTestId('requests-empty').waitFor(WAIT);
    expect((await rig.api('GET', '/device-requests/s1/s1.pos22', undefined, 'cashier-s1')).body).to.deep.equal({ status: 'none' });

    await row.getByRole('button', { name: /^Revocar la llave/ }).click();
    await page.getByRole('heading', { name: /^Revocar la llave .* de s1\.pos21$/ }).waitFor(WAIT);
    await rig.shot('accounts-02-revoke-confirm');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    await page.getByTestId('revoke-reason').fill('Caja robada');
    await page.getByTestId('revoke-confirm').click();
    await page.locator(`[data-testid="device-row"][data-device="s1.pos21"][data-status="revoked"]`).waitFor(WAIT);
    const devices = (await rig.api('GET', '/devices?store=s1')).body.devices as Array<{ device: string; keys: Array<{ status: string; revokeReason?: string }> }>;
    expect(devices.find((d) => d.device === 's1.pos21')!.keys[0]).to.include({ status: 'revoked', revokeReason: 'Caja robada' });
    await rig.shot('accounts-03-revoked');
  });

  it('creates a cashier, gives it a new password and disables it', async function () {
    const { page } = rig;
    await page.getByTestId('create-name').fill('cajera-e2e');
    await page.getByTestId('create-kind').selectOption('cashier');
    await page.getByTestId('create-password').fill('corta');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('acct-problem').filter({ hasText: 'de 10 a 200 caracteres' }).waitFor(WAIT);
    await page.getByTestId('create-password').fill('Zapatos-2026');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('acct-status').filter({ hasText: 'Cuenta cajera-e2e creada.' }).waitFor(WAIT);
    const account = page.locator('[data-testid="account-row"][data-name="cajera-e2e"]');
    await account.waitFor(WAIT);
    expect(await couchLogin('cajera-e2e', 'Zapatos-2026')).to.equal(200);

    await page.getByRole('button', { name: 'Cambiar contraseña de cajera-e2e' }).click();
    await page.getByTestId('action-password').fill('Huaraches-77');
    await rig.shot('accounts-04-new-password');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('acct-status').filter({ hasText: 'Contraseña de cajera-e2e cambiada.' }).waitFor(WAIT);
    expect(await couchLogin('cajera-e2e', 'Huaraches-77')).to.equal(200);
    expect(await couchLogin('cajera-e2e', 'Zapatos-2026')).to.equal(401);

    await page.getByRole('button', { name: 'Deshabilitar la cuenta cajera-e2e' }).click();
    await page.getByRole('heading', { name: '¿Deshabilitar la cuenta cajera-e2e?' }).waitFor(WAIT);
    await page.getByTestId('action-confirm').click();
    await page.locator('[data-testid="account-row"][data-name="cajera-e2e"][data-disabled="true"]').waitFor(WAIT);
    expect(await couchLogin('cajera-e2e', 'Huaraches-77')).to.equal(401);
    await rig.shot('accounts-05-disabled');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('shows a store manager no link to the page, and sends them to the panel', async function () {
    const { page } = rig;
    await page.getByTestId('logout').click();
    await logInToConsole(rig, 'manager-s1');
    expect(await page.getByRole('link', { name: 'Dispositivos y cuentas' }).count()).to.equal(0);
    await page.goto(`${rig.central.url}/admin/#/accounts`);
    await page.locator('store-tile[data-store="s1"]').waitFor(WAIT);
    expect(await page.locator('accounts-page').count()).to.equal(0);
  });
});
