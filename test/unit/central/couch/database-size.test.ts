// The bounded size cache (central/couch/database-size.ts) with a fake clock and measurement.
import { expect } from 'chai';
import { createDatabaseSizes, sizeIsFresh } from '../../../../central/couch/database-size.js';

describe('database sizes kept for a bounded time', function () {
  it('is fresh only younger than its time', function () {
    expect(sizeIsFresh(undefined, 0, 1000)).to.equal(false);
    expect(sizeIsFresh({ bytes: 1, at: 0 }, 999, 1000)).to.equal(true);
    expect(sizeIsFresh({ bytes: 1, at: 0 }, 1000, 1000)).to.equal(false);
  });

  it('measures once for callers at once and again when the time is up', async function () {
    let clock = 0;
    let measured = 0;
    const sizes = createDatabaseSizes({ ttlMs: 1000, now: () => clock, measure: async () => ++measured * 10 });
    expect(await Promise.all([sizes.bytesOf('a', '/a'), sizes.bytesOf('a', '/a')])).to.deep.equal([10, 10]);
    clock = 999;
    expect(await sizes.bytesOf('a', '/a')).to.equal(10);
    clock = 1000;
    expect(await sizes.bytesOf('a', '/a')).to.equal(20);
    expect(measured).to.equal(2);
  });

  it('does not keep a measurement that began before the database was forgotten', async function () {
    let release!: (n: number) => void;
    const answers = [new Promise<number>((r) => { release = r; }), Promise.resolve(5)];
    const sizes = createDatabaseSizes({ ttlMs: 60_000, now: () => 0, measure: () => answers.shift()! });
    const old = sizes.bytesOf('a', '/a');
    sizes.forget('a');
    release(999);
    expect(await old).to.equal(999);
    expect(await sizes.bytesOf('a', '/a')).to.equal(5);
  });
});
