// How long the follower has been behind: a backlog worked through is not lagging, a stall is.
import { expect } from 'chai';
import { noteLag, type SeqNote } from '../../../../central/feed/lag-clock.js';
import { lagOf } from '../../../../central/feed/feed-lag.js';

describe('central/feed/lag-clock', function () {
  it('is 0 when caught up and when a backlog seen now is first noted', function () {
    expect(noteLag([], 10, 10, 1000)).to.deep.equal({ notes: [], secondsBehind: 0 });
    expect(noteLag([], 2048, 0, 1000)).to.deep.equal({ notes: [{ seq: 2048, at: 1000 }], secondsBehind: 0 });
  });

  it('grows while the follower stays before a sequence it saw, and drops it once passed', function () {
    let notes: SeqNote[] = [];
    ({ notes } = noteLag(notes, 100, 50, 0));
    const stalled = noteLag(notes, 130, 50, 30_000);
    expect(stalled.secondsBehind).to.equal(30);
    expect(stalled.notes.map((n) => n.seq)).to.deep.equal([100, 130]);
    const moving = noteLag(stalled.notes, 160, 120, 40_000);
    expect(moving.secondsBehind, 'behind the note of t=30 s only').to.equal(10);
    expect(noteLag(moving.notes, 170, 170, 45_000).secondsBehind).to.equal(0);
  });

  it('stays near zero for a follower keeping up with steady writes', function () {
    let notes: SeqNote[] = [];
    let worst = 0;
    for (let t = 0; t < 100; t++) {
      const r = noteLag(notes, 10 * t + 10, 10 * t + 5, t * 5_000); // a few changes always in flight
      notes = r.notes;
      worst = Math.max(worst, r.secondsBehind);
    }
    expect(worst).to.be.at.most(5);
  });

  it('keeps a bounded number of notes, the oldest time kept', function () {
    let notes: SeqNote[] = [];
    for (let t = 0; t < 100; t++) notes = noteLag(notes, t + 1, 0, t * 1000).notes;
    expect(notes.length).to.equal(32);
    expect(notes[0]).to.deep.equal({ seq: 1, at: 0 });
  });
});

describe('central/feed/feed-lag: lagOf', function () {
  it('subtracts the checkpoint from update_seq by their leading numbers, never below 0', function () {
    expect(lagOf('catalog', '42-g1AAAA', { since: '40-g1BBBB', pending: { changes: [{ id: 'a', changes: [] }], attempts: 1, dueAt: 0 } }))
      .to.deep.include({ updateSeq: 42, processed: 40, lag: 2, pending: 1 });
    expect(lagOf('catalog', 7, undefined)).to.deep.include({ processed: 0, lag: 7, pending: 0 });
    expect(lagOf('catalog', 7, { since: 9 }).lag).to.equal(0);
    expect(lagOf('catalog', 'nonsense', { since: 3 }).lag).to.equal(null);
  });
});
