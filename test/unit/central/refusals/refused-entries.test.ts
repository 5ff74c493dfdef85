import { expect } from 'chai';
import { refusedEntries, refusalId, refusalStore } from '../../../../central/refusals/index.js';

describe('central/refusals/refused-entries', () => {
  it('keeps forbidden and unauthorized entries, and nothing else', () => {
    const answer = [
      { id: 'a', rev: '1-a', ok: true },
      { id: 'b', rev: '1-b', error: 'forbidden', reason: 'sale/total must be integer' },
      { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
      { id: 'd', rev: '2-d', error: 'unauthorized', reason: 'not yours' },
      null, 'x', { error: 'forbidden' },
    ];
    expect(refusedEntries(answer, {})).to.deep.equal([
      { id: 'b', rev: '1-b', error: 'forbidden', reason: 'sale/total must be integer' },
      { id: 'd', rev: '2-d', error: 'unauthorized', reason: 'not yours' },
    ]);
  });

  it('takes the revision from the request when the answer leaves it out', () => {
    const request = { new_edits: false, docs: [{ _id: 'b', _rev: '3-x' }, { _id: 'b', _rev: '3-y' }, { _id: 'e', _rev: '1-e' }] };
    expect(refusedEntries([{ id: 'b', error: 'forbidden', reason: 'r' }], request).map((e) => e.rev)).to.deep.equal(['3-x', '3-y']);
    expect(refusedEntries([{ id: 'z', error: 'forbidden', reason: 'r' }], request).map((e) => e.rev)).to.deep.equal(['']);
  });

  it('is bounded: at most `max` entries, reasons cut short', () => {
    const answer = Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, rev: '1-a', error: 'forbidden', reason: 'x'.repeat(10_000) }));
    const out = refusedEntries(answer, {}, 10);
    expect(out).to.have.length(10);
    expect(out[0]!.reason).to.have.length(500);
  });

  it('names one record per store, database, document and revision, with long parts hashed', () => {
    expect(refusalId('s1', 'store-s1', 'sale:s1:x', '1-a')).to.equal('refusal:s1:store-s1:sale:s1:x:1-a');
    expect(refusalId('s1', 'customers', 'c'.repeat(500), '1-a')).to.match(/^refusal:s1:customers:sha256-[0-9a-f]{64}:1-a$/);
  });

  it("takes a store database's store, else the account's store role", () => {
    expect(refusalStore('store-s7', null)).to.equal('s7');
    expect(refusalStore('customers', ['store', 'store:s2', 'cashier'])).to.equal('s2');
    expect(refusalStore('customers', ['admin'])).to.equal('_');
    expect(refusalStore('customers', null)).to.equal('_');
  });
});
