import { expect } from 'chai';
import { deviceInId } from '../../../../central/devices/doc-verdict.js';

describe('central/devices deviceInId', () => {
  const cases: Array<[string, string | null]> = [
    ['sale:s1:2026-11-24T15:00:00.000Z-0000-s1.pos1', 's1.pos1'],
    ['move:s1:2026-11-24T15:00:00.000Z-00a1-central', 'central'],
    ['return:s1:2026-11-24T15:00:00.000Z-0000-s1.pos-0a1b2c3d', 's1.pos-0a1b2c3d'],
    // A void's id is the stamp of the sale it cancels: it names the sale's till, not the voiding one.
    ['return:s1:void:2026-11-24T15:00:00.000Z-0000-s1.pos1', null],
    ['store-status:s1:s1.pos1', null],
  ];
  for (const [id, device] of cases) {
    it(`reads ${String(device)} from ${id}`, () => expect(deviceInId(id)).to.equal(device));
  }
});
