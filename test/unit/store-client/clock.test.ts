import { expect } from 'chai';
import { createClock } from '../../../store-client/clock.js';
import { createNodePouch } from '../../../store-client/pouch-node.js';
import { compareStamps, formatStamp, parseStamp } from '../../../store-client/hlc.js';

const T0 = Date.parse('2026-11-24T17:03:09.120Z');
const HOUR = 3_600_000;
const MINUTE = 60_000;
let n = 0;

describe('store-client/clock', () => {
  const PouchDB = createNodePouch();
  let db: PouchDB.Database;

  beforeEach(() => {
    db = new PouchDB(`clock-test-${process.pid}-${n++}`, { adapter: 'memory' });
  });
  afterEach(() => db.destroy());

  it('still issues later stamps after a reload with a clock gone back 5 hours', async () => {
    const before = await createClock(db, 's1.pos1', () => T0);
    const issued = [await before.next(), await before.next()];
    // "Reload": a new clock on the same database, whose device clock is now 5 hours behind.
    const after = await createClock(db, 's1.pos1', () => T0 - 5 * HOUR);
    const later = await after.next();
    expect(compareStamps(issued[1]!, later)).to.equal(-1);
    expect(parseStamp(later)).to.include({ wallMs: T0, counter: 2 });
  });

  it('saves the state before handing out the stamp (write-ahead)', async () => {
    const clock = await createClock(db, 's1.pos1', () => T0);
    const stamp = await clock.next();
    const saved = (await db.get('_local/hlc')) as unknown as { wallMs: number; counter: number };
    expect(formatStamp({ wallMs: saved.wallMs, counter: saved.counter, node: 's1.pos1' })).to.equal(stamp);
  });

  it('serialises concurrent next() calls into distinct increasing stamps', async () => {
    const clock = await createClock(db, 's1.pos1', () => T0);
    const stamps = await Promise.all(Array.from({ length: 50 }, () => clock.next()));
    expect(new Set(stamps).size).to.equal(50);
    expect([...stamps].sort(compareStamps)).to.deep.equal(stamps);
  });

  it('skips remote stamps more than 10 minutes ahead by default', async () => {
    const clock = await createClock(db, 's1.pos1', () => T0);
    expect(await clock.observe(formatStamp({ wallMs: T0 + 10 * MINUTE, counter: 0, node: 'central' }))).to.equal(true);
    expect(await clock.observe(formatStamp({ wallMs: T0 + 10 * MINUTE + 1, counter: 0, node: 'store-status' }))).to.equal(false);
    expect(parseStamp(await clock.next()).wallMs).to.equal(T0 + 10 * MINUTE);
  });

  it('skips a remote stamp that is not a stamp, keeping its own time', async () => {
    const clock = await createClock(db, 's1.pos1', () => T0);
    expect(await clock.observe('2026-02-30T00:00:00.000Z-0000-central')).to.equal(false);
    expect(await clock.observe('yesterday')).to.equal(false);
    expect(parseStamp(await clock.next()).wallMs).to.equal(T0);
  });

  it('reads a skew given as a function at every observe, so a changed setting counts at once', async () => {
    let skewMin = 1;
    const clock = await createClock(db, 's1.pos1', { now: () => T0, maxDriftMs: () => skewMin * MINUTE });
    const ahead = formatStamp({ wallMs: T0 + 5 * MINUTE, counter: 0, node: 'central' });
    expect(await clock.observe(ahead)).to.equal(false);
    expect(parseStamp(await clock.next()).wallMs).to.equal(T0);
    skewMin = 5;
    expect(await clock.observe(ahead)).to.equal(true);
    expect(parseStamp(await clock.next()).wallMs).to.equal(T0 + 5 * MINUTE);
  });

  it('observes remote stamps, skipping those too far in the future', async () => {
    const clock = await createClock(db, 's1.pos1', { now: () => T0, maxDriftMs: HOUR });
    const remote = formatStamp({ wallMs: T0 + 1000, counter: 3, node: 'central' });
    expect(await clock.observe(remote)).to.equal(true);
    expect(await clock.observe(formatStamp({ wallMs: T0 + 2 * HOUR, counter: 0, node: 'evil' }))).to.equal(false);
    const next = await clock.next();
    expect(compareStamps(next, remote)).to.equal(1);
    expect(parseStamp(next).wallMs).to.equal(T0 + 1000);
  });
});
