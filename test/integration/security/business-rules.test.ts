// Central's business rules against a real central (embedded server, demo chain): a store account
// with a key a manager enrolled signs sales and moves that break the rules and writes them
// through /db. CouchDB stores them (they are well-formed and signed); central quarantines each,
// with a reason that names the problem, and nothing central counts changes. What is merely odd
// (yesterday's price) is flagged and counted. The demo chain itself is neither.
import { expect } from 'chai';
import type { DemoCentral } from '../../helpers/demo-central.js';
import { stampNow, today, type Attacker, type RulesRig, type Till, startRulesRig } from '../../helpers/store-attacker.js';

const SKU = 'PS-M01-NEG-25';
const DAY = 86_400_000;

describe('business rules at central (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let a: Attacker;
  let pos7: Till;
  let pos8: Till;
  let price: number;

  let rig: RulesRig | undefined;

  before(async function () {
    rig = await startRulesRig(SKU);
    ({ demo, a, pos7, pos8, price } = rig);
  });
  after(async () => rig?.stop());

  /** Writes `doc`, waits for its quarantine and checks nothing counted changed; returns the reason. */
  const refused = async (doc: { _id: string }): Promise<string> => {
    const before = await a.counted();
    await a.write(doc);
    const reason = await a.quarantined(doc._id);
    expect((await a.doc(doc._id)).quarantined.reason).to.equal(reason);
    expect(await a.counted(), 'nothing counted changed').to.deep.equal(before);
    return reason;
  };

  it('seeds the demo chain with nothing quarantined or flagged', async function () {
    // An unsigned marker: once it is quarantined, the demo's documents before it were checked.
    const marker = a.sale(pos7, [{ sku: SKU, unitPrice: price }]);
    await a.write(marker);
    await a.quarantined(marker._id);
    const audit = (await (await fetch(`${demo.central.url}/api/audit?limit=500`, { headers: { Authorization: 'Basic ' + Buffer.from(`chain-admin:${demo.account('chain-admin').password}`).toString('base64') } })).json()) as { entries: Array<{ action: string; details?: any }> };
    const quarantined = audit.entries.filter((e) => e.action === 'sale.quarantined').flatMap((e) => e.details.documents.map((d: { id: string }) => d.id));
    expect(quarantined).to.deep.equal([marker._id]);
    expect(audit.entries.filter((e) => e.action === 'store-doc.flagged')).to.deep.equal([]);
  });

  it("counts a signed sale at the catalog price", async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: price }]));
    const before = await a.counted();
    await a.write(sale);
    // A later unsigned sale's quarantine tells us this one was checked.
    const marker = a.sale(pos7, [{ sku: SKU, unitPrice: price }]);
    await a.write(marker);
    await a.quarantined(marker._id);
    expect(await a.doc(sale._id)).to.not.have.property('quarantined');
    expect(await a.counted()).to.not.deep.equal(before);
  });

  it("quarantines a sale signed by device A's key that names device B", async function () {
    const sale = await pos7.signer.sign(a.sale(pos8, [{ sku: SKU, unitPrice: price }]));
    expect(await refused(sale)).to.match(/^key \S+ is not registered for device s1\/s1.pos8$/);
  });

  it("quarantines a sale signed by device A whose id's stamp was made by device B", async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: price }], { stamp: stampNow('s1.pos8') }));
    expect(await refused(sale)).to.equal("the id's stamp was made by device s1.pos8, not by s1.pos7, whose key signed it");
  });

  it('quarantines a sale at 1 centavo of a 59,900 product, naming the line and both figures', async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: 1 }]));
    expect(await refused(sale)).to.equal(`sale/lines/0: 99.99% off ${SKU} (price ${price}, charged 1) needs a manager's approval; cashiers give up to 10% (no approval)`);
  });

  it('quarantines a sale of a SKU the catalog does not have', async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: 'PS-M99-FAKE-25', unitPrice: 100 }]));
    expect(await refused(sale)).to.equal('sale/lines/0: unknown SKU PS-M99-FAKE-25 (not in the catalog)');
  });

  it('quarantines a sale dated ten years ahead', async function () {
    const at = Date.now() + 3652 * DAY;
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: price }], { stamp: stampNow('s1.pos7', 3652 * DAY), businessDay: new Date(at).toISOString().slice(0, 10) }));
    expect(await refused(sale)).to.match(/^sale\/_id is stamped \S+, 365[12] days ahead of central's clock \(10 min allowed\)$/);
  });

  it('quarantines a sale whose business day is far from its stamp', async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: price }], { businessDay: '2026-01-01' }));
    expect(await refused(sale)).to.equal(`sale/businessDay 2026-01-01 is more than a day from its stamp's date (${today()} UTC)`);
  });

  it('quarantines a +500 stock adjustment without a manager\'s approval', async function () {
    const move = await pos7.signer.sign(a.move(pos7, { kind: 'adjustment', reason: 'found them', lines: [{ sku: SKU, qty: 500 }] }));
    expect(await refused(move)).to.equal(`move: a stock adjustment (+500 ${SKU}) needs a manager's approval (no approval)`);
  });

  it('quarantines opening stock written by a till', async function () {
    const move = await pos7.signer.sign(a.move(pos7, { kind: 'opening', lines: [{ sku: SKU, qty: 500 }] }));
    expect(await refused(move)).to.equal('move: opening stock is written by central only, not by device s1.pos7');
  });

  it("counts and flags a sale at yesterday's price within a cashier's discount, audited and announced", async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: price - 1_000 }]));
    const before = await a.counted();
    await a.write(sale);
    expect(await a.flagged(sale._id)).to.equal(`sale/lines/0: ${SKU} sold at unit price ${price - 1_000}; the catalog says ${price}`);
    expect(await a.doc(sale._id)).to.not.have.property('quarantined');
    expect(await a.counted()).to.not.deep.equal(before);
    const audit = (await (await fetch(`${demo.central.url}/api/audit?limit=500`, { headers: { Authorization: 'Basic ' + Buffer.from(`chain-admin:${demo.account('chain-admin').password}`).toString('base64') } })).json()) as { entries: Array<{ action: string; details?: any }> };
    const flagged = audit.entries.filter((e) => e.action === 'store-doc.flagged').flatMap((e) => e.details.documents.map((d: { id: string }) => d.id));
    expect(flagged).to.deep.equal([sale._id]);
  });
});
