// What a follower shows of a handed snapshot page as it is and what it reads back (handed-page.ts).
import { expect } from 'chai';
import { splitHandedPage, staleAfterHandOff } from '../../../../store-client/pos/services/handed-page.js';
import type { SnapshotDoc } from '../../../../store-client/snapshot/index.js';

const leaf = (id: string, rev: string, extra: object = {}): SnapshotDoc => {
  const [gen, hash] = rev.split('-') as [string, string];
  return { _id: id, _rev: rev, _revisions: { start: Number(gen), ids: [hash] }, ...extra };
};

describe('store-client/pos/services/handed-page', () => {
  const cases: { what: string; docs: SnapshotDoc[]; seen: string[]; direct: string[]; readBack: string[] }[] = [
    { what: 'a document met for the first time, with one leaf, is shown as it is', docs: [leaf('p:1', '1-a')], seen: [], direct: ['p:1 1-a'], readBack: [] },
    { what: 'a deletion met for the first time is shown as one (get answers not_found)', docs: [leaf('p:1', '2-b', { _deleted: true })], seen: [], direct: ['p:1 2-b deleted'], readBack: [] },
    { what: 'two leaves of one document (a conflict) are read back for their winner', docs: [leaf('p:1', '2-b'), leaf('p:1', '2-c'), leaf('p:2', '1-a')], seen: [], direct: ['p:2 1-a'], readBack: ['p:1'] },
    { what: 'a document held or handed before is read back (its tree is not the page\'s alone)', docs: [leaf('p:1', '3-z'), leaf('p:2', '1-a')], seen: ['p:1'], direct: ['p:2 1-a'], readBack: ['p:1'] },
    { what: 'a document with attachments is read back (get gives stubs, the page their data)', docs: [leaf('p:1', '1-a', { _attachments: { 'a.png': { data: 'AA==' } } })], seen: [], direct: [], readBack: ['p:1'] },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const page = splitHandedPage(c.docs, new Set(c.seen));
      expect(page.direct.map((d) => `${d._id} ${d._rev}${d._deleted ? ' deleted' : ''}`)).to.deep.equal(c.direct);
      expect(page.readBack).to.deep.equal(c.readBack);
    });
  }

  it('shows a document without its _revisions, as get returns it', () => {
    const [shown] = splitHandedPage([leaf('p:1', '1-a', { name: 'Bota' })], new Set()).direct;
    expect(shown).to.deep.equal({ _id: 'p:1', _rev: '1-a', name: 'Bota' });
  });

  it('finds after a hand-off every winner that differs from what is shown, and what is live no more', () => {
    const shown = new Map([['p:1', '1-a'], ['p:2', '2-b'], ['p:3', '1-c']]);
    const winners = [{ id: 'p:1', rev: '1-a' }, { id: 'p:2', rev: '3-x' }, { id: 'p:4', rev: '1-d' }];
    expect(staleAfterHandOff(shown, winners).sort()).to.deep.equal(['p:2', 'p:3', 'p:4']);
    expect(staleAfterHandOff(new Map([['p:1', '1-a']]), [{ id: 'p:1', rev: '1-a' }])).to.deep.equal([]);
  });
});
