import { expect } from 'chai';
import { isRelayed, noticeDoc, noticesBefore, othersNotices } from '../../../../central/events/notice-doc.js';

describe('central/events/notice-doc', () => {
  it('relays the notices one instance publishes, and not those every instance derives itself', () => {
    const cases: Array<[string, boolean]> = [
      ['sale.quarantined', true], ['conflict.resolved', true], ['conflict.queued', true], ['tamper.detected', true], ['void.twice', true],
      ['duplicate.merged', true], ['device.request', true], ['refusal.dismissed', true], ['upload.refused', true],
      ['change', false], ['store.status', false], ['conflict.detected', false], ['clock.ahead', false],
      ['no.such.type', false], ['constructor', false], ['__proto__', false],
    ];
    for (const [type, relayed] of cases) expect(isRelayed(type), type).to.equal(relayed);
  });

  it('names a notice by time, origin and count, so old ones sort before a cut-off', () => {
    const doc = noticeDoc('abc', 7, 1_764_000_000_000, 'sale.quarantined', { docId: 'sale:1' });
    expect(doc).to.deep.equal({ _id: '001764000000000-abc-7', origin: 'abc', type: 'sale.quarantined', at: new Date(1_764_000_000_000).toISOString(), data: { docId: 'sale:1' } });
    expect(doc._id < noticesBefore(1_764_000_000_001)).to.equal(true);
    expect(doc._id < noticesBefore(1_764_000_000_000)).to.equal(false);
    expect(noticeDoc('abc', 1, 9_999, 'device.key', {})._id < doc._id, 'a shorter time still sorts first').to.equal(true);
  });

  it('publishes only what another origin wrote, of relayed types, in feed order', () => {
    const mine = noticeDoc('me', 1, 1000, 'sale.quarantined', { docId: 'a' });
    const theirs = noticeDoc('them', 1, 1000, 'sale.quarantined', { docId: 'b' });
    const later = noticeDoc('them', 2, 1001, 'device.request', { device: 's1.pos9' });
    const docs = [mine, theirs, undefined, null, { ...theirs, _deleted: true }, { ...theirs, type: 'change' }, { ...theirs, type: 'bogus' },
      { ...theirs, data: 'text' }, { ...theirs, data: [1] }, { ...theirs, origin: 42 }, later];
    expect(othersNotices(docs, 'me')).to.deep.equal([{ type: 'sale.quarantined', data: { docId: 'b' } }, { type: 'device.request', data: { device: 's1.pos9' } }]);
    expect(othersNotices(docs, 'them')).to.deep.equal([{ type: 'sale.quarantined', data: { docId: 'a' } }]);
  });
});
