import { expect } from 'chai';
import { EMPTY_SCHEDULE, isIdle, markAll, markChanged, pickReads, readDone, readFailed, readStarted, withDatabases, type Schedule } from '../../../../central/feed/read-schedule.js';

const backoff = (errors: number) => 1_000 * errors;
const done = { caughtUp: true, dueAt: Infinity };
/** Reads every pick to completion, as the shell would; the databases read, in order. */
function drain(s: Schedule, now: number, limit: number): { s: Schedule; read: string[] } {
  const read: string[] = [];
  for (let i = 0; i < 1_000; i++) {
    const picks = pickReads(s, now, limit);
    if (picks.length === 0) break;
    for (const db of picks) s = readStarted(s, db);
    for (const db of picks) { s = readDone(s, db, done, now); read.push(db); }
  }
  return { s, read };
}

describe('read-schedule', () => {
  it('reads a database when it is found, then not again until it changes', () => {
    const first = drain(withDatabases(EMPTY_SCHEDULE, ['store-a', 'store-b'], 0), 0, 4);
    expect(first.read).to.deep.equal(['store-a', 'store-b']);
    expect(isIdle(first.s)).to.equal(true);
    const again = drain(markChanged(first.s, ['store-b'], 1), 1, 4);
    expect(again.read).to.deep.equal(['store-b']);
  });

  it('never starts more reads than the limit, however many databases changed', () => {
    const names = Array.from({ length: 200 }, (_, i) => `store-${String(i).padStart(3, '0')}`);
    let s = withDatabases(EMPTY_SCHEDULE, names, 0);
    const picks = pickReads(s, 0, 4);
    expect(picks).to.have.length(4);
    for (const db of picks) s = readStarted(s, db);
    expect(pickReads(s, 0, 4)).to.deep.equal([]);
    s = readDone(s, picks[0]!, done, 1);
    expect(pickReads(s, 1, 4)).to.have.length(1);
    expect(drain(s, 2, 4).read).to.have.length(196);
  });

  it('reads again a database that changed while it was being read', () => {
    let s = drain(withDatabases(EMPTY_SCHEDULE, ['store-a'], 0), 0, 4).s;
    s = markChanged(s, ['store-a'], 1);
    s = readStarted(s, 'store-a');
    s = markChanged(s, ['store-a'], 2); // a write lands while the read is under way
    s = readDone(s, 'store-a', done, 3);
    expect(isIdle(s)).to.equal(false);
    expect(pickReads(s, 3, 4)).to.deep.equal(['store-a']);
  });

  it('keeps a database that did not catch up in the queue, behind those waiting longer', () => {
    let s = withDatabases(EMPTY_SCHEDULE, ['store-a', 'store-b'], 0);
    s = readStarted(s, 'store-a');
    s = readDone(s, 'store-a', { caughtUp: false, dueAt: Infinity }, 5);
    expect(pickReads(s, 5, 4)).to.deep.equal(['store-b', 'store-a']);
  });

  it('waits out the back-off of a failed read, then reads it again, and a failure covers nothing', () => {
    let s = drain(withDatabases(EMPTY_SCHEDULE, ['store-a'], 0), 0, 4).s;
    s = readStarted(markChanged(s, ['store-a'], 1), 'store-a');
    s = readFailed(s, 'store-a', 10, backoff);
    expect(pickReads(s, 500, 4)).to.deep.equal([]);
    expect(pickReads(s, 1_010, 4)).to.deep.equal(['store-a']);
    // A read started for pending work alone (nothing changed) that fails is still to be done.
    s = drain(s, 1_010, 4).s;
    s = readStarted(readDone(readStarted(s, 'store-a'), 'store-a', { caughtUp: true, dueAt: 2_000 }, 1_020), 'store-a');
    s = readFailed(s, 'store-a', 2_000, backoff);
    expect(pickReads(s, 3_000, 4)).to.deep.equal(['store-a']);
  });

  it('ends a round while a database that keeps failing waits out its back-off', () => {
    let s = withDatabases(EMPTY_SCHEDULE, ['store-a', 'store-b'], 0);
    s = readFailed(readStarted(s, 'store-a'), 'store-a', 0, backoff);
    s = readDone(readStarted(s, 'store-b'), 'store-b', done, 0);
    expect(isIdle(s)).to.equal(true);
    expect(pickReads(s, 1_000, 4)).to.deep.equal(['store-a']);
  });

  it('reads a database whose pending work is due even when nothing changed', () => {
    let s = drain(withDatabases(EMPTY_SCHEDULE, ['store-a'], 0), 0, 4).s;
    s = readDone(readStarted(markChanged(s, ['store-a'], 1), 'store-a'), 'store-a', { caughtUp: true, dueAt: 500 }, 1);
    expect(pickReads(s, 499, 4)).to.deep.equal([]);
    expect(pickReads(s, 500, 4)).to.deep.equal(['store-a']);
  });

  it('a full round reads every database; a gone one is forgotten, a change to an unknown one ignored', () => {
    let s = drain(withDatabases(EMPTY_SCHEDULE, ['catalog', 'store-a', 'store-b'], 0), 0, 4).s;
    s = withDatabases(s, ['catalog', 'store-a'], 1);
    s = markChanged(s, ['store-zz'], 1);
    expect(isIdle(s)).to.equal(true);
    expect(drain(markAll(s, 2), 2, 4).read).to.deep.equal(['catalog', 'store-a']);
  });
});
