import { expect } from 'chai';
import { isValid } from '../../../validators/validate.js';
import { authorship, checkMerge, choosableFields, mergeOf } from '../../../admin-ui/services/merge-builder.js';

const product = { _id: 'product:PS-1', type: 'product', sku: 'PS-1', model: 'Oxford', name: 'Oxford Negro 25', colour: 'Negro', size: '25', price: 1000_00, cost: 500_00, active: true };
const a = { rev: '2-a', body: { ...product, price: 1100_00, updatedAt: '2026-11-24T08:00:00.000Z-0000-s1.pos1', updatedBy: 'chain-admin' } };
const b = { rev: '2-b', body: { ...product, name: 'Oxford Negro 25 (nuevo)', notes: 'x', updatedAt: '2026-11-24T09:00:00.000Z-0001-s1.pos2', updatedBy: 'manager-s1' } };

describe('admin-ui/services/merge-builder', function () {
  it('offers the fields that differ, leaving central its stamps and author', function () {
    expect(choosableFields([a, b])).to.deep.equal(['name', 'notes', 'price']);
  });

  it('takes each field from the revision picked for it, the first by default, and the latest stamp', function () {
    const merged = mergeOf([a, b], { name: 1 }, 'chain-admin');
    expect(merged).to.include({ price: 1100_00, name: 'Oxford Negro 25 (nuevo)', updatedBy: 'chain-admin', updatedAt: b.body.updatedAt });
    expect(merged).not.to.have.property('notes');
    expect(mergeOf([a, b], { notes: 1 }, 'x')).to.include({ notes: 'x' });
  });

  it('validates the merge with the product schema and names the bad field', function () {
    expect(checkMerge(mergeOf([a, b], { name: 1, price: 0 }, 'chain-admin'), 'catalog', isValid)).to.deep.equal({ ok: true, message: null, field: null });
    const bad = checkMerge({ ...mergeOf([a, b], {}, 'chain-admin'), price: 12.5 }, 'catalog', isValid);
    expect(bad).to.deep.include({ ok: false, field: 'price' });
    expect(bad.message).to.contain('product/price');
    expect(checkMerge({ ...mergeOf([a, b], {}, 'chain-admin'), sale: 1 }, 'catalog', isValid).field).to.equal('sale');
  });

  it("tells who wrote a revision and when from its updatedBy and HLC stamp", function () {
    expect(authorship(b.body)).to.deep.equal({ by: 'manager-s1', at: '2026-11-24T09:00:00.000Z', node: 's1.pos2' });
    expect(authorship({})).to.deep.equal({ by: '—', at: null, node: null });
  });
});
