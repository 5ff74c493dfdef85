import { expect } from 'chai';
import { CONFIRMED_TTL_MS, LOCK_WINDOW_MS, MAX_FAILURES, canApprove, confirmationFresh, lockedFor } from '../../../../store-client/pos/approval-rules.js';

describe('store-client/pos/approval-rules', () => {
  const cases: { roles: string[]; store: string; may: boolean; who: string }[] = [
    { who: 'a manager of this store', roles: ['store', 'store:s1', 'manager'], store: 's1', may: true },
    { who: 'a manager of another store', roles: ['store', 'store:s2', 'manager'], store: 's1', may: false },
    { who: 'a cashier of this store', roles: ['store', 'store:s1', 'cashier'], store: 's1', may: false },
    { who: 'a device account', roles: ['store', 'store:s1', 'device'], store: 's1', may: false },
    { who: 'a chain admin', roles: ['admin'], store: 's1', may: true },
    { who: 'the server admin (no account central could check)', roles: ['_admin'], store: 's1', may: false },
  ];
  for (const c of cases) {
    it(`${c.may ? 'lets' : 'does not let'} ${c.who} approve`, () => {
      expect(canApprove(c.roles, c.store)).to.equal(c.may);
    });
  }

  it('locks approvals after five wrong passwords in five minutes, until the oldest of them is five minutes old', () => {
    const t0 = 1_000_000;
    const four = [t0, t0 + 1000, t0 + 2000, t0 + 3000];
    expect(lockedFor(four, t0 + 4000)).to.equal(0);
    const five = [...four, t0 + 4000];
    expect(MAX_FAILURES).to.equal(5);
    expect(lockedFor(five, t0 + 4000)).to.equal(LOCK_WINDOW_MS - 4000);
    expect(lockedFor(five, t0 + LOCK_WINDOW_MS)).to.equal(0);
  });

  it('ignores failures older than the window and ones from a clock that ran ahead', () => {
    const now = 10 * LOCK_WINDOW_MS;
    const old = Array.from({ length: 10 }, (_, i) => now - LOCK_WINDOW_MS - i);
    expect(lockedFor(old, now)).to.equal(0);
    const future = Array.from({ length: 10 }, (_, i) => now + 60_000 + i);
    expect(lockedFor(future, now)).to.equal(0);
  });

  it('uses a kept approval key for 30 days after central last confirmed the manager, not one dated in the future', () => {
    const now = 100 * CONFIRMED_TTL_MS;
    expect(confirmationFresh(now - CONFIRMED_TTL_MS, now)).to.equal(true);
    expect(confirmationFresh(now - CONFIRMED_TTL_MS - 1, now)).to.equal(false);
    expect(confirmationFresh(now + 24 * 3600_000, now)).to.equal(false);
  });
});
