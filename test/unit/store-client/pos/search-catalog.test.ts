import { expect } from 'chai';
import { demoProducts } from '../../../../central/demo/demo-catalog.js';
import { groupByModelColour, normalizeText, searchModels } from '../../../../store-client/pos/search-catalog.js';
import type { Product } from '../../../../validators/types.js';

const products = demoProducts('2026-01-01T00:00:00.000Z', 'test');
const models = groupByModelColour(products);
const names = (text: string, limit?: number) => searchModels(models, text, limit).map((m) => `${m.model} ${m.colour}`);

describe('store-client/pos/search-catalog', () => {
  it('normalizes accents, case and spaces', () => {
    expect(normalizeText('  Café   CLÁSICO ')).to.equal('cafe clasico');
    expect(normalizeText('Mocasín')).to.equal('mocasin');
  });

  it('groups the catalog by model and colour, with sizes sorted small to large', () => {
    expect(models).to.have.length(30 * 4);
    const oxford = models.find((m) => m.model === 'Oxford Clásico' && m.colour === 'Negro')!;
    expect(oxford.sizes).to.have.length(17);
    expect(oxford.sizes[0]!.size).to.equal('22');
    expect(oxford.sizes.at(-1)!.size).to.equal('30');
    expect(oxford.stem).to.equal('PS-M01-NEG-');
  });

  it('finds models by every word of model and colour, ignoring accents and case', () => {
    expect(names('oxford negro')).to.deep.equal(['Oxford Brogue Negro', 'Oxford Clásico Negro']);
    expect(names('OXFORD clasico')).to.have.length(4);
    expect(names('cafe', 200)).to.have.length(30);
    expect(names('mocasin piel café')).to.deep.equal(['Mocasín Piel Café']);
  });

  it('finds models by SKU prefix, down to one size', () => {
    expect(names('ps-m01')).to.have.length(4);
    expect(names('PS-M01-NEG')).to.deep.equal(['Oxford Clásico Negro']);
    expect(names('ps-m01-neg-25')).to.deep.equal(['Oxford Clásico Negro']);
    expect(names('PS-M01-NEG-31')).to.deep.equal([]);
  });

  it('finds the model of an exact barcode', () => {
    const p = products.find((x) => x.sku === 'PS-M02-CAF-24')!;
    expect(names(p.barcode!)).to.deep.equal(['Derby Ejecutivo Café']);
    expect(names(p.barcode!.slice(0, 10))).to.deep.equal([]);
  });

  it('returns nothing for an empty query or no match, and at most `limit` groups', () => {
    expect(names('   ')).to.deep.equal([]);
    expect(names('zzz')).to.deep.equal([]);
    expect(names('bota', 3)).to.have.length(3);
  });

  // How fast it answers is the bench's to say (bench/scenarios/pos.ts, search on 20,000 SKUs):
  // a wall-clock bound here failed on a loaded machine and proved nothing on a quiet one.
  it('answers on 20,000 SKUs with at most `limit` groups, each matching the query', () => {
    const big: Product[] = [];
    for (let i = 0; i < 10; i++) for (const p of products) big.push({ ...p, model: `${p.model} ${i}`, sku: `${p.sku}-${i}` });
    const grouped = groupByModelColour(big);
    expect(big.length).to.be.above(20_000);
    expect(searchModels(grouped, 'zzz')).to.deep.equal([]);
    for (const q of ['ox', 'oxford negro 7', 'ps-m01-neg']) {
      const found = searchModels(grouped, q, 5);
      expect(found, q).to.have.length.within(1, 5);
    }
  });
});
