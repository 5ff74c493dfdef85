// Returns against their sales at a real central: a return is counted only up to what its sale
// sold and was paid, summed over every counted return of that sale from any till; a return of a
// sale central has not seen waits in quarantine, and is released when the sale arrives. Each
// refused return leaves what central counts (stock, takings, refunds) as it was.
import { expect } from 'chai';
import { type Attacker, type RulesRig, type Till, startRulesRig } from '../../helpers/store-attacker.js';
import { waitFor } from '../../helpers/wait-for.js';
import type { Return, Sale } from '../../../validators/index.js';

const SKU = 'PS-M02-CAF-26';

describe('returns against their sales at central (integration)', function () {
  this.timeout(120_000);
  let a: Attacker;
  let pos7: Till;
  let pos8: Till;
  let price: number;

  let rig: RulesRig | undefined;

  before(async function () {
    rig = await startRulesRig(SKU);
    ({ a, pos7, pos8, price } = rig);
  });
  after(async () => rig?.stop());

  /** A signed sale of two pairs, written and counted (an unsigned marker after it is quarantined). */
  const soldTwo = async (): Promise<Sale> => {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, qty: 2, unitPrice: price }]));
    await a.write(sale);
    await settled();
    expect(await a.doc(sale._id)).to.not.have.property('quarantined');
    return sale;
  };
  /** Waits until central has checked everything written so far. */
  const settled = async () => {
    const marker = a.sale(pos7, [{ sku: SKU, unitPrice: price }]);
    await a.write(marker);
    await a.quarantined(marker._id);
  };
  const refused = async (doc: Return): Promise<string> => {
    const before = await a.counted();
    await a.write(doc);
    const reason = await a.quarantined(doc._id);
    expect(await a.counted(), 'nothing counted changed').to.deep.equal(before);
    return reason;
  };

  it('counts a return within what its sale sold', async function () {
    const sale = await soldTwo();
    const ret = await pos8.signer.sign(await a.approved(a.giveBack(pos8, sale, [{ line: 0, qty: 1 }])));
    await a.write(ret);
    await settled();
    expect(await a.doc(ret._id)).to.not.have.property('quarantined');
  });

  it('quarantines a return of more than its sale sold', async function () {
    const sale = await soldTwo();
    const built = a.giveBack(pos8, sale, [{ line: 0, qty: 2 }]);
    const lines = [{ ...built.lines[0]!, qty: 3 }];
    const total = 3 * price;
    // Even a manager's approval does not make it right.
    const ret = await pos8.signer.sign(await a.approved({ ...built, lines, total, refunds: [{ method: 'card' as const, amount: total }] }));
    expect(await refused(ret)).to.equal(`return/lines/0: gives back 3 of sale line 0 (${SKU}), which sold 2 (and 1 more)`);
  });

  it('quarantines a forged refund of 5,000,000 against a counted sale, approvedBy or not', async function () {
    const sale = await soldTwo();
    const built = a.giveBack(pos8, sale, [{ line: 0, qty: 1 }]);
    const ret = await pos8.signer.sign({ ...built, lines: [{ ...built.lines[0]!, unitPrice: 5_000_000 }], total: 5_000_000, refunds: [{ method: 'cash' as const, amount: 5_000_000 }] });
    expect(ret.approvedBy, 'it names a manager, who never signed it').to.equal('manager-s1');
    expect(await refused(ret)).to.equal(`return/lines/0: unit price 5000000 is not ${price}, what sale line 0 charged (and 2 more)`);
  });

  it('quarantines a refund of 5,000,000 against a sale of 5 centavos, itself not counted', async function () {
    const tiny = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, unitPrice: 5 }]));
    await a.write(tiny);
    await a.quarantined(tiny._id); // 5 centavos for a pair is itself refused; the return waits on it
    const built = a.giveBack(pos8, { ...tiny, quarantined: undefined } as Sale, [{ line: 0, qty: 1 }]);
    const ret = await pos8.signer.sign({ ...built, lines: [{ ...built.lines[0]!, unitPrice: 5_000_000 }], total: 5_000_000, refunds: [{ method: 'cash' as const, amount: 5_000_000 }] });
    // …and its approvedBy is only a name: no manager signed it (the second problem).
    expect(await refused(ret)).to.equal(`sale ${tiny._id} is quarantined; its returns wait until it is cleared (and 1 more)`);
  });

  it('quarantines the second of two tills refunding the same units while apart', async function () {
    const sale = await soldTwo();
    const first = await pos7.signer.sign(await a.approved(a.giveBack(pos7, sale, [{ line: 0, qty: 2 }])));
    const second = await pos8.signer.sign(await a.approved(a.giveBack(pos8, sale, [{ line: 0, qty: 2 }])));
    await a.write(first);
    await settled();
    expect(await a.doc(first._id)).to.not.have.property('quarantined');
    expect(await refused(second)).to.equal(`return/lines/0: gives back 2 of sale line 0 (${SKU}), which sold 2 and has 2 back already`);
  });

  it('quarantines a return of a sale central has not seen, and releases it when the sale arrives', async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, qty: 2, unitPrice: price }]));
    const early = await pos8.signer.sign(await a.approved(a.giveBack(pos8, sale, [{ line: 0, qty: 1 }])));
    expect(await refused(early)).to.equal(`sale ${sale._id} not found; checked again when it arrives`);
    const refunds = (await a.counted()).returns;
    await a.write(sale);
    await a.lifted(early._id);
    expect(await a.doc(early._id)).to.not.have.property('quarantined');
    expect((await a.counted()).returns, 'the refund now counts').to.not.deep.equal(refunds);
  });

  it('releases the earlier of two returns of the same units that both came before their sale, and keeps the other', async function () {
    const sale = await pos7.signer.sign(a.sale(pos7, [{ sku: SKU, qty: 2, unitPrice: price }]));
    const first = await pos7.signer.sign(await a.approved(a.giveBack(pos7, sale, [{ line: 0, qty: 2 }])));
    const second = await pos8.signer.sign(await a.approved(a.giveBack(pos8, sale, [{ line: 0, qty: 2 }])));
    await a.write(second, first);
    expect(await a.quarantined(first._id)).to.match(/not found/);
    expect(await a.quarantined(second._id)).to.match(/not found/);
    await a.write(sale);
    await a.lifted(first._id);
    await waitFor(async () => /has 2 back already/.test((await a.doc(second._id)).quarantined.reason), { what: 'the second return to be kept, for giving back too much' });
    expect(await a.doc(first._id)).to.not.have.property('quarantined');
  });
});

