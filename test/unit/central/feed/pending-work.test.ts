import { expect } from 'chai';
import {
  afterFailure, afterSuccess, isDue, LOOK_AGAIN_MS, MAX_PENDING, NO_PENDING, parsePending, retryDelayMs, RETRY_MAX_MS, unionPending,
  type PendingChange,
} from '../../../../central/feed/pending-work.js';

const change = (id: string, rev = '1-a'): PendingChange => ({ id, changes: [{ rev }] });
const ids = (w: { changes: PendingChange[] } | null) => w?.changes.map((c) => c.id).sort();

describe('central/feed pendingWork', () => {
  it('keeps a failed batch, due after a delay that doubles with each failure in a row', () => {
    const once = afterFailure(NO_PENDING, [change('a'), change('b')], 'down', 1_000, 100)!;
    expect(ids(once)).to.deep.equal(['a', 'b']);
    expect(once).to.include({ attempts: 1, dueAt: 1_100, lastError: 'down' });
    const twice = afterFailure(once, once.changes, 'down', 2_000, 100)!;
    expect(twice).to.include({ attempts: 2, dueAt: 2_200 });
  });

  it('never gives up: the delay stops growing at five minutes, and the work stays', () => {
    expect(retryDelayMs(1)).to.equal(500);
    expect(retryDelayMs(1_000)).to.equal(RETRY_MAX_MS);
    let w = NO_PENDING;
    for (let i = 0; i < 50; i++) w = afterFailure(w, [change('a')], 'down', i, 100)!;
    expect(w.attempts).to.equal(50);
    expect(ids(w)).to.deep.equal(['a']);
  });

  it('drops what a later batch did, whatever brought it there, and keeps the rest with its back-off', () => {
    const failed = afterFailure(NO_PENDING, [change('a'), change('b')], 'down', 0, 100)!;
    const after = afterSuccess(failed, [change('a', '2-b')], new Set(), 50)!;
    expect(ids(after)).to.deep.equal(['b']);
    expect(after).to.include({ attempts: 1, dueAt: 100 });
    expect(afterSuccess(after, [change('b')], new Set(), 60)).to.deep.equal(NO_PENDING);
  });

  it('keeps what a job asks to look at again, due soon, without counting it as a failure', () => {
    const w = afterSuccess(NO_PENDING, [change('a'), change('b')], new Set(['b']), 1_000)!;
    expect(ids(w)).to.deep.equal(['b']);
    expect(w).to.include({ attempts: 0, dueAt: 1_000 + LOOK_AGAIN_MS });
    expect(isDue(w, 1_000)).to.equal(false);
    expect(isDue(w, 1_000 + LOOK_AGAIN_MS)).to.equal(true);
  });

  it('refuses to grow past MAX_PENDING (the follower then keeps its checkpoint before the batch)', () => {
    const many = Array.from({ length: MAX_PENDING }, (_, i) => change(`d${i}`));
    const full = afterFailure(NO_PENDING, many, 'down', 0)!;
    expect(full.changes).to.have.length(MAX_PENDING);
    expect(afterFailure(full, [change('one-more')], 'down', 0)).to.equal(null);
    expect(afterFailure(full, [change('d1', '2-x')], 'down', 0), 'a later change of a kept document takes no room').to.not.equal(null);
  });

  it('reads a stored set defensively and keeps both sets when two followers wrote one checkpoint', () => {
    expect(parsePending(undefined)).to.deep.equal(NO_PENDING);
    expect(parsePending({ changes: [{ id: 'a', changes: [{ rev: '1-a' }, 7] }, { id: 3 }, null], attempts: 2, dueAt: 5 }))
      .to.deep.equal({ changes: [change('a')], attempts: 2, dueAt: 5 });
    const mine = afterFailure(NO_PENDING, [change('a')], 'x', 0, 100)!;
    const theirs = afterFailure(NO_PENDING, [change('b')], 'y', 50, 100)!;
    expect(ids(unionPending(mine, theirs))).to.deep.equal(['a', 'b']);
  });
});
