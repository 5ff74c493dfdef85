// Several databases' latest `_changes` rows as the feed's one list, pure.
import { expect } from 'chai';
import { mergeRecent } from '../../../central/recent-changes/index.js';

const row = (id: string, updatedAt: string | null, extra: Record<string, unknown> = {}) => ({
  id, seq: '1', changes: [{ rev: '1-a' }], doc: updatedAt === null ? null : { _id: id, updatedAt, updatedBy: 'ana' }, ...extra,
});

describe('central/recent-changes', function () {
  it('merges databases newest first by when written, names store and type, and cuts at the limit', function () {
    const merged = mergeRecent([
      { db: 'catalog', rows: [row('product:A', '2026-12-02T10:00:03.000Z-0000-central'), row('product:B', '2026-12-02T10:00:01.000Z-0000-central')] },
      { db: 'store-s1', rows: [row('sale:s1:x', '2026-12-02T10:00:02.000Z-0000-s1.pos1')] },
    ], 2);
    expect(merged).to.deep.equal([
      { db: 'catalog', docType: 'product', docId: 'product:A', store: null, deleted: false, rev: '1-a', who: 'ana', when: '2026-12-02T10:00:03.000Z-0000-central' },
      { db: 'store-s1', docType: 'sale', docId: 'sale:s1:x', store: 's1', deleted: false, rev: '1-a', who: 'ana', when: '2026-12-02T10:00:02.000Z-0000-s1.pos1' },
    ]);
  });

  it('leaves design documents out and puts changes of unknown time last', function () {
    const merged = mergeRecent([{ db: 'catalog', rows: [row('product:gone', null, { deleted: true }), row('_design/pronto', 'Z'), row('product:A', '2026')] }], 10);
    expect(merged.map((c) => [c.docId, c.deleted])).to.deep.equal([['product:A', false], ['product:gone', true]]);
  });
});
