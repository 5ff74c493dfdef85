// Managers' signed approvals at the web POS, in real Chromium against a real central: a cashier's
// first login asks a manager of the store to authorize the till (central enrolls it only for
// them), which also gives that manager an approval key on this till; offline, the manager's
// password opens that key to sign a discount and a return; back online, central has both
// documents with an `approval` its verdict accepts, under the till's own signature.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { approvalVerdict, type ApprovalVerdict } from '../../central/approvers/index.js';
import { verifyApproval, verifyDoc } from '../../store-client/index.js';
import type { Approver, Device } from '../../validators/index.js';
import { WAIT, authorizeTill, deviceOf, eventually, inStore, payCash, scan, startPosRig, untilUploaded, type PosRig } from '../helpers/pos-e2e.js';

const SKU = 'PS-M01-NEG-25.5'; // $599.00
const ENROL = 'Registrar esta caja — autorización de gerente';

interface Stored { _id: string; approvedBy?: string; approval?: { keyId: string; signature: string }; quarantined?: unknown; keyId?: string; store: string }

describe('POS signed approvals (Chromium)', function () {
  let rig: PosRig;
  let device: string;
  let verdict: ApprovalVerdict;
  const page = () => rig.page;
  const catalog = () => rig.central.state.couch.nano.use('catalog');
  const atCentral = (id: string) => rig.couch<Stored>(`store-s1/${encodeURIComponent(id)}`);

  /** Answers the approval dialog as `name`. */
  async function approveAs(p: Page, name: string, password: string): Promise<void> {
    const dialog = p.getByRole('dialog', { name: 'Autorización de gerente' });
    await dialog.waitFor(WAIT);
    await dialog.getByTestId('approver').fill(name);
    await dialog.getByTestId('approver-password').fill(password);
    await dialog.getByTestId('approve').click();
  }

  /** What central sees: the manager's approval holds (verdict and raw verify) and the till's signature covers it. */
  async function signedTwice(id: string): Promise<void> {
    const doc = await atCentral(id);
    expect(doc.approvedBy, id).to.equal('manager-s1');
    expect(doc.approval, id).to.be.an('object');
    expect(await verdict(doc), id).to.equal(null);
    const approver = (await catalog().get('approver:manager-s1')) as unknown as Approver;
    const key = approver.keys.find((k) => k.keyId === doc.approval!.keyId)!;
    expect(key, 'the key that signed is the one this till registered').to.include({ device, status: 'active' });
    expect(await verifyApproval(doc, key.publicJwk as JsonWebKey)).to.equal(true);
    const till = (await catalog().get(`device:s1:${device}`)) as unknown as Device;
    expect(await verifyDoc(doc, till.keys.find((k) => k.keyId === doc.keyId)!.publicJwk as JsonWebKey), `${id} device signature`).to.equal(true);
    expect(doc.quarantined, id).to.equal(undefined);
  }

  before(async function () {
    rig = await startPosRig();
    verdict = approvalVerdict({ nano: rig.central.state.couch.nano, approvers: rig.central.state.deps.approvers });
  });

  after(async function () {
    await rig?.stop();
  });

  it('asks a manager to authorize the till at a cashier\'s first login, and enrols it only for a manager of the store', async function () {
    const p = page();
    await p.goto(`${rig.central.url}/pos/`);
    await p.getByLabel('Usuario').fill('cashier-s1');
    await p.getByLabel('Contraseña').fill(rig.account('cashier-s1').password);
    await p.getByRole('button', { name: 'Entrar' }).click();
    await p.getByRole('heading', { name: ENROL }).waitFor(WAIT);
    await rig.shot('30-authorize-till');
    const alert = p.getByRole('alert');
    // The cashier cannot authorize their own till, nor a manager of another store, nor a wrong password.
    await authorizeTill(rig, 'cashier-s1');
    await alert.filter({ hasText: 'La cuenta cashier-s1 no puede autorizar en esta tienda.' }).waitFor(WAIT);
    await authorizeTill(rig, 'manager-s2');
    await alert.filter({ hasText: 'La cuenta manager-s2 no puede autorizar en esta tienda.' }).waitFor(WAIT);
    await authorizeTill(rig, 'manager-s1', 'not-the-password');
    await alert.filter({ hasText: 'Usuario o contraseña de gerente incorrectos.' }).waitFor(WAIT);
    expect((await catalog().list({ startkey: 'device:s1:s1.pos-', endkey: 'device:s1:s1.pos.' })).rows, 'nothing enrolled yet').to.deep.equal([]);
    await authorizeTill(rig, 'manager-s1');
    await p.getByTestId('code').waitFor(WAIT);
    await p.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
    device = await deviceOf(p);
    const enrolled = (await catalog().get(`device:s1:${device}`)) as unknown as Device;
    expect(enrolled).to.include({ updatedBy: 'manager-s1' });
    // The manager was confirmed online here: their approval key for this till is registered.
    expect(await eventually(async () => {
      const doc = (await catalog().get('approver:manager-s1').catch(() => null)) as unknown as Approver | null;
      return doc?.keys.some((k) => k.device === device && k.status === 'active') ?? false;
    }), 'approver:manager-s1 has a key for this till').to.equal(true);
  });

  it('signs an offline discount approval with the manager\'s key; central accepts the approval after sync', async function () {
    const p = page();
    await rig.context.setOffline(true);
    await p.getByTestId('sync-state').filter({ hasText: 'Sin conexión' }).waitFor(WAIT);
    await scan(p, SKU);
    await p.getByTestId('discount').click();
    await p.getByTestId('discount-value').fill('40');
    await p.getByTestId('discount-apply').click();
    // A password that does not open the kept key is refused offline.
    await approveAs(p, 'manager-s1', 'wrong-password');
    await p.getByRole('dialog').getByRole('alert').filter({ hasText: 'incorrectos' }).waitFor(WAIT);
    const t0 = Date.now();
    await approveAs(p, 'manager-s1', rig.account('manager-s1').password);
    await p.locator('[data-testid="line-total"]').filter({ hasText: '$359.40' }).waitFor(WAIT);
    console.log(`      offline approval in Chromium (open the wrapped key: PBKDF2 600,000 + AES-GCM unwrap), click → line approved: ${Date.now() - t0} ms`);
    await rig.shot('31-offline-discount-approved');
    await payCash(p, '400');
    const folio = (await p.getByTestId('folio').first().textContent())!;
    await rig.context.setOffline(false);
    await untilUploaded(p, inStore(rig, folio));
    await signedTwice(folio);
  });

  it('signs a return approval with the manager\'s key; central accepts it', async function () {
    const p = page();
    await scan(p, SKU);
    await payCash(p, '600');
    const sale = (await p.getByTestId('folio').first().textContent())!;
    await p.getByTestId('desk-returns').click();
    await p.getByTestId('sale-folio').fill(sale);
    await p.getByRole('button', { name: 'Buscar' }).click();
    await p.getByTestId('return-qty').first().fill('1');
    await p.getByTestId('return-reason').fill('Talla incorrecta');
    await p.getByTestId('do-return').click();
    await approveAs(p, 'manager-s1', rig.account('manager-s1').password);
    await p.getByTestId('return-notice').filter({ hasText: 'reembolsar $599.00' }).waitFor(WAIT);
    const returnsOf = async (saleId: string) => (await rig.couch<{ rows: { id: string; doc: { sale: string } }[] }>(
      `store-s1/_all_docs?include_docs=true&startkey=${encodeURIComponent('"return:s1:"')}&endkey=${encodeURIComponent('"return:s1:\ufff0"')}`,
    )).rows.filter((r) => r.doc.sale === saleId).map((r) => r.id);
    await untilUploaded(p, async () => (await returnsOf(sale)).length > 0);
    const ids = await returnsOf(sale);
    expect(ids).to.have.length(1);
    await signedTwice(ids[0]!);
    await p.getByTestId('desk-sell').click();
  });

  it('enrols a manager\'s own first login without the extra step, and has them confirm their own discount with their password', async function () {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(30_000);
      await p.goto(`${rig.central.url}/pos/`);
      await p.getByLabel('Usuario').fill('manager-s1');
      await p.getByLabel('Contraseña').fill(rig.account('manager-s1').password);
      await p.getByRole('button', { name: 'Entrar' }).click();
      await p.getByTestId('code').waitFor(WAIT);
      await p.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
      const managerTill = await deviceOf(p);
      expect(managerTill).to.not.equal(device);
      await scan(p, SKU);
      await p.getByTestId('discount').click();
      await p.getByTestId('discount-value').fill('50');
      await p.getByTestId('discount-apply').click();
      const dialog = p.getByRole('dialog', { name: 'Autorización de gerente' });
      await dialog.waitFor(WAIT);
      expect(await dialog.getByTestId('approver').inputValue(), 'their own name, filled in').to.equal('manager-s1');
      await dialog.getByTestId('approver-password').fill(rig.account('manager-s1').password);
      await dialog.getByTestId('approve').click();
      await p.locator('[data-testid="line-total"]').filter({ hasText: '$299.50' }).waitFor(WAIT);
      await payCash(p, '300');
      const folio = (await p.getByTestId('folio').first().textContent())!;
      await untilUploaded(p, inStore(rig, folio));
      const doc = await atCentral(folio);
      expect(await verdict(doc)).to.equal(null);
      const approver = (await catalog().get('approver:manager-s1')) as unknown as Approver;
      expect(approver.keys.find((k) => k.keyId === doc.approval!.keyId)?.device, 'a key of the manager\'s own till').to.equal(managerTill);
    } finally {
      await context.close();
    }
  });

  it('measures, in the page, what opening a wrapped key costs: the PBKDF2 derivation and the unwrap (figures only)', async function () {
    // Raw WebCrypto in the page: make and wrap a P-256 key under PBKDF2-SHA-256 600,000, then time the unwrap path.
    const times = await page().evaluate(`(async () => {
      const s = crypto.subtle;
      const base = await s.importKey('raw', new TextEncoder().encode('secreto'), 'PBKDF2', false, ['deriveKey']);
      const salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
      const kek = await s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600000 }, base, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
      const pair = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
      const wrapped = await s.wrapKey('pkcs8', pair.privateKey, kek, { name: 'AES-GCM', iv });
      const out = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const b = await s.importKey('raw', new TextEncoder().encode('secreto'), 'PBKDF2', false, ['deriveKey']);
        const k = await s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600000 }, b, { name: 'AES-GCM', length: 256 }, false, ['unwrapKey']);
        const t1 = performance.now();
        await s.unwrapKey('pkcs8', wrapped, k, { name: 'AES-GCM', iv }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
        out.push([t1 - t0, performance.now() - t1]);
      }
      return out;
    })()`) as Array<[number, number]>;
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    console.log(`      in Chromium: PBKDF2-SHA-256 600,000 → ${fmt(times.map((t) => t[0]))} ms; AES-GCM unwrap + import → ${fmt(times.map((t) => t[1]))} ms`);
    expect(times).to.have.length(3);
  });
});
