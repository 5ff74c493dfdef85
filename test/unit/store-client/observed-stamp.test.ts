import { expect } from 'chai';
import { observedStamp } from '../../../store-client/observed-stamp.js';
import { sale, storeStatus } from '../validators/fixtures.js';

describe('store-client/observed-stamp', () => {
  it('gives a pulled sale\'s updatedAt to the clock', () => {
    expect(observedStamp(sale)).to.equal(sale.updatedAt);
  });

  it('gives nothing of a store-status document, by type or by id', () => {
    expect(observedStamp(storeStatus)).to.equal(undefined);
    expect(observedStamp({ _id: storeStatus._id, updatedAt: storeStatus.updatedAt })).to.equal(undefined);
  });

  it('gives nothing when updatedAt is missing or not a string', () => {
    expect(observedStamp({ _id: 'x', type: 'sale' })).to.equal(undefined);
    expect(observedStamp({ _id: 'x', type: 'sale', updatedAt: 42 })).to.equal(undefined);
  });
});
