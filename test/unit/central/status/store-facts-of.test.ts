import { expect } from 'chai';
import { storeFactsOf } from '../../../../central/status/read-couch-parts.js';
import { emptyFigures } from '../../../../central/panel/store-figures.js';
import type { StorePanel } from '../../../../central/panel/index.js';

const till = (id: string, lastHeardAt: string | null, stale: boolean, pending: unknown) => ({ _id: id, lastHeardAt, stale, verified: lastHeardAt !== null, pending });

describe('status/storeFactsOf', function () {
  it('counts tills and silent ones, sums their pending and takes the latest heard as last seen', function () {
    const panel: StorePanel = {
      store: 's1', name: 'Centro', timezone: 'America/Mexico_City', active: true,
      tills: [till('store-status:a', '2026-12-03T08:00:00.000Z', false, 3), till('store-status:b', '2026-12-03T08:05:00.000Z', true, 2), till('store-status:c', null, true, 'x')],
      figures: { ...emptyFigures('2026-12-03'), refused: 4, quarantined: { total: 2, byKind: { sale: 2 } }, conflicts: 1 },
    };
    expect(storeFactsOf(panel)).to.deep.equal({
      store: 's1', name: 'Centro', active: true, lastSeen: '2026-12-03T08:05:00.000Z', tills: 3, silentTills: 2, pending: 5, refused: 4, quarantined: 2, conflicts: 1,
    });
  });

  it('says never for a store with no till heard', function () {
    const panel: StorePanel = { store: 's2', name: 'Norte', timezone: 'America/Monterrey', active: false, tills: [], figures: emptyFigures('2026-12-03') };
    expect(storeFactsOf(panel)).to.include({ lastSeen: null, tills: 0, pending: 0 });
  });
});
