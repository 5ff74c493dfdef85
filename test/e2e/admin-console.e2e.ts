// The admin console in Chromium against a real central (demo chain): a chain admin logs in, sees
// every demo store on the panel and a till's report arrive live, watches a conflict queued under a
// `manual` policy appear in the queue without a reload, resolves it by picking a revision, and
// verifies the audit chain. Each page passes axe (no serious/critical WCAG A/AA violation) and
// runs under central's CSP; a screenshot of each lands in test-output/admin/.
import { expect } from 'chai';
import { generateDeviceKey, signDoc } from '../../store-client/crypto/index.js';
import { basic } from '../helpers/demo-central.js';
import { makeConflict } from '../helpers/conflicts.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';
import { docsShot } from '../helpers/docs-shot.js';

const at = (iso: string, node: string, counter = 0) => `${iso}-${counter.toString(16).padStart(4, '0')}-${node}`;

describe('admin console (Chromium)', function () {
  let rig: AdminRig;

  before(async function () {
    rig = await startAdminRig();
  });

  after(async function () {
    await rig?.stop();
  });

  it('refuses a wrong password on the login page, which passes axe', async function () {
    const { page } = rig;
    await page.goto(`${rig.central.url}/admin/`);
    await page.getByLabel('Usuario').fill('chain-admin');
    await page.getByLabel('Contraseña').fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByTestId('login-error').filter({ hasText: 'Usuario o contraseña incorrectos.' }).waitFor(WAIT);
    await rig.shot('01-login');
    await docsShot(page, 'admin-login');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('shows every demo store on the panel and a till that reports, live, without a reload', async function () {
    const { page } = rig;
    await logInToConsole(rig);
    const stores = (await rig.api('GET', '/stores')).body.stores as Array<{ store: string; name: string }>;
    expect(stores.length).to.be.greaterThan(0);
    for (const s of stores) await page.locator(`store-tile[data-store="${s.store}"]`).filter({ hasText: s.name }).waitFor(WAIT);
    await page.getByTestId('live').filter({ hasText: 'En vivo' }).waitFor(WAIT);

    const key = await generateDeviceKey();
    const m = rig.account('manager-s1');
    const enrolled = await fetch(`${rig.central.url}/api/devices`, { method: 'POST', headers: { ...basic(m.name, m.password), 'Content-Type': 'application/json' }, body: JSON.stringify({ store: 's1', device: 's1.pos1', publicJwk: key.publicJwk }) });
    expect(enrolled.status).to.equal(201);
    const status = { _id: 'store-status:s1:s1.pos1', type: 'store-status', store: 's1', device: 's1.pos1', state: 'online', pending: 4, appVersion: '0.1.0', refusedCount: 0, storage: { persisted: true }, clockOffsetMs: 1200, reportedAt: new Date().toISOString(), intervalMs: 30_000, updatedAt: at(new Date().toISOString(), 's1.pos1'), updatedBy: 'device-s1' };
    await rig.central.state.couch.nano.use('store-s1').insert((await signDoc(status, key)) as never);
    const till = page.locator('store-tile[data-store="s1"] [data-testid="till"][data-device="s1.pos1"]');
    await till.waitFor({ timeout: 10_000 }); // live: well before the panel's 30 s refresh
    expect(await till.getAttribute('data-state')).to.equal('online');
    expect(await till.textContent()).to.match(/En línea[\s\S]*Pendientes\s*4/);
    await rig.shot('02-panel');
    await docsShot(page, 'admin-panel');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('shows a conflict queued under a manual policy without a reload, and settles it when a revision is picked', async function () {
    const { page } = rig;
    const policy = (await rig.api('GET', '/config/conflict-policy')).body.policy;
    const put = await rig.api('PUT', '/config/conflict-policy', { policy: { ...policy, types: { ...(policy.types ?? {}), store: { strategy: 'manual' } } } });
    expect(put.status).to.equal(200);
    await page.getByRole('link', { name: 'Conflictos' }).click();
    await page.getByTestId('conflicts-empty').waitFor(WAIT);

    const nano = rig.central.state.couch.nano;
    const id = 'store:s3';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as unknown as Record<string, unknown>;
    const revs = await makeConflict(nano, 'catalog', id, [{ ...body, name: 'Pronto San Pedro Norte' }, { ...body, name: 'Pronto SP' }]);
    const row = page.locator(`[data-testid="conflict-row"][data-doc="${id}"]`);
    await row.waitFor(WAIT);
    await rig.shot('03-conflicts');
    await docsShot(page, 'admin-conflicts');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    await row.getByRole('link').click();
    await page.locator('tr[data-field="name"][data-differs="true"]').waitFor(WAIT);
    expect(await page.locator('tr[data-differs="true"]').count(), 'only the name differs').to.equal(1);
    await rig.shot('04-conflict-detail');
    await docsShot(page, 'admin-conflict-detail');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    const sp = revs[1]!;
    await page.locator(`[data-testid="pick"][data-rev="${sp}"]`).click();
    await page.getByTestId('conflicts-empty').waitFor(WAIT);
    expect(await nano.use('catalog').get(id)).to.include({ name: 'Pronto SP' });
    const resolved = (await rig.api('GET', '/conflicts?status=resolved')).body.conflicts.find((c: { docId: string }) => c.docId === id);
    expect(resolved).to.include({ resolvedBy: 'chain-admin', resolution: 'manual-pick', winner: sp });
  });

  it('lists the audit trail with the resolution and verifies the chain', async function () {
    const { page } = rig;
    await page.getByRole('link', { name: 'Auditoría' }).click();
    await page.getByTestId('audit-row').first().waitFor(WAIT);
    await page.getByTestId('verify').click();
    await page.locator('[data-testid="verify-result"] [data-ok]').waitFor(WAIT);
    expect(await page.locator('[data-testid="verify-result"] [data-ok]').getAttribute('data-ok')).to.equal('true');
    expect(await page.getByTestId('verify-result').textContent()).to.match(/La cadena está íntegra: \d+ entradas verificadas/);
    await rig.shot('05-audit');
    await docsShot(page, 'admin-audit');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('switches to English and back, links Fauxton, and sends an expired session back to the login', async function () {
    const { page } = rig;
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor(WAIT);
    expect(await page.getByTestId('fauxton').getAttribute('href')).to.match(/^http:\/\/127\.0\.0\.1:\d+\/_utils\/$/);
    await page.getByTestId('lang').click();
    await page.getByRole('heading', { name: 'Bitácora de auditoría' }).waitFor(WAIT);
    // The session ends behind the console's back (the cookie is dropped): the next call gets a 401.
    await rig.context.clearCookies();
    await page.getByRole('link', { name: 'Panel' }).click();
    await page.getByTestId('login-notice').filter({ hasText: 'Tu sesión terminó' }).waitFor(WAIT);
    await rig.shot('06-session-expired');
    await logInToConsole(rig);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-notice').filter({ hasText: 'Saliste de la consola' }).waitFor(WAIT);
  });

  it('stays readable with 50 stores: a grid of compact tiles', async function () {
    const { page } = rig;
    const nano = rig.central.state.couch.nano;
    const { _rev, _id, ...s1 } = (await nano.use('catalog').get('store:s1')) as unknown as Record<string, unknown>;
    const more = Array.from({ length: 47 }, (_, i) => {
      const store = `s${i + 4}`;
      return { ...s1, _id: `store:${store}`, store, name: `Pronto Sucursal ${i + 4}` };
    });
    const saved = (await nano.use('catalog').bulk({ docs: more as never[] })) as Array<{ error?: string; reason?: string }>;
    expect(saved.filter((r) => r.error), JSON.stringify(saved.find((r) => r.error))).to.deep.equal([]);
    await logInToConsole(rig);
    await page.locator('store-tile[data-store="s50"]').waitFor(WAIT);
    expect(await page.locator('store-tile').count()).to.equal(50);
    await page.getByTestId('totals').filter({ hasText: 'Tiendas: 50' }).waitFor(WAIT);
    await rig.shot('07-panel-50-stores');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });
});
