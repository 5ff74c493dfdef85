import { expect } from 'chai';
import { assessStoreDoc, posRules, quarantineReason, DEFAULT_POS_RULES, type ApprovalVerdict } from '../../../../central/rules/index.js';
import { context, DAY, giveBack, move, sale, stamp } from './helpers.js';

const approved: ApprovalVerdict = () => Promise.resolve(null);
const refused: ApprovalVerdict = () => Promise.resolve('no valid approval');

describe('central/rules/assess-store-doc', () => {
  it('counts a sale at the catalog price, with nothing to say', async () => {
    expect(await assessStoreDoc(sale(), context(), refused)).to.deep.equal({ quarantine: [], flags: [] });
  });

  it('quarantines a discount above the cashier limit when the approval does not verify, saying why', async () => {
    expect(await assessStoreDoc(sale([{ unitPrice: 1 }]), context(), refused)).to.deep.equal({
      quarantine: ["sale/lines/0: 99.99% off PS-M01-NEG-25 (price 59900, charged 1) needs a manager's approval; cashiers give up to 10% (no valid approval)"],
      flags: [],
    });
  });

  it('counts it with a valid approval, flagging the price that differs from the catalog', async () => {
    expect(await assessStoreDoc(sale([{ unitPrice: 1 }]), context(), approved)).to.deep.equal({
      quarantine: [], flags: ['sale/lines/0: PS-M01-NEG-25 sold at unit price 1; the catalog says 59900'],
    });
  });

  it('asks for the approval once, and only when a rule needs one', async () => {
    let asked = 0;
    const counting: ApprovalVerdict = () => { asked += 1; return Promise.resolve(null); };
    await assessStoreDoc(sale(), context(), counting);
    expect(asked).to.equal(0);
    await assessStoreDoc(sale([{ unitPrice: 1 }, { sku: 'PS-M02-CAF-26', unitPrice: 1 }]), context(), counting);
    expect(asked).to.equal(1);
  });

  it('lists every problem of a document', async () => {
    const bad = sale([{ sku: 'FAKE-1' }], { at: stamp(3652 * DAY), businessDay: '2036-11-23' });
    expect((await assessStoreDoc(bad, context(), approved)).quarantine).to.have.length(2);
  });

  it('trusts what central signed itself (the demo chain, opening stock)', async () => {
    const opening = move({ kind: 'opening', lines: [{ sku: 'NOT-IN-CATALOG', qty: 5 }] }, { device: 'central', at: stamp(-90 * DAY, 'central') });
    expect(await assessStoreDoc(opening, context(), refused)).to.deep.equal({ quarantine: [], flags: [] });
  });

  it('quarantines a return of a missing sale and a return without a valid approval', async () => {
    const ret = giveBack(sale(), [{ line: 0, qty: 1 }]);
    expect((await assessStoreDoc(ret, context({ sale: null, counted: [] }), approved)).quarantine).to.deep.equal([`sale ${ret.sale} not found; checked again when it arrives`]);
    expect((await assessStoreDoc(ret, context({ sale: sale(), counted: [] }), refused)).quarantine).to.deep.equal(["return: a return needs a manager's approval (no valid approval)"]);
  });

  it('writes one reason that fits a quarantine flag (200 characters), counting the others', () => {
    expect(quarantineReason(['a', 'b', 'c'])).to.equal('a (and 2 more)');
    const long = quarantineReason(['x'.repeat(300), 'y']);
    expect(long).to.have.length(200);
    expect(long.endsWith('… (and 1 more)')).to.equal(true);
  });
});

describe('central/rules/pos-rules', () => {
  it('fills in the defaults and keeps valid settings', () => {
    expect(posRules(undefined)).to.deep.equal({ cashierMaxDiscountPct: 10, managerMaxDiscountPct: 100, maxClockSkewMin: 10, maxOfflineDays: 30 });
    expect(posRules({ cashierMaxDiscountPct: 15, managerMaxDiscountPct: 60.5, maxClockSkewMin: 3, maxOfflineDays: 7 }))
      .to.deep.equal({ cashierMaxDiscountPct: 15, managerMaxDiscountPct: 60.5, maxClockSkewMin: 3, maxOfflineDays: 7 });
  });
  it('falls back to the default for each value that is not valid', () => {
    expect(posRules({ cashierMaxDiscountPct: 150, managerMaxDiscountPct: '50', maxClockSkewMin: 0, maxOfflineDays: 2.5 })).to.deep.equal(DEFAULT_POS_RULES);
    expect(posRules('nonsense')).to.deep.equal(DEFAULT_POS_RULES);
  });
});
