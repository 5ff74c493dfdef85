import { expect } from 'chai';
import { defaultPolicy } from '../../../../central/conflicts/default-policy.js';
import { policyFor } from '../../../../central/conflicts/policy-for.js';
import { fieldMerge } from '../../../../central/conflicts/strategies/field-merge.js';
import type { FieldRule, Leaf } from '../../../../central/conflicts/types.js';
import { isValid } from '../../../../validators/index.js';
import { customer, omit, product } from '../../validators/fixtures.js';
import { at, ctx, edit, HOUR, leaf, MIN, nextRev, resolveInEveryOrder, stampAll } from './helpers.js';

const c0 = at(0, 'central');
const c1 = at(1 * MIN, 'central');
const s1 = at(3 * MIN, 's1.pos1');
const s2 = at(4 * MIN, 's2.pos1');
const late = at(20 * MIN, 'central');
const future = at(5 * HOUR, 's3.pos1');

// Both start from one replicated version with every field stamped, as field-merge writers keep them.
const baseProduct = stampAll(omit(product, 'stamps'), c0, 'admin');
const baseCustomer = stampAll(omit(customer, 'stamps'), c0, 'central');
const productFields = policyFor(defaultPolicy, 'product').fields;
const customerFields = policyFor(defaultPolicy, 'customer').fields;

type Expect =
  | { keep: string }
  | { has?: Record<string, unknown>; lacks?: string[]; stamps?: Record<string, string>; updatedAt?: string };

interface Case {
  name: string;
  leaves: Leaf[];
  fields: Record<string, FieldRule>;
  expect: Expect;
}

// Blind index entries as the POS writes them: a keyed hash per phone / tax id value.
const idxPhoneOld = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg';
const idxPhoneNew = 'PHONEnewPHONEnewPHONEnewPHONEnewPHONEnew123';
const idxTaxNew = 'TAXnewTAXnewTAXnewTAXnewTAXnewTAXnewTAX4567';

const cases: Case[] = [
  {
    name: 'a phone changed at one store and a tax id added at another keep each index entry with its field',
    fields: customerFields,
    leaves: [
      // Each writer stamps `blindIndex` as a whole when it changes (store-client record-customer).
      leaf('4-aa', edit(baseCustomer, { phone: 'v1.bmV3LXBob25l.c2FsdA', blindIndex: { phone: idxPhoneNew } }, s1, 's1.pos1')),
      leaf('4-bb', edit(baseCustomer, { taxId: 'v1.dGF4.c2FsdA', blindIndex: { phone: idxPhoneOld, taxId: idxTaxNew } }, s2, 's2.pos1')),
    ],
    expect: { has: { phone: 'v1.bmV3LXBob25l.c2FsdA', taxId: 'v1.dGF4.c2FsdA', blindIndex: { phone: idxPhoneNew, taxId: idxTaxNew } } },
  },
  {
    name: 'a phone removed at one store takes its index entry with it, whatever the other leaf indexed',
    fields: customerFields,
    leaves: [
      leaf('4-aa', edit(baseCustomer, { phone: undefined, blindIndex: undefined }, s2, 's2.pos1')),
      leaf('4-bb', edit(baseCustomer, { name: 'Lucía H.' }, s1, 's1.pos1')),
    ],
    expect: { has: { name: 'Lucía H.' }, lacks: ['phone', 'blindIndex'] },
  },
  {
    name: 'a price changed at central and notes changed at a store both survive',
    fields: productFields,
    leaves: [
      leaf('3-aa', edit(baseProduct, { price: 139900 }, c1, 'admin')),
      leaf('3-bb', edit(baseProduct, { notes: 'Suela despegada en el par de exhibición' }, s1, 's1.pos1')),
    ],
    expect: { has: { price: 139900, notes: 'Suela despegada en el par de exhibición' }, stamps: { price: c1, notes: s1, name: c0 }, updatedAt: s1 },
  },
  {
    name: 'a name changed at central and a phone changed at a store both survive',
    fields: customerFields,
    leaves: [
      leaf('4-aa', edit(baseCustomer, { phone: 'v1.bmV3LXBob25l.c2FsdA' }, s1, 's1.pos1')),
      leaf('4-bb', edit(baseCustomer, { name: 'Lucía Hernández Ruiz' }, c1, 'ana')),
    ],
    expect: { has: { name: 'Lucía Hernández Ruiz', phone: 'v1.bmV3LXBob25l.c2FsdA' }, stamps: { name: c1, phone: s1 } },
  },
  {
    name: 'a central price beats later store prices, even from a clock hours in the future (three-way)',
    fields: productFields,
    leaves: [
      leaf('3-aa', edit(baseProduct, { price: 139900 }, c1, 'admin')),
      leaf('3-bb', edit(baseProduct, { price: 99900 }, s1, 's1.pos1')),
      leaf('2-cc', edit(baseProduct, { price: 89900, notes: 'Liquidación' }, future, 's3.pos1')),
    ],
    expect: { has: { price: 139900, notes: 'Liquidación' }, stamps: { price: c1, notes: future }, updatedAt: future },
  },
  {
    name: 'tags from three branches are united, deduplicated and sorted',
    fields: customerFields,
    leaves: [
      leaf('3-aa', edit(baseCustomer, { tags: ['vip', 'mayoreo'] }, s1, 's1.pos1')),
      leaf('3-bb', edit(baseCustomer, { tags: ['vip', 'frecuente'] }, s2, 's2.pos1')),
      leaf('3-cc', edit(baseCustomer, { tags: ['escolar'] }, c1, 'ana')),
    ],
    expect: { has: { tags: ['escolar', 'frecuente', 'mayoreo', 'vip'] }, stamps: { tags: s2 } },
  },
  {
    name: 'points keep the maximum, stamped with the latest points stamp',
    fields: customerFields,
    leaves: [leaf('5-aa', edit(baseCustomer, { points: 150 }, s1, 's1.pos1')), leaf('5-bb', edit(baseCustomer, { points: 130 }, s2, 's2.pos1'))],
    expect: { has: { points: 150 }, stamps: { points: s2 } },
  },
  {
    name: 'min keeps the minimum and ignores values that are not numbers',
    fields: { price: 'min' },
    leaves: [
      leaf('3-aa', edit(baseProduct, { price: 119900 }, s2, 's2.pos1')),
      leaf('3-bb', edit(baseProduct, { price: 109900 }, s1, 's1.pos1')),
      leaf('3-cc', edit(baseProduct, { price: '99900' }, c1, 'admin')),
    ],
    expect: { has: { price: 109900 }, stamps: { price: s2 } },
  },
  {
    name: 'a store clock hours in the future wins an lww field but not a central-wins one',
    fields: productFields,
    leaves: [
      leaf('3-aa', edit(baseProduct, { price: 139900, active: false }, c1, 'admin')),
      leaf('3-bb', edit(baseProduct, { price: 1000, active: true, notes: 'Revisar' }, future, 's3.pos1')),
    ],
    expect: { has: { price: 139900, active: false, notes: 'Revisar' }, stamps: { price: c1, active: c1, notes: future } },
  },
  {
    name: 'store-wins keeps the store value over a later central one',
    fields: { name: 'store-wins' },
    leaves: [leaf('3-aa', edit(baseCustomer, { name: 'Lucía H.' }, s1, 's1.pos1')), leaf('3-bb', edit(baseCustomer, { name: 'Lucía Hernández R.' }, late, 'ana'))],
    expect: { has: { name: 'Lucía H.' }, stamps: { name: s1 }, updatedAt: late },
  },
  {
    name: 'store-wins falls back to lww when no store changed the field',
    fields: { name: 'store-wins' },
    leaves: [leaf('3-aa', edit(baseCustomer, { name: 'Lucía H.' }, c1, 'ana')), leaf('3-bb', edit(baseCustomer, { email: 'v1.ZW1haWw.c2FsdA' }, s1, 's1.pos1'))],
    expect: { has: { name: 'Lucía H.', email: 'v1.ZW1haWw.c2FsdA' }, stamps: { name: c1, email: s1 } },
  },
  {
    name: 'central-wins falls back to lww when no central stamp has the field',
    fields: { notes: 'central-wins' },
    leaves: [
      leaf('3-aa', edit(baseProduct, { notes: 'De s1' }, s1, 's1.pos1')),
      leaf('3-bb', edit(baseProduct, { notes: 'De s2' }, s2, 's2.pos1')),
      leaf('3-cc', edit(baseProduct, { price: 139900 }, c1, 'admin')),
    ],
    expect: { has: { notes: 'De s2', price: 139900 }, stamps: { notes: s2, price: c1 } },
  },
  {
    name: 'a field removed after the last edit is removed, and its removal stamp kept',
    fields: productFields,
    leaves: [
      leaf('3-aa', edit(baseProduct, { notes: 'Nota vieja' }, s1, 's1.pos1')),
      leaf('3-bb', edit(baseProduct, { notes: undefined, barcode: undefined }, s2, 's2.pos1')),
      leaf('3-cc', edit(baseProduct, { price: 139900 }, c1, 'admin')),
    ],
    expect: { has: { price: 139900 }, lacks: ['notes', 'barcode'], stamps: { notes: s2, barcode: s2, price: c1 } },
  },
  {
    name: 'an edit after a removal brings the field back (that leaf wins every field, so it is kept)',
    fields: productFields,
    leaves: [leaf('3-aa', edit(baseProduct, { barcode: undefined }, s1, 's1.pos1')), leaf('3-bb', edit(baseProduct, { barcode: '7501234567999' }, s2, 's2.pos1'))],
    expect: { keep: '3-bb' },
  },
  {
    name: 'a leaf that never had a field does not remove it',
    fields: productFields,
    leaves: [leaf('3-aa', edit(baseProduct, { notes: 'Nuevo' }, c1, 'admin')), leaf('3-bb', edit(baseProduct, { name: 'Oxford' }, s2, 's2.pos1'))],
    expect: { has: { notes: 'Nuevo', name: 'Oxford' }, stamps: { notes: c1, name: s2 } },
  },
  {
    name: 'a deleted leaf contributes nothing, even with the latest stamps',
    fields: productFields,
    leaves: [
      leaf('3-aa', edit(baseProduct, { price: 139900 }, c1, 'admin')),
      leaf('3-bb', edit(baseProduct, { notes: 'Nota' }, s1, 's1.pos1')),
      leaf('6-ff', edit(baseProduct, { price: 1, notes: 'Borrado', tags: ['x'] }, late, 'admin'), true),
    ],
    expect: { has: { price: 139900, notes: 'Nota', tags: ['formal'] }, stamps: { price: c1, notes: s1, tags: c0 }, updatedAt: s1 },
  },
  {
    name: 'one live leaf against deletions is kept',
    fields: productFields,
    leaves: [leaf('3-aa', edit(baseProduct, { price: 139900 }, c1, 'admin')), leaf('4-bb', edit(baseProduct, { price: 1 }, late, 'admin'), true)],
    expect: { keep: '3-aa' },
  },
  {
    name: 'equal stamps on two nodes: the greater node id wins the field',
    fields: productFields,
    leaves: [
      leaf('3-ff', edit(baseProduct, { notes: 'De s1' }, at(3 * MIN, 's1.pos1'), 's1.pos1')),
      leaf('3-aa', edit(baseProduct, { notes: 'De s2', name: 'Oxford' }, at(3 * MIN, 's2.pos1'), 's2.pos1')),
      leaf('2-bb', edit(baseProduct, { price: 139900 }, c1, 'admin')),
    ],
    expect: { has: { notes: 'De s2', price: 139900 }, stamps: { notes: at(3 * MIN, 's2.pos1') } },
  },
  {
    name: 'a leaf missing updatedAt loses its unstamped fields, even as CouchDB\'s winner',
    fields: productFields,
    leaves: [leaf('5-ff', omit({ ...baseProduct, stamps: {}, notes: 'Sin hora' }, 'updatedAt')), leaf('3-aa', edit(baseProduct, { notes: 'Con hora' }, s1, 's1.pos1'))],
    expect: { keep: '3-aa' },
  },
  {
    name: 'a leaf that already wins every field is kept rather than rewritten',
    fields: productFields,
    leaves: [leaf('3-aa', edit(baseProduct, { notes: 'Vieja' }, s1, 's1.pos1')), leaf('3-bb', edit(baseProduct, { notes: 'Nueva', price: 139900 }, late, 'admin'))],
    expect: { keep: '3-bb' },
  },
  {
    name: 'a winning leaf with implicit stamps (= its updatedAt) is kept too',
    fields: {},
    leaves: [leaf('2-aa', { ...omit(customer, 'stamps'), updatedAt: c0 }), leaf('2-bb', { ...omit(customer, 'stamps'), name: 'Lucía H.', updatedAt: s1 })],
    expect: { keep: '2-bb' },
  },
];

describe('central/resolver/strategies/field-merge', () => {
  for (const c of cases) {
    it(`${c.name}, for every order of the leaves`, () => {
      const result = resolveInEveryOrder(fieldMerge, c.leaves, ctx(c.fields));
      if ('keep' in c.expect) {
        expect(result).to.deep.equal({ kind: 'keep-winner', rev: c.expect.keep });
        return;
      }
      if (result.kind !== 'write-merged') expect.fail(`expected write-merged, got ${JSON.stringify(result)}`);
      const body = result.body;
      for (const [k, v] of Object.entries(c.expect.has ?? {})) expect(body[k], k).to.deep.equal(v);
      for (const k of c.expect.lacks ?? []) expect(body, k).not.to.have.property(k);
      expect(body.stamps).to.include(c.expect.stamps ?? {});
      if (c.expect.updatedAt) expect(body.updatedAt).to.equal(c.expect.updatedAt);
      expect(body.updatedBy).to.equal('resolver');
    });
  }

  const merged = cases.filter((c) => !('keep' in c.expect));

  it('writes merged bodies that pass validation, with sorted keys', () => {
    for (const c of merged) {
      const result = fieldMerge(c.leaves, ctx(c.fields));
      if (result.kind !== 'write-merged') expect.fail(c.name);
      expect(isValid(result.body), c.name).to.equal(null);
      const keys = Object.keys(result.body);
      expect(keys, c.name).to.deep.equal([...keys].sort());
      expect(Object.keys(result.body.stamps as object), c.name).to.deep.equal(Object.keys(result.body.stamps as object).sort());
    }
  });

  it('keeps its merged body when resolving it again with the leaves it came from', () => {
    for (const c of merged) {
      const result = fieldMerge(c.leaves, ctx(c.fields));
      if (result.kind !== 'write-merged') expect.fail(c.name);
      const rev = nextRev(c.leaves);
      const again = resolveInEveryOrder(fieldMerge, [leaf(rev, result.body), ...c.leaves], ctx(c.fields));
      expect(again, c.name).to.deep.equal({ kind: 'keep-winner', rev });
    }
  });

  it('keeps its merged body when it is the only live leaf left', () => {
    const c = merged[0]!;
    const result = fieldMerge(c.leaves, ctx(c.fields));
    if (result.kind !== 'write-merged') expect.fail(c.name);
    const rev = nextRev(c.leaves);
    expect(fieldMerge([leaf(rev, result.body), ...c.leaves.map((l) => ({ ...l, deleted: true }))], ctx(c.fields))).to.deep.equal({ kind: 'keep-winner', rev });
  });

  it('does not take a rule for a field from Object.prototype', () => {
    const leaves = [leaf('2-aa', { ...baseProduct, constructor: 1 }), leaf('2-bb', edit({ ...baseProduct, constructor: 2 }, { notes: 'x' }, s1, 's1'))];
    expect(fieldMerge(leaves, ctx({}))).to.deep.equal({ kind: 'keep-winner', rev: '2-bb' });
  });
});
