import { expect } from 'chai';
import { findViolations, type Doc, type Evidence } from '../../../../central/simulate/find-violations.js';
import { windowMs, chooseAction } from '../../../../central/simulate/schedule.js';

const sale: Doc = { _id: 'sale:s1:a-0000-s1.t1', type: 'sale', device: 's1.t1', lines: [{ sku: 'RUN-1', qty: 2 }], total: 100 };
const design: Doc = { _id: '_design/pronto', _rev: '1-d' };

function evidence(over: { atCentral?: Doc[]; stock?: Record<string, number>; replica?: Map<string, string> } = {}): Evidence {
  const atCentral = over.atCentral ?? [{ ...sale, _rev: '1-a' }, design];
  return {
    stores: [{ store: 's1', baselineStock: { 'RUN-1': 10 }, stock: over.stock ?? { 'RUN-1': 8 }, atCentral: new Map(atCentral.map((d) => [d._id, d])), openRefusals: [] }],
    tills: [{
      device: 's1.t1', store: 's1', written: [sale], status: { state: 'online', pending: 0, refused: [] },
      replica: { store: over.replica ?? new Map(atCentral.map((d) => [d._id, d._rev!])), catalog: new Map() },
    }],
    catalog: new Map(), auditProblem: null,
  };
}

describe('simulate findViolations', () => {
  it('finds nothing when every sale is at central, stock follows the movements and the replica matches', () => {
    expect(findViolations(evidence())).to.deep.equal([]);
  });

  it('names a sale a till wrote that central does not have, and the stock that no longer adds up', () => {
    const v = findViolations(evidence({ atCentral: [design], stock: { 'RUN-1': 10 } }));
    expect(v).to.include(`${sale._id} written at s1.t1 is not at central`);
    expect(v.some((x) => x.startsWith('stock of RUN-1'))).to.equal(true);
  });

  it('names a sale whose body changed on the way, one nobody wrote, a leftover conflict and a stale replica', () => {
    const v = findViolations(evidence({
      atCentral: [{ ...sale, _rev: '2-b', total: 99, _conflicts: ['2-c'] }, { ...sale, _id: 'sale:s1:b-0000-s1.t1', _rev: '1-x', lines: [] }, design],
      replica: new Map([[sale._id, '1-a']]),
    }));
    expect(v).to.include(`${sale._id} differs at central from what s1.t1 wrote`);
    expect(v).to.include('sale:s1:b-0000-s1.t1 is at central but s1.t1 never wrote it');
    expect(v.some((x) => x.includes('still has conflicts 2-c'))).to.equal(true);
    expect(v.some((x) => x.startsWith('s1.t1 store:'))).to.equal(true);
  });
});

describe('simulate schedule', () => {
  it('never takes a till offline at rate 0 and never brings it back at rate 1', () => {
    expect(windowMs(0.5, true, 0, 1000)).to.equal(Infinity);
    expect(windowMs(0.5, false, 1, 1000)).to.equal(Infinity);
  });

  it('keeps a till offline about `rate` of the time over many windows', () => {
    let a = 1;
    const r = () => ((a = (a * 16807) % 2147483647) / 2147483647);
    const on = Array.from({ length: 4000 }, () => windowMs(r(), true, 0.2, 1000)).reduce((s, x) => s + x, 0);
    const off = Array.from({ length: 4000 }, () => windowMs(r(), false, 0.2, 1000)).reduce((s, x) => s + x, 0);
    expect(off / (on + off)).to.be.within(0.17, 0.23);
  });

  it('mostly sells', () => {
    expect(chooseAction(0)).to.equal('sell');
    expect(chooseAction(0.999)).to.equal('edit');
  });
});
