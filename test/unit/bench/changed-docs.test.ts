import { expect } from 'chai';
import { changedDocs } from '../../../bench/lib/changed-docs.js';

const sale = { _id: 'sale:s1:a', type: 'sale', total: 100, lines: [{ sku: 'RUN-01-25', qty: 1 }] };

describe('bench/lib/changed-docs', () => {
  it('counts a document unchanged whatever its key order and whatever revision central gave it', () => {
    const stored = new Map([[sale._id, { lines: [{ qty: 1, sku: 'RUN-01-25' }], total: 100, type: 'sale', _id: sale._id, _rev: '1-abc' }]]);
    expect(changedDocs([sale], stored)).to.deep.equal([]);
  });

  it('names a document that is missing, has a changed or an extra field', () => {
    const others = [{ ...sale, _id: 'sale:s1:b' }, { ...sale, _id: 'sale:s1:c' }, { ...sale, _id: 'sale:s1:d' }];
    const stored = new Map<string, Record<string, unknown>>([
      ['sale:s1:b', { ...others[0], total: 101, _rev: '1-x' }],
      ['sale:s1:c', { ...others[1], _meta: { lwt: 1 }, _rev: '1-y' }],
      ['sale:s1:d', { ...others[2], _rev: '1-z' }],
    ]);
    expect(changedDocs([sale, ...others], stored)).to.deep.equal(['sale:s1:a', 'sale:s1:b', 'sale:s1:c']);
  });
});
