import { expect } from 'chai';
import { benchSku, storeYear } from '../../../bench/lib/store-year.js';
import { validate } from '../../../validators/index.js';

describe('bench/lib/store-year', () => {
  const docs = storeYear({ store: 's1', count: 2000, seed: 7 });

  it('makes the asked number of documents with unique ids, the same for the same seed', () => {
    expect(docs).to.have.length(2000);
    expect(new Set(docs.map((d) => d._id)).size).to.equal(2000);
    expect(storeYear({ store: 's1', count: 2000, seed: 7 })).to.deep.equal(docs);
    expect(storeYear({ store: 's1', count: 50, seed: 8 })).not.to.deep.equal(storeYear({ store: 's1', count: 50, seed: 7 }));
  });

  it('makes sales of 1–4 lines and about one return in forty, each of an earlier sale', () => {
    const sales = docs.filter((d) => d.type === 'sale');
    const returns = docs.filter((d) => d.type === 'return');
    expect(new Set(sales.map((s) => s.lines.length))).to.deep.equal(new Set([1, 2, 3, 4]));
    expect(returns.length).to.be.within(20, 90);
    const seen = new Set<string>();
    for (const d of docs) {
      if (d.type === 'return') expect(seen.has(d.sale), `${d._id} returns an earlier sale`).to.equal(true);
      seen.add(d._id);
    }
  });

  it('makes documents the schemas accept, spread over a year of business days', () => {
    for (const d of docs.slice(0, 300)) expect(() => validate(d), d._id).not.to.throw();
    expect(docs[0]!.businessDay).to.equal('2025-12-01');
    expect(docs.at(-1)!.businessDay > '2026-11-25').to.equal(true);
  });

  it('names SKUs of the bench shoe catalog', () => {
    expect(benchSku(0)).to.equal('BX-001-NEG-22');
    expect(benchSku(17)).to.equal('BX-001-CAF-22');
    expect(new Set(Array.from({ length: 5000 }, (_, i) => benchSku(i))).size).to.equal(30 * 4 * 17);
  });
});
