import { expect } from 'chai';
import { tillLiveness } from '../../../../central/devices/till-liveness.js';

const T0 = Date.parse('2026-11-24T17:00:00.000Z');
const MIN = 60_000;

describe('central/devices/till-liveness', () => {
  const since = T0 - 60 * MIN;

  it("calls a till stale after two silent intervals or central's limit, whichever is sooner, never before an interval and a grace", () => {
    const cases: Array<[number, number, number, boolean]> = [
      // [heard ms before now, interval, central's limit, stale]
      [0, MIN, 45_000, false],
      [65_000, MIN, 45_000, false],
      [65_001, MIN, 45_000, true],
      [40_000, 20_000, 45_000, false],
      [40_001, 20_000, 45_000, true],
      [7_000, 2_000, 45_000, false],
      [7_001, 2_000, 45_000, true],
      [2 * MIN, MIN, 10 * MIN, false],
      [2 * MIN + 1, MIN, 10 * MIN, true],
      [9 * MIN, 5 * MIN, 60 * MIN, false],
      [11 * MIN, 5 * MIN, 60 * MIN, true],
    ];
    for (const [ago, intervalMs, silentAfterMs, stale] of cases) {
      const out = tillLiveness({ heardAtMs: T0 - ago, intervalMs, listeningSinceMs: since, silentAfterMs }, T0);
      expect(out.stale, `${ago} ms ago, every ${intervalMs} ms, limit ${silentAfterMs} ms`).to.equal(stale);
      expect(out.lastHeardAt).to.equal(new Date(T0 - ago).toISOString());
    }
  });

  it('uses a minute when the report names no usable interval', () => {
    expect(tillLiveness({ heardAtMs: T0 - 3 * MIN, intervalMs: 'soon', listeningSinceMs: since }, T0).stale).to.equal(true);
    expect(tillLiveness({ heardAtMs: T0 - 60_000, listeningSinceMs: since }, T0).stale).to.equal(false);
    expect(tillLiveness({ heardAtMs: T0 - 90_000, listeningSinceMs: since }, T0).stale).to.equal(true);
  });

  it("judges by central's hearing, not by the time the till claims", () => {
    const claimsNow = new Date(T0).toISOString();
    expect(tillLiveness({ heardAtMs: T0 - 10 * MIN, reportedAt: claimsNow, intervalMs: MIN, listeningSinceMs: since }, T0).stale).to.equal(true);
  });

  it("falls back on the report's own time when central has not heard it since starting, never later than the start", () => {
    const recent = new Date(T0 - 61 * MIN).toISOString();
    expect(tillLiveness({ reportedAt: recent, intervalMs: MIN, listeningSinceMs: T0 - 30_000 }, T0)).to.deep.equal({ lastHeardAt: recent, stale: true });
    // A report dated in the future (a till's clock ahead) counts from central's start.
    const ahead = new Date(T0 + 6 * 60 * MIN).toISOString();
    expect(tillLiveness({ reportedAt: ahead, intervalMs: MIN, listeningSinceMs: T0 - 30_000 }, T0).stale).to.equal(false);
    expect(tillLiveness({ reportedAt: ahead, intervalMs: MIN, listeningSinceMs: T0 - 3 * MIN }, T0).stale).to.equal(true);
    expect(tillLiveness({ reportedAt: 'never', listeningSinceMs: since }, T0)).to.deep.equal({ lastHeardAt: null, stale: true });
  });
});
