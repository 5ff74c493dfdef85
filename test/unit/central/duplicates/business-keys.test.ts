import { expect } from 'chai';
import { buildDesignDocs } from '../../../../design-docs/index.js';
import { businessKeys } from '../../../../central/duplicates/business-keys.js';
import { couchSandbox } from '../../design-docs/couch-sandbox.js';

// The resolver computes a changed customer's keys in TypeScript and looks them up in the
// `by-business-key` view: the two rules must agree, or duplicates would go unnoticed.
const base = { _id: 'customer:11111111-1111-4111-8111-111111111111', type: 'customer', name: 'X', updatedAt: '2026-11-24T10:00:00.000Z-0000-s1.pos1', updatedBy: 'x' };
const cases: Array<[string, Record<string, unknown>]> = [
  ['a plain phone with spaces and a country code', { phone: '+52 (55) 1234-5678' }],
  ['a short phone', { phone: '12345' }],
  ['an encrypted phone without a blind index', { phone: 'v1.aGVsbG8.d29ybGQ' }],
  ['a blind index', { phone: 'v1.x.y', blindIndex: { phone: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' } }],
  ['a tax id with dashes and lower case', { taxId: 'lopm-800101-ab1' }],
  ['a tax id with Ñ and &', { taxId: 'ÑA&M800101AB1' }],
  ['both keys', { phone: '5512345678', taxId: 'XAXX010101000' }],
  ['a merged record', { phone: '5512345678', mergedInto: 'customer:22222222-2222-4222-8222-222222222222' }],
  ['no keys at all', {}],
];

describe('central/resolver/business-keys', () => {
  const view = couchSandbox(buildDesignDocs().customers);
  for (const [what, fields] of cases) {
    it(`agrees with the by-business-key view for ${what}`, () => {
      const doc = { ...base, ...fields };
      expect(businessKeys(doc)).to.deep.equal(view.map('by-business-key', doc).map(([key]) => key));
    });
  }
});
