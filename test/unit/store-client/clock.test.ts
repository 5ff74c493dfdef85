import { expect } from 'chai';
import { createClock } from '../../../store-client/clock.js';
import { createNodePouch } from '../../../store-client/pouch-node.js';
import { compareStamps, formatStamp, parseStamp, REBASED_COUNTER_FLOOR } from '../../../store-client/hlc.js';

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

  it('two clocks on one database (two tabs) never issue the same stamp: a 409 re-reads and ticks again', async () => {
    const tabA = await createClock(db, 's1.pos1', () => T0);
    const tabB = await createClock(db, 's1.pos1', () => T0);
    const stamps: string[] = [];
    for (let i = 0; i < 10; i++) stamps.push(...(await Promise.all([tabA.next(), tabB.next()])));
    expect(new Set(stamps).size).to.equal(20);
    // Each clock's own stamps still increase.
    for (let i = 2; i < stamps.length; i++) expect(compareStamps(stamps[i - 2]!, stamps[i]!)).to.equal(-1);
  });

  it('a clock that lost the race for _local/hlc keeps stamping (no cached _rev forever)', async () => {
    const tabA = await createClock(db, 's1.pos1', () => T0);
    const tabB = await createClock(db, 's1.pos1', () => T0);
    await tabB.next();
    await tabB.next();
    const a = await tabA.next();
    expect(parseStamp(a)).to.include({ wallMs: T0, counter: 2 });
  });

  it('rebases a clock that jumped ahead once central\'s time is known, with stamps still unique', async () => {
    let device = T0 + 6 * HOUR;
    let reference: number | undefined;
    const clock = await createClock(db, 's1.pos1', { now: () => device, reference: () => reference });
    const ahead = [await clock.next(), await clock.next()];
    expect(parseStamp(ahead[1]!).wallMs).to.equal(T0 + 6 * HOUR);
    device = T0 + 1000;
    // Without a reference the clock cannot tell a jump from a device clock gone back: it stays ahead.
    expect(parseStamp(await clock.next()).wallMs).to.equal(T0 + 6 * HOUR);
    reference = T0 + 1000;
    const back = await clock.next();
    expect(parseStamp(back)).to.include({ wallMs: T0 + 1000 });
    expect(parseStamp(back).counter).to.be.at.least(REBASED_COUNTER_FLOOR);
    // Monotonic again after the rebase, and it survives a reload.
    const again = await (await createClock(db, 's1.pos1', { now: () => device, reference: () => reference })).next();
    expect(compareStamps(back, again)).to.equal(-1);
    expect(parseStamp(again).counter).to.be.at.least(REBASED_COUNTER_FLOOR);
  });

  it('does not rebase a clock within the allowed drift of central\'s time', async () => {
    const clock = await createClock(db, 's1.pos1', { now: () => T0 + 5 * MINUTE, maxDriftMs: 10 * MINUTE, reference: () => undefined });
    await clock.next();
    const ref = await createClock(db, 's1.pos1', { now: () => T0, maxDriftMs: 10 * MINUTE, reference: () => T0 });
    expect(parseStamp(await ref.next())).to.include({ wallMs: T0 + 5 * MINUTE, counter: 1 });
  });

  describe('nextWith (the stamp saved in the same bulkDocs as its document)', () => {
    const writeWith = (stamp: string, clockDoc: object) => db.bulkDocs([clockDoc as never, { _id: `doc:${stamp}` }])
      .then(([clockRow, docRow]) => ({ clockRow: clockRow as { ok?: boolean; rev?: string }, value: docRow }));

    it('writes the clock state with the document, so a reload resumes above the stamp', async () => {
      const clock = await createClock(db, 's1.pos1', () => T0);
      await clock.next();
      const row = await clock.nextWith!(writeWith);
      expect(row).to.include({ ok: true });
      const saved = (await db.get('_local/hlc')) as unknown as { wallMs: number; counter: number };
      const stamp = formatStamp({ wallMs: saved.wallMs, counter: saved.counter, node: 's1.pos1' });
      expect(await db.get(`doc:${stamp}`)).to.include({ _id: `doc:${stamp}` });
      // The clock's cached revision moved too: its next stamp is saved (no 409 re-read needed).
      expect(parseStamp(await clock.next())).to.include({ counter: 2 });
      expect(((await db.get('_local/hlc')) as unknown as { counter: number }).counter).to.equal(2);
      const after = await createClock(db, 's1.pos1', () => T0 - HOUR);
      expect(compareStamps(stamp, await after.next())).to.equal(-1);
    });

    it('after another tab moved the clock, keeps the written document and stamps above both', async () => {
      const tabA = await createClock(db, 's1.pos1', () => T0);
      const tabB = await createClock(db, 's1.pos1', () => T0);
      const b = [await tabB.next(), await tabB.next()];
      const written: string[] = [];
      await tabA.nextWith!((stamp, clockDoc) => (written.push(stamp), writeWith(stamp, clockDoc)));
      expect(await db.get(`doc:${written[0]!}`)).to.include({ _id: `doc:${written[0]!}` });
      const nextA = await tabA.next();
      const nextB = await tabB.next();
      for (const s of [...b, written[0]!]) {
        expect(compareStamps(s, nextA)).to.equal(-1);
        expect(compareStamps(s, nextB)).to.equal(-1);
      }
      expect(nextA).to.not.equal(nextB);
    });

    it('issues nothing when the write is rejected', async () => {
      const clock = await createClock(db, 's1.pos1', () => T0);
      const err = await clock.nextWith!(() => Promise.reject(new Error('disk full'))).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(parseStamp(await clock.next())).to.include({ wallMs: T0, counter: 0 });
    });
  });
});
