// A cashier's first login with no manager at hand, in Chromium against a real central: the till
// asks head office ("Solicitar aprobación a la oficina") and shows its key's fingerprint; an
// admin's rejection sends it back to the manager step, saying so; asked again and approved, the
// till logs in and goes online without another password — enrolled as if by a manager.
import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startPosRig, WAIT, type PosRig } from '../helpers/pos-e2e.js';
import { docsShot } from '../helpers/docs-shot.js';

describe('POS: enrolment approved by head office (Chromium)', function () {
  let rig: PosRig;
  const admin = async (method: string, path: string, body?: unknown) => {
    const a = rig.account('chain-admin');
    const res = await fetch(`${rig.central.url}/api${path}`, {
      method, headers: { Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64'), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };
  const waitingRequest = async () => {
    for (let i = 0; i < 100; i++) {
      const [request] = (await admin('GET', '/device-requests?store=s1')).body.requests as Array<{ device: string; keyId: string; requestedBy: string }>;
      if (request) return request;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('no enrolment request reached central');
  };

  before(async function () {
    rig = await startPosRig();
  });
  after(async function () {
    await rig?.stop();
  });

  it('asks head office, is rejected, asks again and is let in once an admin approves', async function () {
    const { page } = rig;
    await page.goto(`${rig.central.url}/pos/`);
    await page.getByLabel('Usuario').fill('cashier-s1');
    await page.getByLabel('Contraseña').fill(rig.account('cashier-s1').password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByTestId('office-ask').waitFor(WAIT);
    await rig.shot('office-00-manager-step');
    await page.getByTestId('office-ask').click();
    await page.getByRole('heading', { name: 'Solicitud enviada a la oficina' }).waitFor(WAIT);
    const request = await waitingRequest();
    expect(request.requestedBy).to.equal('cashier-s1');
    const shown = (await page.getByTestId('office-fingerprint').textContent())!.replace(/\s/g, '');
    expect(shown, 'the till shows the fingerprint the console shows').to.equal(request.keyId);
    await rig.shot('office-01-waiting');
    await docsShot(page, 'pos-office-waiting');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).to.deep.equal([]);

    expect((await admin('POST', `/device-requests/s1/${request.device}/reject`, { keyId: request.keyId, reason: 'Confirmar con la gerente' })).status).to.equal(200);
    await page.getByRole('alert').filter({ hasText: 'La oficina no aprobó esta caja' }).waitFor(WAIT);
    await page.getByTestId('enrol-manager').waitFor(WAIT);

    await page.getByTestId('office-ask').click();
    await page.getByRole('heading', { name: 'Solicitud enviada a la oficina' }).waitFor(WAIT);
    const again = await waitingRequest();
    expect(again, 'the same till and key ask again').to.deep.include({ device: request.device, keyId: request.keyId });
    expect((await admin('POST', `/device-requests/s1/${again.device}/approve`, { keyId: again.keyId })).status).to.equal(200);
    await page.getByTestId('code').waitFor(WAIT);
    await page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
    const enrolled = (await rig.central.state.couch.nano.use('catalog').get(`device:s1:${request.device}`)) as unknown as { keys: Array<{ keyId: string; addedBy: string }> };
    expect(enrolled.keys[0]).to.include({ keyId: request.keyId, addedBy: 'chain-admin' });
    await rig.shot('office-02-selling');
  });
});
