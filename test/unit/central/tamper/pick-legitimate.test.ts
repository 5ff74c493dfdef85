import { expect } from 'chai';
import { pickLegitimate, type JudgedLeaf } from '../../../../central/tamper/pick-legitimate.js';

const SALE = 'sale:s1:2026-11-24T15:00:00.000Z-0000-s1.pos1';
const VOID = 'return:s1:void:2026-11-24T15:00:00.000Z-0000-s1.pos1';
const leaf = (rev: string, verdict: string | null, updatedAt = '2026-11-24T15:00:00.000Z-0000-s1.pos1', deleted = false): JudgedLeaf =>
  ({ rev, deleted, verdict, body: { updatedAt, total: 100 } });

describe('central/tamper pickLegitimate', () => {
  it('does nothing for a document with one live leaf (the others deleted)', () => {
    expect(pickLegitimate(SALE, [leaf('1-a', null), leaf('2-b', 'unsigned', undefined, true)])).to.equal(null);
  });

  it('keeps the revision signed by the device the sale names and removes a forged sibling that sorts higher', () => {
    expect(pickLegitimate(SALE, [leaf('1-a', null), leaf('1-ff', 'the signature does not match the document (altered, or forged)')]))
      .to.deep.include({ keep: '1-a', remove: ['1-ff'], incident: 'tamper' });
  });

  it('keeps a quarantined original (generation 2) over a forged generation-1 sibling', () => {
    expect(pickLegitimate(SALE, [leaf('2-q', null), leaf('1-z', 'unsigned')])).to.deep.include({ keep: '2-q', remove: ['1-z'] });
  });

  it('keeps the earliest stamp when several revisions verify, and says the device may be compromised', () => {
    const d = pickLegitimate(SALE, [leaf('1-z', null, '2026-11-24T15:00:00.000Z-0000-s1.pos1'), leaf('1-a', null, '2026-11-24T16:00:00.000Z-0000-s1.pos1')]);
    expect(d).to.deep.include({ keep: '1-z', remove: ['1-a'], incident: 'tamper' });
    expect(d!.reason).to.match(/compromised/);
  });

  it('breaks a tie of stamps by CouchDB winner order, whatever the order of the leaves', () => {
    const a = leaf('1-a', null);
    const b = leaf('1-b', null);
    expect(pickLegitimate(SALE, [a, b])!.keep).to.equal('1-b');
    expect(pickLegitimate(SALE, [b, a])!.keep).to.equal('1-b');
  });

  it('keeps the earliest when nothing verifies (it stays quarantined)', () => {
    const d = pickLegitimate(SALE, [leaf('1-b', 'unsigned', '2026-11-24T16:00:00.000Z-0000-s1.pos1'), leaf('1-a', 'unsigned')]);
    expect(d).to.deep.include({ keep: '1-a', remove: ['1-b'], incident: 'tamper' });
  });

  it('calls one sale voided at two tills a void twice, not tampering, and keeps the first void', () => {
    const d = pickLegitimate(VOID, [leaf('1-b', null, '2026-11-24T16:00:00.000Z-0000-s1.pos2'), leaf('1-a', null, '2026-11-24T15:30:00.000Z-0000-s1.pos1')]);
    expect(d).to.deep.include({ keep: '1-a', remove: ['1-b'], incident: 'void-twice' });
  });

  it('calls a forged void beside a real one tampering', () => {
    expect(pickLegitimate(VOID, [leaf('1-a', null), leaf('1-b', 'unsigned')])).to.deep.include({ keep: '1-a', incident: 'tamper' });
  });
});
