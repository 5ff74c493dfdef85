import { expect } from 'chai';
import { createNodePouch } from '../../../store-client/index.js';
import { createRefusedDocsStore } from '../../../store-client/refused-docs-store.js';
import type { Refusal } from '../../../store-client/refused-revisions.js';

const PouchDB = createNodePouch();
let unique = 0;

describe('store-client/refused-docs-store', () => {
  it('saves over a document another tab wrote meanwhile (re-reads its _rev: no 409 stops it), and loads what it saved', async () => {
    const db = new PouchDB(`refused-store-${process.pid}-${unique++}`, { adapter: 'memory' });
    try {
      let list: Refusal[] = [{ id: 'sale:a', rev: '1-a', reason: 'sale/total must be integer', at: '2026-12-02T10:00:00.000Z' }];
      const store = createRefusedDocsStore(db, () => list);
      expect(await store.load()).to.deep.equal([]);
      await store.save();
      // Another tab of the same till writes the document twice: any _rev this store had is stale.
      const other = createRefusedDocsStore(db, () => []);
      await other.save();
      await other.save();
      list = [...list, { id: 'sale:b', rev: '1-b', reason: 'forbidden', at: '2026-12-02T10:05:00.000Z' }];
      await store.save();
      expect(await store.load()).to.deep.equal(list);
    } finally {
      await db.destroy();
    }
  });

  it('ignores malformed entries in the stored document', async () => {
    const db = new PouchDB(`refused-store-${process.pid}-${unique++}`, { adapter: 'memory' });
    try {
      await db.put({ _id: '_local/refused-docs', refusals: [{ id: 'sale:a' }, null, { id: 'sale:b', rev: '1-b', reason: 'x', at: 't' }] });
      expect(await createRefusedDocsStore(db, () => []).load()).to.deep.equal([{ id: 'sale:b', rev: '1-b', reason: 'x', at: 't' }]);
    } finally {
      await db.destroy();
    }
  });
});
