import { expect } from 'chai';
import { ReloadScheduler, type SchedulerClock } from '../../../admin-ui/services/reload-scheduler.js';

/** A hand-driven clock: `advance` runs the timers that fall due, in order. */
function fakeClock(): SchedulerClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(++next, { at: now + ms, run });
      return next;
    },
    clearTimeout: (handle) => { timers.delete(handle as number); },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

describe('admin-ui/services/reload-scheduler', function () {
  let clock: ReturnType<typeof fakeClock>;
  let reloads: number[];
  let scheduler: ReloadScheduler;
  beforeEach(function () {
    clock = fakeClock();
    reloads = [];
    scheduler = new ReloadScheduler(() => reloads.push(clock.now()), clock);
  });

  it('reloads once for a burst of events, at the first one\'s delay', function () {
    for (let i = 0; i < 10; i++) {
      scheduler.soon(300);
      clock.advance(20);
    }
    clock.advance(1_000);
    expect(reloads).to.deep.equal([300]);
  });

  it('is not postponed forever by a steady stream (no debounce)', function () {
    for (let i = 0; i < 100; i++) {
      scheduler.soon(500);
      clock.advance(100);
    }
    expect(reloads).to.deep.equal([500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 4_500, 5_000, 5_500, 6_000, 6_500, 7_000, 7_500, 8_000, 8_500, 9_000, 9_500, 10_000]);
  });

  it('brings a slow reload forward when an event wants it sooner', function () {
    scheduler.soon(5_000);
    clock.advance(1_000);
    scheduler.soon(300);
    clock.advance(10_000);
    expect(reloads).to.deep.equal([1_300]);
  });

  it('keeps a quick reload when a slower event follows', function () {
    scheduler.soon(300);
    scheduler.soon(5_000);
    clock.advance(10_000);
    expect(reloads).to.deep.equal([300]);
  });

  it('asks again after a reload ran', function () {
    scheduler.soon(300);
    clock.advance(400);
    scheduler.soon(5_000);
    clock.advance(10_000);
    expect(reloads).to.deep.equal([300, 5_400]);
  });

  it('runs nothing once cancelled, and leaves no timer behind', function () {
    scheduler.soon(300);
    scheduler.cancel();
    clock.advance(1_000);
    expect(reloads).to.deep.equal([]);
    expect(clock.pending()).to.equal(0);
  });
});
