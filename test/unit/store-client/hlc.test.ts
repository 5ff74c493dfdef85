import { expect } from 'chai';
import {
  compareStamps, formatStamp, initialState, MAX_COUNTER, parseStamp, rebase, REBASED_COUNTER_FLOOR, receive, tick, type HlcState,
} from '../../../store-client/hlc.js';
import { isProntoError } from '../../../validators/errors.js';
import { mulberry32 as prng } from '../../../central/demo/prng.js';

const T0 = Date.parse('2026-11-24T17:03:09.120Z');
const HOUR = 3_600_000;

describe('store-client/hlc', () => {
  it('formats a stamp as ISO wall time, 4 hex counter digits and the node id', () => {
    const { stamp } = tick(initialState('s1.pos1'), T0);
    expect(stamp).to.equal('2026-11-24T17:03:09.120Z-0000-s1.pos1');
    expect(parseStamp(stamp)).to.deep.equal({ wallMs: T0, counter: 0, node: 's1.pos1' });
    expect(formatStamp(parseStamp('2026-11-24T17:03:09.120Z-00af-x'))).to.equal('2026-11-24T17:03:09.120Z-00af-x');
  });

  it('refuses malformed stamps and node ids', () => {
    for (const bad of ['', '2026-11-24T17:03:09Z-0000-a', '2026-11-24T17:03:09.120Z-00A0-a', '2026-02-30T00:00:00.000Z-0000-a', '2026-11-24T17:03:09.120Z-0000-Bad']) {
      expect(() => parseStamp(bad), bad).to.throw().that.satisfies((e: unknown) => isProntoError(e, 'VALIDATION_FAILED'));
    }
    expect(() => initialState('Has Space')).to.throw();
  });

  it('stays monotonic when the device clock jumps back hours', () => {
    let state = initialState('s1.pos1');
    const stamps: string[] = [];
    for (const now of [T0, T0 + 5, T0 - 5 * HOUR, T0 - 5 * HOUR + 1, T0 - 3 * HOUR, T0 + 10]) {
      const out = tick(state, now);
      state = out.state;
      stamps.push(out.stamp);
    }
    for (let i = 1; i < stamps.length; i++) expect(compareStamps(stamps[i - 1]!, stamps[i]!), stamps[i]).to.equal(-1);
    expect(parseStamp(stamps[2]!)).to.include({ wallMs: T0 + 5, counter: 1 });
  });

  it('orders stamps of different nodes totally: wall time, then counter, then node id', () => {
    const a = tick(initialState('s1.pos1'), T0).stamp;
    const b = tick(initialState('s1.pos2'), T0).stamp;
    const c = tick(tick(initialState('s0.pos1'), T0).state, T0).stamp;
    const sorted = [c, b, a].sort(compareStamps);
    expect(sorted).to.deep.equal([a, b, c]);
    expect(compareStamps(a, a)).to.equal(0);
  });

  it('adopts a later remote stamp, so the next local stamp sorts after it', () => {
    const remote = '2026-11-24T17:03:10.000Z-0007-s2.pos1';
    const state = receive(initialState('s1.pos1'), remote, T0, HOUR);
    expect(state).to.include({ wallMs: Date.parse('2026-11-24T17:03:10.000Z'), counter: 8 });
    expect(compareStamps(tick(state, T0).stamp, remote)).to.equal(1);
  });

  it('keeps its own time when the remote stamp is older', () => {
    const state = tick(initialState('s1.pos1'), T0).state;
    const next = receive(state, '2020-01-01T00:00:00.000Z-0000-s2', T0, HOUR);
    expect(next).to.include({ wallMs: T0, counter: 1 });
  });

  it('throws HLC_DRIFT for a remote stamp too far ahead, without changing anything', () => {
    const ahead = formatStamp({ wallMs: T0 + 2 * HOUR, counter: 0, node: 'evil' });
    expect(() => receive(initialState('s1.pos1'), ahead, T0, HOUR)).to.throw().that.satisfies((e: unknown) => isProntoError(e, 'HLC_DRIFT'));
  });

  it('keeps order when the counter overflows, by moving the wall time on by 1 ms', () => {
    let state: HlcState = { wallMs: T0, counter: MAX_COUNTER - 1, node: 'n' };
    const first = tick(state, T0);
    state = first.state;
    const second = tick(state, T0);
    expect(parseStamp(first.stamp)).to.include({ wallMs: T0, counter: MAX_COUNTER });
    expect(parseStamp(second.stamp)).to.include({ wallMs: T0 + 1, counter: 0 });
    expect(compareStamps(first.stamp, second.stamp)).to.equal(-1);
    // receive overflows the same way: both at (T0, MAX) → (T0 + 1 ms, 0).
    const merged = receive(first.state, formatStamp({ wallMs: T0, counter: MAX_COUNTER, node: 'm' }), T0, HOUR);
    expect(merged).to.include({ wallMs: T0 + 1, counter: 0 });
    expect(compareStamps(formatStamp(merged), first.stamp)).to.equal(1);
  });

  it('issues strictly increasing stamps over random clock jumps and receives (seeded)', () => {
    for (const seed of [1, 42, 2026]) {
      const random = prng(seed);
      let state = initialState('s1.pos1');
      let last = '';
      let now = T0;
      for (let i = 0; i < 5000; i++) {
        const r = random();
        // Mostly small steps, sometimes jumps of hours either way, sometimes a frozen clock.
        now += r < 0.05 ? (random() - 0.5) * 10 * HOUR : r < 0.3 ? 0 : Math.floor(random() * 20) - 5;
        if (random() < 0.3) {
          const remote = formatStamp({
            wallMs: Math.max(0, Math.floor(now + (random() - 0.6) * 2 * HOUR)),
            counter: Math.floor(random() * (MAX_COUNTER + 1)),
            node: 's2.pos1',
          });
          try {
            state = receive(state, remote, now, HOUR);
          } catch (err) {
            expect(isProntoError(err, 'HLC_DRIFT'), String(err)).to.equal(true);
          }
        }
        const out = tick(state, now);
        expect(compareStamps(last, out.stamp), `seed ${seed} step ${i}`).to.equal(-1);
        last = out.stamp;
        state = out.state;
      }
    }
  });

  it('rebases a state far ahead of central\'s time to it, using the upper counter half up to the old wall time', () => {
    let state = tick(initialState('s1.pos1'), T0 + 6 * HOUR).state;
    expect(rebase(state, T0, 10 * 60_000)).to.not.equal(state);
    expect(rebase(state, T0 + 6 * HOUR - 60_000, 10 * 60_000)).to.equal(state);
    state = rebase(state, T0, 10 * 60_000);
    const first = tick(state, T0);
    expect(parseStamp(first.stamp)).to.include({ wallMs: T0, counter: REBASED_COUNTER_FLOOR + 1 });
    const later = tick(first.state, T0 + 5);
    expect(parseStamp(later.stamp)).to.include({ wallMs: T0 + 5, counter: REBASED_COUNTER_FLOOR });
    // The old wall time's own millisecond is skipped whole; past it the counter starts at 0 again.
    expect(parseStamp(tick(later.state, T0 + 6 * HOUR).stamp)).to.include({ wallMs: T0 + 6 * HOUR + 1, counter: 0 });
    expect(parseStamp(tick(later.state, T0 + 7 * HOUR).stamp)).to.include({ wallMs: T0 + 7 * HOUR, counter: 0 });
    // A second rebase inside the first one's window is refused.
    expect(rebase(later.state, T0 - HOUR, 60_000)).to.equal(later.state);
  });

  it('never repeats a stamp across forward jumps and rebases (seeded)', () => {
    for (const seed of [7, 99, 2027]) {
      const random = prng(seed);
      let state = initialState('s1.pos1');
      let real = T0;
      let skew = 0;
      const seen = new Set<string>();
      for (let i = 0; i < 20_000; i++) {
        real += Math.floor(random() * 3); // often several stamps in one millisecond
        const r = random();
        if (r < 0.002) skew = Math.floor(random() * 20_000); // the device clock jumps forward
        else if (r < 0.004) skew = 0; // and is put right
        if (random() < 0.05) state = rebase(state, real, 1000);
        const out = tick(state, real + skew);
        expect(seen.has(out.stamp), `seed ${seed} step ${i}`).to.equal(false);
        seen.add(out.stamp);
        state = out.state;
      }
    }
  });
});
