import { expect } from 'chai';
import { PendingLedger } from '../../../store-client/pending-ledger.js';

describe('store-client/pending-ledger', () => {
  it('counts local changes above the confirmed seq, one per document', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'sale:a', seq: 1, revs: ['1-a'] });
    l.applyLocalChange({ id: 'sale:b', seq: 2, revs: ['1-b'] });
    l.applyLocalChange({ id: 'sale:b', seq: 3, revs: ['2-b'] });
    expect(l.pending).to.equal(2);
    l.confirmUpTo(2);
    expect(l.pendingIds()).to.deep.equal(['sale:b']);
    l.confirmUpTo(3);
    expect(l.pending).to.equal(0);
  });

  it('gives a count read between changes that follows every later change (the count is cached)', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'sale:a', seq: 1, revs: ['1-a'] });
    l.applyLocalChange({ id: 'sale:b', seq: 2, revs: ['1-b'] });
    expect(l.pending).to.equal(2);
    const ids = l.pendingIds();
    ids.pop();
    expect(l.pending, 'a caller changing the list it got changes nothing').to.equal(2);
    l.markPushed('sale:a', '1-a');
    expect(l.pendingIds()).to.deep.equal(['sale:b']);
    l.applyLocalChange({ id: 'sale:a', seq: 3, revs: ['2-a'] });
    expect(l.pending).to.equal(2);
    l.markPulled('sale:a', '2-a');
    l.markRefused({ id: 'sale:b', rev: '1-b', reason: 'forbidden', at: '2026-12-03T00:00:00.000Z' });
    expect(l.pending).to.equal(0);
    l.applyLocalChange({ id: 'sale:c', seq: 4, revs: ['1-c'] });
    expect(l.pendingIds()).to.deep.equal(['sale:c']);
    l.confirmUpTo(4);
    expect(l.pending).to.equal(0);
  });

  it('does not count a resolution that arrives as a merged winner plus tombstones on the other leaves', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'customer:c', seq: 1, revs: ['2-local'] });
    l.markPushed('customer:c', '2-local');
    l.markPulled('customer:c', '3-merged');
    l.applyLocalChange({ id: 'customer:c', seq: 2, revs: ['3-merged'] });
    l.markPulled('customer:c', '3-tombstone');
    l.applyLocalChange({ id: 'customer:c', seq: 3, revs: ['3-merged'] });
    expect(l.pending).to.equal(0);
    expect(new PendingLedger(l.snapshot()).snapshot()).to.deep.equal(l.snapshot());
  });

  it('ignores design documents and changes at or below the confirmed seq', () => {
    const l = new PendingLedger({ confirmedSeq: 5 });
    l.applyLocalChange({ id: '_design/pronto', seq: 6, revs: ['1-x'] });
    l.applyLocalChange({ id: 'sale:old', seq: 5, revs: ['1-x'] });
    expect(l.pending).to.equal(0);
  });

  it('settles a change read only after the pushes confirmed past it: not counted, and what was pushed of it is forgotten', () => {
    // The tracker counts a reconnect's backlog while the pushes run: a push can write a document
    // and confirm past its seq before the scan that reads its local change is applied.
    const l = new PendingLedger();
    l.markPushed('sale:a', '1-a');
    l.markPushed('sale:b', '1-b');
    l.confirmUpTo(5);
    l.applyLocalChange({ id: 'sale:a', seq: 3, revs: ['1-a'] });
    l.applyLocalChange({ id: 'sale:b', seq: 6, revs: ['1-b'] });
    expect(l.pending).to.equal(0);
    expect(l.snapshot().pushed, 'sale:a forgotten, sale:b kept until the mark passes it').to.deep.equal({ 'sale:b': ['1-b'] });
  });

  it('does not count the till\'s own store-status document, which is rewritten on every status change', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'store-status:s1:s1.pos1', seq: 1, revs: ['1-s'] });
    l.applyLocalChange({ id: 'sale:s1:a', seq: 2, revs: ['1-a'] });
    l.applyLocalChange({ id: 'store-status:s1:s1.pos1', seq: 3, revs: ['2-s'] });
    expect(l.pendingIds()).to.deep.equal(['sale:s1:a']);
    l.confirmUpTo(2);
    expect(l.pending).to.equal(0);
  });

  it('does not count revisions that came from central, a filtered push, or were refused', () => {
    const l = new PendingLedger();
    l.markPulled('product:X', '3-p');
    l.applyLocalChange({ id: 'product:X', seq: 1, revs: ['3-p'] });
    l.applyLocalChange({ id: 'sale:a', seq: 2, revs: ['1-a'] });
    l.markPushed('sale:a', '1-a');
    l.applyLocalChange({ id: 'sale:bad', seq: 3, revs: ['1-z'] });
    l.markRefused({ id: 'sale:bad', rev: '1-z', reason: 'forbidden', at: 't' });
    expect(l.pending).to.equal(0);
  });

  it('counts a local edit made on top of a pulled revision', () => {
    const l = new PendingLedger();
    l.markPulled('cash-session:s1:1', '1-p');
    l.applyLocalChange({ id: 'cash-session:s1:1', seq: 1, revs: ['1-p'] });
    l.applyLocalChange({ id: 'cash-session:s1:1', seq: 2, revs: ['2-l'] });
    expect(l.pending).to.equal(1);
  });

  it('forgets exclusions once the confirmed seq passes them, and round-trips its snapshot', () => {
    const l = new PendingLedger();
    l.markPulled('p', '1-p');
    l.applyLocalChange({ id: 'p', seq: 1, revs: ['1-p'] });
    l.markPushed('q', '1-q'); // not seen locally yet: must be kept
    l.confirmUpTo(1);
    expect(l.snapshot()).to.deep.equal({ confirmedSeq: 1, pulled: {}, pushed: { q: ['1-q'] } });
    const again = new PendingLedger(l.snapshot());
    again.applyLocalChange({ id: 'q', seq: 2, revs: ['1-q'] });
    expect(again.pending).to.equal(0);
    expect(again.confirmUpTo(1)).to.equal(false);
  });

  it('counts a local leaf that lost to a pulled revision until central has it', () => {
    const l = new PendingLedger();
    l.markPulled('customer:c', '2-central');
    l.applyLocalChange({ id: 'customer:c', seq: 1, revs: ['2-central', '2-local'] });
    expect(l.pendingIds()).to.deep.equal(['customer:c']);
    l.markPushed('customer:c', '2-local');
    expect(l.pending).to.equal(0);
  });

  it('keeps the refused revision apart, once however often it is re-sent, and not the current one', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'sale:bad', seq: 1, revs: ['1-a'] });
    const refusal = { id: 'sale:bad', rev: '1-a', reason: 'sale/total must be integer', at: 't0' };
    expect(l.markRefused(refusal)).to.equal(true);
    expect(l.markRefused({ ...refusal, at: 't1' })).to.equal(false); // the priority push, again
    expect(l.pending).to.equal(0);
    expect(l.refused()).to.deep.equal([refusal]);
    // Corrected here: the correction is pending, the refusal stands until central has it.
    l.applyLocalChange({ id: 'sale:bad', seq: 2, revs: ['2-b'] });
    expect(l.pendingIds()).to.deep.equal(['sale:bad']);
    expect(l.refused()).to.have.length(1);
    l.markPushed('sale:bad', '2-b');
    expect(l.pending).to.equal(0);
    expect(l.refused()).to.deep.equal([]);
  });

  it('keeps a refusal while its revision is still a leaf here, whatever central holds on another branch', () => {
    const l = new PendingLedger();
    l.applyLocalChange({ id: 'sale:bad', seq: 1, revs: ['1-a'] });
    l.markRefused({ id: 'sale:bad', rev: '1-a', reason: 'forbidden', at: 't0' });
    l.markPulled('sale:bad', '3-c');
    l.applyLocalChange({ id: 'sale:bad', seq: 2, revs: ['1-a', '3-c'] });
    l.confirmUpTo(2);
    expect(l.refused().map((r) => r.rev)).to.deep.equal(['1-a']);
    expect(l.pending).to.equal(0);
  });

  it('restores standing refusals given back to it', () => {
    const refusal = { id: 'sale:bad', rev: '1-a', reason: 'forbidden', at: 't0' };
    const l = new PendingLedger({ confirmedSeq: 0 }, [refusal]);
    l.applyLocalChange({ id: 'sale:bad', seq: 1, revs: ['1-a'] });
    expect(l.pending).to.equal(0);
    expect(l.refusedRevisions()).to.deep.equal([refusal]);
  });
});
