// The pure rules of stock bases and history windows: which month start a till picks, which
// documents its window holds (the snapshot's `inWindow`, the key ranges it reads, the pull's
// selector), and what a base sums.
import { expect } from 'chai';
import { inWindow, ownStamp, windowCutoff, windowSelector } from '../../../../store-client/history-window.js';
import { windowRanges } from '../../../../central/snapshot/read-window-snapshot.js';
import { latestCutoff, moneyIdDay, sumBefore } from '../../../../central/stock-bases/index.js';
import { createNodePouch, type Db } from '../../../../store-client/index.js';

const W = { cutoff: '2026-09-01', baseId: 'stock-base:s1:2026-09-01' };
const docs = [
  { _id: 'sale:s1:2026-08-31T23:59:59.999Z-0000-s1.pos1', type: 'sale', updatedAt: '2026-08-31T23:59:59.999Z-0000-s1.pos1', want: false },
  { _id: 'sale:s1:2026-09-01T00:00:00.000Z-0000-s1.pos1', type: 'sale', updatedAt: '2026-09-01T00:00:00.000Z-0000-s1.pos1', want: true },
  { _id: 'move:s1:2026-01-05T10:00:00.000Z-0000-central', type: 'move', updatedAt: '2026-01-05T10:00:00.000Z-0000-central', want: false },
  { _id: 'move:s1:2026-10-05T10:00:00.000Z-0000-central', type: 'move', updatedAt: '2026-10-05T10:00:00.000Z-0000-central', want: true },
  { _id: 'return:s1:2026-10-05T10:00:00.000Z-0001-s1.pos1', type: 'return', updatedAt: '2026-10-05T10:00:00.000Z-0001-s1.pos1', want: true },
  { _id: 'return:s1:void:2026-08-31T20:00:00.000Z-0000-s1.pos1', type: 'return', updatedAt: '2026-08-31T20:05:00.000Z-0000-s1.pos1', want: false },
  { _id: 'return:s1:void:2026-08-31T23:00:00.000Z-0000-s1.pos1', type: 'return', updatedAt: '2026-09-01T00:01:00.000Z-0000-s1.pos1', want: true },
  { _id: 'stock-base:s1:2026-09-01', type: 'stock-base', want: true },
  { _id: 'stock-base:s1:2026-08-01', type: 'stock-base', want: false },
  { _id: 'store-status:s1:s1.pos1', type: 'store-status', want: true },
  { _id: '_design/pronto', want: true },
  { _id: 'sale:s1:2026-01-01T00:00:00.000Z-0000-s1.pos1', _deleted: true, want: true },
];

describe('history window and stock base rules', () => {
  it('a till picks the month start at least historyDays back; central publishes up to this month', () => {
    expect(windowCutoff(Date.parse('2026-11-20T12:00:00Z'), 60)).to.equal('2026-09-01');
    expect(windowCutoff(Date.parse('2026-12-01T00:00:00Z'), 31)).to.equal('2026-10-01');
    expect(latestCutoff(Date.parse('2026-12-03T05:00:00Z'))).to.equal('2026-12-01');
  });

  it('the window holds money documents by their own stamp (a void by its updatedAt), every other document, and only its base', () => {
    for (const d of docs) expect(inWindow(d, W), d._id).to.equal(d.want);
    expect(ownStamp(docs[5]!)).to.equal(docs[5]!.updatedAt);
  });

  it('the pull\'s selector says the same as inWindow for every case (PouchDB\'s own changes filter, memory adapter)', async () => {
    const PouchDB = createNodePouch();
    const db = new PouchDB(`window-rules-${process.pid}`, { adapter: 'memory' }) as unknown as Db;
    for (const { want: _want, _deleted, ...doc } of docs) {
      const { rev } = await db.put(doc);
      if (_deleted) await db.remove(doc._id, rev);
    }
    const res = await db.changes({ selector: windowSelector(W) } as never);
    const passed = new Set(res.results.map((r) => r.id));
    for (const d of docs) expect(passed.has(d._id), d._id).to.equal(d.want);
    await db.destroy();
  });

  it('the key ranges of a window snapshot hold every document of the window (keep cuts the rest)', () => {
    const ranges = windowRanges('s1', W.cutoff);
    const covered = (id: string) => ranges.filter(([a, b]) => id >= a && (b === null || id < b)).length;
    for (const d of docs) if (d.want && !d._deleted) expect(covered(d._id), d._id).to.equal(1);
    expect(covered('sale:s1:2026-01-01T00:00:00.000Z-0000-s1.pos1'), 'an old sale is read by no range').to.equal(0);
  });

  it('a base sums the months before its cutoff and leaves out SKUs that come to zero', () => {
    const rows = [
      { key: ['2026-07', 'A'] as [string, string], value: 5 }, { key: ['2026-08', 'A'] as [string, string], value: -2 },
      { key: ['2026-08', 'B'] as [string, string], value: 1 }, { key: ['2026-08', 'B'] as [string, string], value: -1 },
      { key: ['2026-09', 'A'] as [string, string], value: -1 },
    ];
    expect(sumBefore(rows, '2026-09-01')).to.deep.equal({ A: 3 });
    expect(moneyIdDay('return:s1:void:2026-08-31T23:00:00.000Z-0000-x')).to.equal('2026-08-31');
    expect(moneyIdDay('store-status:s1:x')).to.equal(undefined);
  });
});
