// Returns and voids at the web POS in real Chromium against a real central: a manager approves
// at the till (checked by central while online, by their approval key kept on the device, which
// only their password opens, while offline), a return gives back part of a discounted sale with its share of the discount, a
// void cancels today's sale, and back online central has both exactly once, signed, with the
// stock back on the shelf.
import { expect } from 'chai';
import { approvalVerdict } from '../../central/approvers/index.js';
import {
  WAIT, centralStock, deviceOf, eventually, logIn, payCash, scan, startPosRig, untilUploaded, type PosRig,
} from '../helpers/pos-e2e.js';

const A1 = 'PS-M01-NEG-25.5'; // $599.00
const A2 = 'PS-M02-CAF-26';
const B1 = 'PS-M03-BLA-27';

interface CentralReturn { _id: string; store: string; approval?: { keyId: string; signature: string }; kind: string; sale: string; total: number; approvedBy: string; refunds: { method: string; amount: number }[]; signature?: string; quarantined?: unknown; lines: { line: number; qty: number; discount: number }[] }

describe('POS returns and voids (Chromium)', function () {
  let rig: PosRig;
  let device: string;
  let saleA: string;
  let saleB: string;
  const stock: Record<string, number> = {};
  const page = () => rig.page;

  const approve = async (name: string, password: string) => {
    const dialog = page().getByRole('dialog', { name: 'Autorización de gerente' });
    await dialog.waitFor(WAIT);
    await dialog.getByTestId('approver').fill(name);
    await dialog.getByTestId('approver-password').fill(password);
    await dialog.getByTestId('approve').click();
  };
  const openSale = async (id: string) => {
    await page().getByTestId('sale-folio').fill(id);
    await page().getByRole('button', { name: 'Buscar' }).click();
    await page().getByTestId('return-qty').first().waitFor(WAIT);
  };
  const centralReturns = async () => {
    const q = `_all_docs?include_docs=true&startkey=${encodeURIComponent('"return:s1:"')}&endkey=${encodeURIComponent('"return:s1:\ufff0"')}`;
    return (await rig.couch<{ rows: { doc: CentralReturn }[] }>(`store-s1/${q}`)).rows.map((r) => r.doc);
  };

  before(async function () {
    rig = await startPosRig();
    await logIn(rig, 'cashier-s1');
    device = await deviceOf(page());
    for (const sku of [A1, A2, B1]) stock[sku] = await centralStock(rig, sku);
  });

  after(async function () {
    await rig?.stop();
  });

  it('sells a discounted ticket by card and another in cash', async function () {
    const p = page();
    await scan(p, A1);
    await scan(p, A1);
    await scan(p, A2);
    await p.locator(`[data-testid="cart-line"][data-sku="${A1}"] [data-testid="discount"]`).click();
    await p.getByTestId('discount-value').fill('10');
    await p.getByTestId('discount-apply').click();
    await p.getByTestId('method-card').click();
    await p.getByTestId('pay').click();
    await p.getByTestId('notice').filter({ hasText: 'Venta registrada' }).waitFor(WAIT);
    saleA = (await p.getByTestId('folio').first().textContent())!;
    await p.getByTestId('method-cash').click();
    await scan(p, B1);
    await payCash(p, '2000');
    saleB = (await p.getByTestId('folio').first().textContent())!;
    expect(saleA).to.match(/^sale:s1:/);
    expect(saleB).to.not.equal(saleA);
  });

  it('returns one of two discounted pairs online with a manager\'s approval, refunding its share of the discount to the card', async function () {
    const p = page();
    await p.getByTestId('desk-returns').click();
    await p.locator(`[data-testid="recent-sale"][data-id="${saleA}"]`).waitFor(WAIT);
    await p.locator(`[data-testid="recent-sale"][data-id="${saleA}"] button`).click();
    await p.getByTestId('return-qty').first().fill('1');
    await p.getByTestId('return-reason').fill('Talla incorrecta');
    // 10% of two $599.00 pairs is $119.80; one pair takes half: $599.00 − $59.90.
    await p.getByTestId('refund').filter({ hasText: '$539.10' }).waitFor(WAIT);
    expect(await p.getByTestId('refund-method').inputValue()).to.equal('card');
    await p.getByTestId('do-return').click();
    await approve('manager-s1', rig.account('manager-s1').password);
    await p.getByTestId('return-notice').filter({ hasText: 'reembolsar $539.10' }).waitFor(WAIT);
    // Online, the return is uploaded at once: the next step's offline void must be the only thing pending.
    await untilUploaded(p, async () => (await centralReturns()).some((r) => r.sale === saleA));
    await rig.shot('20-return-recorded');
  });

  it('voids the cash sale while offline, approved by the same manager with the key kept on the till', async function () {
    const p = page();
    await rig.context.setOffline(true);
    await p.getByTestId('sync-state').filter({ hasText: 'Sin conexión' }).waitFor(WAIT);
    await openSale(saleB);
    await p.getByTestId('return-reason').fill('Cliente se arrepintió');
    await p.getByTestId('do-void').click();
    // A manager this till never saw online cannot approve offline; a wrong password neither.
    await approve('manager-s2', rig.account('manager-s2').password);
    await p.getByRole('dialog').getByRole('alert').filter({ hasText: 'debe haber autorizado antes' }).waitFor(WAIT);
    await approve('manager-s1', 'wrong-password');
    await p.getByRole('dialog').getByRole('alert').filter({ hasText: 'incorrectos' }).waitFor(WAIT);
    await approve('manager-s1', rig.account('manager-s1').password);
    await p.getByTestId('return-notice').filter({ hasText: 'Venta cancelada: reembolsar' }).waitFor(WAIT);
    await p.locator(`[data-testid="recent-sale"][data-id="${saleB}"]`).filter({ hasText: 'Cancelada' }).waitFor(WAIT);
    await rig.shot('21-void-offline');
    // Offline the count can only rise; read at once it could still show 0, before the till's changes feed counted the void.
    await p.getByTestId('pending').filter({ hasText: /^1$/ }).waitFor(WAIT);
  });

  it('offers only what is left of a sale and no void once part of it came back', async function () {
    const p = page();
    await openSale(saleA);
    const left = await p.getByTestId('return-qty').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).max));
    expect(left).to.deep.equal(['1', '1']);
    expect(await p.getByTestId('do-void').count()).to.equal(0);
    await p.getByRole('button', { name: 'Volver a la lista' }).click();
  });

  it('back online, central has the return and the void exactly once, signed by the till and approved by the manager\'s key, and the stock back', async function () {
    const p = page();
    await rig.context.setOffline(false);
    await p.getByTestId('pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    const returns = (await centralReturns()).filter((r) => r.sale === saleA || r.sale === saleB);
    expect(returns).to.have.length(2);
    const ret = returns.find((r) => r.sale === saleA)!;
    const voided = returns.find((r) => r.sale === saleB)!;
    expect(ret).to.include({ kind: 'return', total: 53_910, approvedBy: 'manager-s1' });
    expect(ret.refunds).to.deep.equal([{ method: 'card', amount: 53_910 }]);
    expect(ret.lines).to.deep.equal([{ line: 0, sku: A1, qty: 1, unitPrice: 59_900, discount: 5_990 }]);
    expect(voided).to.include({ kind: 'void', _id: `return:s1:void:${saleB.slice('sale:s1:'.length)}`, approvedBy: 'manager-s1' });
    for (const r of returns) expect(r.signature, r._id).to.be.a('string');
    const verdict = approvalVerdict({ nano: rig.central.state.couch.nano, approvers: rig.central.state.deps.approvers });
    for (const r of returns) expect(await verdict(r), r._id).to.equal(null);
    // Sold 2 × A1, 1 × A2, 1 × B1; one A1 came back and B1 was voided.
    expect(await eventually(async () => (await centralStock(rig, A1)) === stock[A1]! - 1
      && (await centralStock(rig, B1)) === stock[B1]! && (await centralStock(rig, A2)) === stock[A2]! - 1)).to.equal(true);
    for (const r of await centralReturns()) expect(r.quarantined, r._id).to.equal(undefined);
    expect(device).to.match(/^s1\.pos-/);
  });
});
