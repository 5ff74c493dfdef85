import { expect } from 'chai';
import { coalesceWrites } from '../../../store-client/coalesce-writes.js';

/** A write that stays in flight until the test lets it finish. */
function gatedWrites() {
  const gates: Array<() => void> = [];
  let started = 0;
  const write = () => {
    started++;
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  return { write, gates, started: () => started };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('store-client/coalesce-writes', () => {
  it('runs one write at a time and folds every call made meanwhile into one more write', async () => {
    const w = gatedWrites();
    const save = coalesceWrites(w.write);
    const first = save();
    const joined = [save(), save(), save()];
    expect(w.started()).to.equal(1);
    w.gates.shift()!();
    await tick();
    expect(w.started()).to.equal(2);
    w.gates.shift()!();
    await Promise.all([first, ...joined]);
    expect(w.started()).to.equal(2);
  });

  it('starts a new write for a call made as the last write settles, before the run has ended', async () => {
    let started = 0;
    let settle: () => void = () => undefined;
    let written: Promise<void> = Promise.resolve();
    const save = coalesceWrites(() => {
      started++;
      written = new Promise<void>((resolve) => (settle = resolve));
      return written;
    });
    const first = save();
    // Runs right after the coalescer sees the write done, in the same burst of microtasks: a
    // call that joined the ending run here would be dropped without a write.
    const late = written.then(() => save());
    settle();
    await first;
    await tick();
    expect(started).to.equal(2);
    settle();
    await late;
  });

  it('passes a failed write to its callers, and the next call writes again', async () => {
    let calls = 0;
    const save = coalesceWrites(async () => {
      calls++;
      if (calls === 1) throw new Error('disk full');
    });
    let failure: unknown;
    await save().catch((err) => (failure = err));
    expect(String(failure)).to.match(/disk full/);
    await save();
    expect(calls).to.equal(2);
  });
});
