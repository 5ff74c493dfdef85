import { expect } from 'chai';
import { enrolRefusal, requestRefusal } from '../../../../central/devices/enrol-permission.js';

describe('central/devices/enrol-permission', () => {
  const cases: Array<{ who: string; admin: boolean; roles: string[]; store: string; device: string; refused: RegExp | null }> = [
    { who: 'a manager of the store', admin: false, roles: ['store', 'store:s1', 'manager'], store: 's1', device: 's1.pos1', refused: null },
    { who: 'an admin, for any store', admin: true, roles: ['admin'], store: 's2', device: 's2.pos1', refused: null },
    { who: 'a cashier of the store', admin: false, roles: ['store', 'store:s1', 'cashier'], store: 's1', device: 's1.pos1', refused: /needs a manager of that store or an admin/ },
    { who: "the store's device account", admin: false, roles: ['store', 'store:s1', 'device'], store: 's1', device: 's1.pos1', refused: /needs a manager/ },
    { who: 'a manager of another store', admin: false, roles: ['store', 'store:s2', 'manager'], store: 's1', device: 's1.pos1', refused: /store s1/ },
    { who: 'a manager naming central', admin: false, roles: ['store', 'store:s1', 'manager'], store: 's1', device: 'central', refused: /reserved for central's own signing key/ },
    { who: 'an admin naming central', admin: true, roles: ['admin'], store: 's1', device: 'central', refused: /reserved/ },
  ];
  for (const c of cases) {
    it(`${c.refused ? 'does not let' : 'lets'} ${c.who} enrol ${c.device} of ${c.store}`, () => {
      const refusal = enrolRefusal({ admin: c.admin, roles: c.roles }, c.store, c.device);
      if (c.refused) expect(refusal).to.match(c.refused);
      else expect(refusal).to.equal(null);
    });
  }
});

describe('central/devices/enrol-permission: requestRefusal', () => {
  const cases: Array<{ who: string; roles: string[]; device: string; refused: RegExp | null }> = [
    { who: 'a cashier of the store', roles: ['store', 'store:s1', 'cashier'], device: 's1.pos1', refused: null },
    { who: 'a manager of the store', roles: ['store', 'store:s1', 'manager'], device: 's1.pos1', refused: null },
    { who: 'a cashier of another store', roles: ['store', 'store:s2', 'cashier'], device: 's1.pos1', refused: /needs an account of that store/ },
    { who: 'an account with no store', roles: ['cashier'], device: 's1.pos1', refused: /needs an account of that store/ },
    { who: 'a cashier naming central', roles: ['store', 'store:s1', 'cashier'], device: 'central', refused: /reserved/ },
  ];
  for (const c of cases) {
    it(`${c.refused ? 'does not let' : 'lets'} ${c.who} ask to enrol ${c.device} of s1`, () => {
      const refusal = requestRefusal(c.roles, 's1', c.device);
      if (c.refused) expect(refusal).to.match(c.refused);
      else expect(refusal).to.equal(null);
    });
  }
});
