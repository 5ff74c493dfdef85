import { expect } from 'chai';
import { splitWindow } from '../../../../central/snapshot/read-snapshot.js';

const H = 'a'.repeat(32);

describe('read-snapshot splitWindow', () => {
  it('takes a single first-generation leaf from the window, with its whole history as _revisions', () => {
    const { docs, leaves } = splitWindow([{ id: 'product:A', changes: [{ rev: `1-${H}` }], doc: { _id: 'product:A', _rev: `1-${H}`, name: 'a' } }]);
    expect(docs).to.deep.equal([{ _id: 'product:A', _rev: `1-${H}`, name: 'a', _revisions: { start: 1, ids: [H] } }]);
    expect(leaves).to.deep.equal([]);
  });

  it('leaves to _bulk_get every leaf of later generations, conflicts, tombstones, attachments and bodies newer than the row', () => {
    const rows = [
      { id: 'p:2', changes: [{ rev: `2-${H}` }], doc: { _id: 'p:2', _rev: `2-${H}` } },
      { id: 'p:c', changes: [{ rev: `1-${H}` }, { rev: `1-${'b'.repeat(32)}` }], doc: { _id: 'p:c', _rev: `1-${H}` } },
      { id: 'p:d', changes: [{ rev: `1-${H}` }], doc: { _id: 'p:d', _rev: `1-${H}`, _deleted: true } },
      { id: 'p:att', changes: [{ rev: `1-${H}` }], doc: { _id: 'p:att', _rev: `1-${H}`, _attachments: { x: { stub: true } } } },
      { id: 'p:newer', changes: [{ rev: `1-${H}` }], doc: { _id: 'p:newer', _rev: `2-${H}` } },
      { id: 'p:nodoc', changes: [{ rev: `1-${H}` }] },
    ];
    const { docs, leaves } = splitWindow(rows);
    expect(docs).to.deep.equal([]);
    expect(leaves.map((l) => `${l.id} ${l.rev.slice(0, 3)}`)).to.deep.equal(['p:2 2-a', 'p:c 1-a', 'p:c 1-b', 'p:d 1-a', 'p:att 1-a', 'p:newer 1-a', 'p:nodoc 1-a']);
  });
});
