import { expect } from 'chai';
import { advanceMarks, NO_MARKS, type ChangeRow, type StoreLane } from '../../../../store-client/snapshot/delivered-marks.js';

const row = (seq: number, id: string, ...revs: string[]): ChangeRow => ({ id, seq, changes: revs.map((rev) => ({ rev })) });
const delivered = new Map([['sale:a', new Set(['1-a'])], ['sale:b', new Set(['1-b'])], ['design', new Set(['3-d'])], ['sale:c', new Set(['1-c'])]]);
const lane = (id: string): StoreLane => (id.startsWith('sale:') ? 'money' : 'rest');

describe('store-client/snapshot/delivered-marks', () => {
  it('moves both lanes past changes that hold only delivered revisions', () => {
    const m = advanceMarks(NO_MARKS, [row(1, 'sale:a', '1-a'), row(2, 'design', '3-d'), row(3, 'sale:b', '1-b')], 3, delivered, lane);
    expect(m).to.deep.equal({ scannedTo: 3, money: 3, rest: 3, stopped: [] });
  });

  it('stops a lane just before a change of its own, for good, and lets the other lane go on', () => {
    const first = advanceMarks(NO_MARKS, [row(1, 'sale:a', '1-a'), row(2, 'sale:mine', '1-m'), row(3, 'sale:b', '1-b')], 3, delivered, lane);
    expect(first).to.deep.equal({ scannedTo: 3, money: 1, rest: 3, stopped: ['money'] });
    const later = advanceMarks(first, [row(4, 'sale:c', '1-c')], 4, delivered, lane);
    expect(later).to.deep.equal({ scannedTo: 4, money: 1, rest: 4, stopped: ['money'] });
  });

  it('counts a delivered document with a leaf written here as a change of its own', () => {
    const m = advanceMarks(NO_MARKS, [row(1, 'sale:b', '1-b'), row(2, 'sale:a', '1-a', '2-local')], 2, delivered, lane);
    expect(m.money).to.equal(1);
    expect(m.stopped).to.deep.equal(['money']);
  });

  it('stops the lane of a change written before the first page at zero', () => {
    const m = advanceMarks(NO_MARKS, [row(1, 'store-status:s1:s1.pos1', '1-s'), row(2, 'sale:a', '1-a')], 2, delivered, lane);
    expect(m).to.deep.equal({ scannedTo: 2, money: 2, rest: 0, stopped: ['rest'] });
  });
});
