import { expect } from 'chai';
import { businessDayNearStamp, span, stampWindow } from '../../../../central/rules/date-rules.js';
import type { PosRules } from '../../../../central/rules/index.js';
import { context, DAY, MIN, move, sale, stamp, voidOf } from './helpers.js';

describe('central/rules/date-rules', () => {
  describe('stampWindow', () => {
    const cases: Array<{ what: string; at: string; updatedAt?: string; settings?: Partial<PosRules>; reasons: string[] }> = [
      { what: 'a stamp of now passes', at: stamp(0), reasons: [] },
      { what: 'a stamp 9 minutes ahead passes (a till clock a little fast)', at: stamp(9 * MIN), reasons: [] },
      { what: 'a stamp 29 days old passes (a till offline for weeks)', at: stamp(-29 * DAY), reasons: [] },
      {
        what: 'a stamp ten years ahead is refused, naming the field and how far ahead',
        at: stamp(3652 * DAY),
        reasons: ["sale/_id is stamped 2036-11-23T17:00:00.000Z, 3652 days ahead of central's clock (10 min allowed)"],
      },
      {
        what: 'a stamp 25 minutes ahead is refused',
        at: stamp(25 * MIN), reasons: ["sale/_id is stamped 2026-11-24T17:25:00.000Z, 25 min ahead of central's clock (10 min allowed)"],
      },
      {
        what: 'a stamp 31 days old is refused',
        at: stamp(-31 * DAY), reasons: ["sale/_id is stamped 2026-10-24T17:00:00.000Z, 31 days before central's clock (30 days offline allowed)"],
      },
      {
        what: 'the window follows the settings',
        at: stamp(3 * MIN), settings: { maxClockSkewMin: 2 }, reasons: ["sale/_id is stamped 2026-11-24T17:03:00.000Z, 3 min ahead of central's clock (2 min allowed)"],
      },
      {
        what: 'an updatedAt apart from the id is checked on its own',
        at: stamp(0), updatedAt: stamp(5 * 60 * MIN),
        reasons: ["sale/updatedAt is stamped 2026-11-24T22:00:00.000Z, 5 h ahead of central's clock (10 min allowed)"],
      },
      {
        what: 'an impossible date in the id is refused',
        at: '2026-02-30T10:00:00.000Z-0000-s1.pos1', updatedAt: stamp(0), reasons: ['sale/_id: 2026-02-30T10:00:00.000Z-0000-s1.pos1 is not a valid stamp'],
      },
    ];
    for (const c of cases) {
      it(c.what, () => {
        const s = { ...sale([{}], { at: c.at }), ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}) };
        expect(stampWindow(s, context({ settings: c.settings })).map((v) => v.reason)).to.deep.equal(c.reasons);
        expect(stampWindow(s, context({ settings: c.settings })).every((v) => v.level === 'quarantine')).to.equal(true);
      });
    }

    it('checks a move like a sale', () => {
      const m = move({ kind: 'receipt', lines: [{ sku: 'PS-M01-NEG-25', qty: 1 }] }, { at: stamp(DAY) });
      expect(stampWindow(m, context()).map((v) => v.reason)).to.deep.equal(["move/_id is stamped 2026-11-25T17:00:00.000Z, 24 h ahead of central's clock (10 min allowed)"]);
    });
  });

  describe('businessDayNearStamp', () => {
    const cases: Array<{ what: string; at: string; businessDay: string; refused: boolean }> = [
      { what: 'the same date passes', at: stamp(0), businessDay: '2026-11-24', refused: false },
      { what: 'the day before passes (an evening sale in Mexico is the next day in UTC)', at: stamp(7 * 60 * MIN), businessDay: '2026-11-24', refused: false },
      { what: 'the day after passes (time zones east of UTC)', at: stamp(0), businessDay: '2026-11-25', refused: false },
      { what: 'two days apart is refused', at: stamp(0), businessDay: '2026-11-26', refused: true },
      { what: 'a month back is refused', at: stamp(0), businessDay: '2026-10-24', refused: true },
    ];
    for (const c of cases) {
      it(c.what, () => {
        const reasons = businessDayNearStamp(sale([{}], { at: c.at, businessDay: c.businessDay }), context()).map((v) => v.reason);
        expect(reasons).to.deep.equal(c.refused ? [`sale/businessDay ${c.businessDay} is more than a day from its stamp's date (${new Date(Date.parse(c.at.slice(0, 24))).toISOString().slice(0, 10)} UTC)`] : []);
      });
    }

    it("judges a void by its own stamp (updatedAt), not the sale's in its id", () => {
      const old = sale([{}], { at: stamp(-3 * DAY), businessDay: '2026-11-21' });
      const v = { ...voidOf(old), businessDay: '2026-11-24' };
      expect(businessDayNearStamp(v, context())).to.deep.equal([]);
    });
  });

  it('writes spans people read', () => {
    expect([span(25 * MIN), span(5 * 60 * MIN), span(3652 * DAY)]).to.deep.equal(['25 min', '5 h', '3652 days']);
  });
});
