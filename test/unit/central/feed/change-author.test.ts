// Who wrote a change and when, for the console's feed: from the document, else from a stamp in its id.
import { expect } from 'chai';
import { changeAuthor } from '../../../../central/feed/change-author.js';

describe('central/feed/change-author', function () {
  const stamp = '2026-12-02T10:11:12.345Z-0003-s1.pos1';

  it("takes the document's updatedBy and updatedAt", function () {
    expect(changeAuthor('product:X', { updatedBy: 'ana', updatedAt: stamp })).to.deep.equal({ who: 'ana', when: stamp });
  });

  it('reads the device and time from the stamp in a deleted sale’s id', function () {
    expect(changeAuthor(`sale:s1:${stamp}`, undefined)).to.deep.equal({ who: 's1.pos1', when: stamp });
    expect(changeAuthor(`return:s1:void:${stamp}`, null)).to.deep.equal({ who: 's1.pos1', when: stamp });
  });

  it('says it does not know when neither the body nor the id tell', function () {
    expect(changeAuthor('product:X', undefined)).to.deep.equal({ who: null, when: null });
    expect(changeAuthor('product:X', { updatedBy: 42 })).to.deep.equal({ who: null, when: null });
  });
});
