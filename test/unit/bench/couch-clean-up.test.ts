import { expect } from 'chai';
import { carriesTag } from '../../../bench/lib/couch-clean-up.js';

describe('bench/lib/couch-clean-up carriesTag', () => {
  const cases: Array<[string, boolean]> = [
    ['store:pos-b1a2b3c', true],
    ['device:pos-b1a2b3c:pos-b1a2b3c.pos-0f3e9a1c', true],
    ['approver:manager-pos-b1a2b3c', true],
    ['arrivals:store-m1-b1a2b3c:2026-12-03T05', true],
    ['checkpoint:resolver:store-m10-b1a2b3c', true],
    ['device:s1:s1.pos-b1a2b3c4', false],
    ['customer:9fb20fc6-a676-4f94-b1a2b3c080490b8a', false],
    ['store:pos-b1a2b3d', false],
    ['store:posb1a2b3c', false],
  ];
  for (const [id, expected] of cases) {
    it(`${expected ? 'takes' : 'leaves'} ${id}`, () => {
      expect(carriesTag(id, 'b1a2b3c')).to.equal(expected);
    });
  }
});
