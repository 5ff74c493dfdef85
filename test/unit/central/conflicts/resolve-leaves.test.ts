import { expect } from 'chai';
import { defaultPolicy } from '../../../../central/conflicts/default-policy.js';
import { isCentralStamp } from '../../../../central/conflicts/is-central-stamp.js';
import { policyFor } from '../../../../central/conflicts/policy-for.js';
import { resolveLeaves } from '../../../../central/conflicts/resolve-leaves.js';
import { isValid, validate, type ConflictPolicy } from '../../../../validators/index.js';
import { customer, omit, product, sale, settings, store } from '../../validators/fixtures.js';
import { at, edit, leaf, MIN, stampAll } from './helpers.js';

const c0 = at(0, 'central');
const c1 = at(1 * MIN, 'central');
const c2 = at(2 * MIN, 'central.ana');
const s1 = at(3 * MIN, 's1.pos1');
const s2 = at(4 * MIN, 's2.pos1');
const baseProduct = stampAll(omit(product, 'stamps'), c0, 'admin');
const baseCustomer = stampAll(omit(customer, 'stamps'), c0, 'central');

describe('central/resolver/resolve-leaves', () => {
  it('merges a product by the default policy: central price, store notes', () => {
    const out = resolveLeaves(
      [leaf('3-aa', edit(baseProduct, { price: 139900 }, c1, 'admin')), leaf('3-bb', edit(baseProduct, { price: 1, notes: 'Nota' }, s1, 's1.pos1'))],
      defaultPolicy, isCentralStamp,
    );
    expect(out.strategy).to.equal('field-merge');
    if (out.kind !== 'write-merged') expect.fail(JSON.stringify(out));
    expect(out.body).to.include({ price: 139900, notes: 'Nota', updatedBy: 'resolver' });
  });

  it('picks the strategy by the type of CouchDB\'s winner', () => {
    const stores = [leaf('2-aa', { ...store, name: 'Centro', updatedAt: c1 }), leaf('2-bb', { ...store, name: 'Zócalo', updatedAt: s1 })];
    expect(resolveLeaves(stores, defaultPolicy, isCentralStamp)).to.deep.equal({ kind: 'keep-winner', rev: '2-aa', strategy: 'central-wins' });
    const sales = [leaf('2-aa', { ...sale, updatedAt: s2 }), leaf('2-bb', { ...sale, updatedAt: s1 })];
    expect(resolveLeaves(sales, defaultPolicy, isCentralStamp)).to.deep.equal({ kind: 'keep-winner', rev: '2-aa', strategy: 'lww' });
  });

  it('sends a merge that breaks price >= cost to review', () => {
    // Two admins: one lowers the price, the other raises the cost; each change is fine alone.
    const leaves = [
      leaf('3-aa', edit(baseProduct, { price: 50000 }, c1, 'admin')),
      leaf('3-bb', edit(baseProduct, { cost: 70000 }, c2, 'ana')),
    ];
    expect(resolveLeaves(leaves, defaultPolicy, isCentralStamp)).to.deep.equal({
      kind: 'needs-review', reason: 'price must be >= cost (price 50000, cost 70000)', strategy: 'field-merge',
    });
  });

  it('sends a kept leaf that breaks a rule to review', () => {
    const leaves = [leaf('2-aa', { ...product, price: 100, cost: 200, updatedAt: s2 }), leaf('2-bb', { ...product, updatedAt: s1 })];
    const policy: ConflictPolicy = { ...defaultPolicy, types: { product: { strategy: 'lww' } } };
    expect(resolveLeaves(leaves, policy, isCentralStamp)).to.deep.equal({
      kind: 'needs-review', reason: 'price must be >= cost (price 100, cost 200)', strategy: 'lww',
    });
  });

  it('sends a merged body the contract refuses to review, with the validator\'s message', () => {
    const tags = (from: number) => Array.from({ length: 30 }, (_, i) => `etiqueta-${from + i}`);
    const leaves = [
      leaf('3-aa', edit(baseCustomer, { tags: tags(0) }, s1, 's1.pos1')),
      leaf('3-bb', edit(baseCustomer, { tags: tags(100) }, s2, 's2.pos1')),
    ];
    expect(resolveLeaves(leaves, defaultPolicy, isCentralStamp)).to.deep.equal({
      kind: 'needs-review', reason: 'customer/tags must NOT have more than 50 items', strategy: 'field-merge',
    });
  });

  it('sends a conflict of a manual type to review', () => {
    const policy: ConflictPolicy = { default: 'manual' };
    const leaves = [leaf('3-aa', { ...product, updatedAt: c1 }), leaf('3-bb', { ...product, price: 139900, updatedAt: s1 })];
    expect(resolveLeaves(leaves, policy, isCentralStamp)).to.deep.equal({
      kind: 'needs-review', reason: 'policy for product is manual', strategy: 'manual',
    });
  });

  it('keeps a tombstone when every leaf is deleted, without validating it', () => {
    const leaves = [leaf('3-aa', {}, true), leaf('4-bb', {}, true)];
    expect(resolveLeaves(leaves, defaultPolicy, isCentralStamp)).to.deep.equal({ kind: 'keep-winner', rev: '4-bb', strategy: 'lww' });
  });

  it('merges to a valid body that passes the rules', () => {
    const leaves = [
      leaf('4-aa', edit(baseCustomer, { phone: 'v1.bmV3.c2FsdA', points: 200 }, s1, 's1.pos1')),
      leaf('4-bb', edit(baseCustomer, { name: 'Lucía Hernández Ruiz', points: 150 }, c1, 'ana')),
    ];
    const out = resolveLeaves(leaves, defaultPolicy, isCentralStamp);
    if (out.kind !== 'write-merged') expect.fail(JSON.stringify(out));
    expect(isValid(out.body, { db: 'customers' })).to.equal(null);
    expect(out.body).to.include({ name: 'Lucía Hernández Ruiz', phone: 'v1.bmV3.c2FsdA', points: 200 });
  });
});

describe('central/resolver/default-policy', () => {
  it('is a valid policy for a settings:conflict-policy document', () => {
    expect(() => validate({ ...settings, policy: defaultPolicy }, { db: 'catalog' })).not.to.throw();
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(defaultPolicy)).to.equal(true);
    expect(Object.isFrozen(defaultPolicy.types?.product?.fields)).to.equal(true);
  });
});

describe('central/resolver/policy-for', () => {
  const cases: { type: string; strategy: string; fields: object }[] = [
    { type: 'product', strategy: 'field-merge', fields: { price: 'central-wins', cost: 'central-wins', active: 'central-wins', tags: 'union', notes: 'lww' } },
    { type: 'customer', strategy: 'field-merge', fields: { points: 'max', tags: 'union' } },
    { type: 'store', strategy: 'central-wins', fields: {} },
    { type: 'sale', strategy: 'lww', fields: {} },
    { type: 'constructor', strategy: 'lww', fields: {} },
    { type: '', strategy: 'lww', fields: {} },
  ];
  for (const c of cases) {
    it(`gives ${c.type || 'an untyped document'} the ${c.strategy} strategy and its field rules`, () => {
      expect(policyFor(defaultPolicy, c.type)).to.deep.equal({ strategy: c.strategy, fields: c.fields });
    });
  }
});
