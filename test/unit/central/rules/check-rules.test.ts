import { expect } from 'chai';
import { checkRules } from '../../../../central/rules/check-rules.js';
import type { ConflictPolicy } from '../../../../validators/index.js';
import { product } from '../../validators/fixtures.js';

type Rules = NonNullable<ConflictPolicy['rules']>;
const priceGteCost: Rules = [{ type: 'product', field: 'price', op: 'gte', other: 'cost' }];

describe('central/resolver/check-rules', () => {
  const cases: { name: string; body: object; type?: string; rules: Rules | undefined; result: string | null }[] = [
    { name: 'a price above cost passes price >= cost', body: product, rules: priceGteCost, result: null },
    { name: 'a price equal to cost passes price >= cost', body: { ...product, price: 61000 }, rules: priceGteCost, result: null },
    {
      name: 'a price below cost breaks price >= cost, naming both values',
      body: { ...product, price: 100, cost: 200 }, rules: priceGteCost,
      result: 'price must be >= cost (price 100, cost 200)',
    },
    {
      name: 'gt refuses equal values',
      body: { ...product, price: 61000 }, rules: [{ type: 'product', field: 'price', op: 'gt', other: 'cost' }],
      result: 'price must be > cost (price 61000, cost 61000)',
    },
    {
      name: 'lte and lt compare the other way',
      body: product,
      rules: [{ type: 'product', field: 'cost', op: 'lte', other: 'price' }, { type: 'product', field: 'price', op: 'lt', other: 'cost' }],
      result: 'price must be < cost (price 129900, cost 61000)',
    },
    { name: 'a rule for another type is ignored', body: { ...product, price: 1 }, type: 'customer', rules: priceGteCost, result: null },
    { name: 'a missing field is left to the schema', body: { ...product, cost: undefined }, rules: priceGteCost, result: null },
    { name: 'a non-number is left to the schema', body: { ...product, price: '1299.00' }, rules: priceGteCost, result: null },
    { name: 'no rules means no violation', body: { ...product, price: 1 }, rules: undefined, result: null },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(checkRules(c.body as Record<string, unknown>, c.type ?? 'product', c.rules)).to.equal(c.result);
    });
  }
});
