// The settings' pure parts: what a policy would do to a waiting conflict (the resolver's own
// resolveLeaves), the preview request's checks, settings:sync's cross-field rule, and the
// catalog's validate_doc_update on settings:sync.
import { expect } from 'chai';
import { previewOutcome, checkSettingsValue } from '../../../../central/settings/index.js';
import { parsePreviewRequest } from '../../../../central/http/preview-request.js';
import { isCentralStamp } from '../../../../central/conflicts/is-central-stamp.js';
import { defaultPolicy } from '../../../../central/conflicts/default-policy.js';
import { buildDesignDocs } from '../../../../design-docs/index.js';
import { isProntoError, type ConflictPolicy } from '../../../../validators/index.js';
import { couchSandbox } from '../../design-docs/couch-sandbox.js';
import { at, leaf } from '../conflicts/helpers.js';

const product = { _id: 'product:PR-1-25', type: 'product', sku: 'PR-1-25', model: 'PR-1', name: 'Botín', colour: 'negro', size: '25', cost: 500_00, active: true };
const central = leaf('2-a', { ...product, price: 900_00, updatedAt: at(0, 'central'), updatedBy: 'chain-admin' });
const till = leaf('2-b', { ...product, price: 950_00, updatedAt: at(60_000, 's1.pos1'), updatedBy: 'manager-s1' });
const withProduct = (strategy: string): ConflictPolicy => ({ ...defaultPolicy, types: { ...defaultPolicy.types, product: { strategy } } } as ConflictPolicy);

describe('central/settings/preview-outcome', () => {
  it('names the leaf an automatic strategy keeps, with its body', () => {
    expect(previewOutcome([central, till], withProduct('lww'), isCentralStamp)).to.deep.include({ outcome: 'auto', strategy: 'lww', kind: 'keep-winner', rev: '2-b' });
    expect(previewOutcome([central, till], withProduct('central-wins'), isCentralStamp)).to.deep.include({ outcome: 'auto', rev: '2-a' });
  });

  it('keeps a conflict manual under `manual`, and when the result would break a rule (price >= cost), saying why', () => {
    expect(previewOutcome([central, till], withProduct('manual'), isCentralStamp)).to.deep.equal({ outcome: 'manual', strategy: 'manual', reason: 'policy for product is manual' });
    const cheap = leaf('2-c', { ...till.body, price: 1 });
    const r = previewOutcome([central, cheap], withProduct('lww'), isCentralStamp);
    expect(r.outcome).to.equal('manual');
    expect((r as { reason: string }).reason).to.contain('price');
  });

  it('gives the merged body when field-merge combines the leaves', () => {
    const customer = { _id: 'customer:0b6c5a7e-1f2d-4c3b-9a8e-7d6c5b4a3f21', type: 'customer', name: 'Ana' };
    const a = leaf('2-a', { ...customer, points: 40, tags: ['vip'], updatedAt: at(0, 's1.pos1'), updatedBy: 'cashier-s1' });
    const b = leaf('2-b', { ...customer, points: 25, tags: ['nuevo'], updatedAt: at(60_000, 's2.pos1'), updatedBy: 'cashier-s2' });
    const r = previewOutcome([a, b], defaultPolicy, isCentralStamp);
    expect(r).to.deep.include({ outcome: 'auto', strategy: 'field-merge', kind: 'write-merged' });
    expect((r as { body: Record<string, unknown> }).body).to.include({ points: 40 });
    expect((r as { body: Record<string, unknown> }).body.tags).to.have.members(['vip', 'nuevo']);
  });

  it('says a document with one live leaf left is settled', () => {
    expect(previewOutcome([central, leaf('3-d', {}, true)], withProduct('lww'), isCentralStamp)).to.deep.equal({ outcome: 'settled' });
  });
});

describe('central/http/preview-request', () => {
  const fieldOf = (body: unknown) => {
    try {
      parsePreviewRequest(body, 'chain-admin');
    } catch (err) {
      if (isProntoError(err)) return err.details.field ?? err.details.param;
    }
    return 'accepted';
  };
  it('takes a valid policy with the default limit, and refuses what is wrong naming it', () => {
    expect(parsePreviewRequest({ policy: defaultPolicy }, 'a')).to.deep.equal({ policy: defaultPolicy, limit: 20 });
    const cases: Array<[unknown, string]> = [
      [{}, 'policy'],
      [{ policy: { default: 'sometimes' } }, 'policy/default'],
      [{ policy: { default: 'lww', types: { product: { strategy: 'lww', fields: { price: 'biggest' } } } } }, 'policy/types/product/fields/price'],
      [{ policy: { default: 'lww', rules: [{ type: 'product', field: 'price', op: 'eq', other: 'cost' }] } }, 'policy/rules/0/op'],
      [{ policy: defaultPolicy, limit: 51 }, 'limit'],
      [{ policy: defaultPolicy, limit: '5' }, 'limit'],
      [{ policy: defaultPolicy, cursor: Buffer.from('["resolved","*","all","",1,"x"]').toString('base64url') }, 'cursor'],
    ];
    for (const [body, field] of cases) expect(fieldOf(body), JSON.stringify(body)).to.equal(field);
  });
});

describe('central/settings/check-settings', () => {
  it('refuses a retry ceiling below its floor, naming retryMaxMs; anything else is the schema\'s job', () => {
    expect(() => checkSettingsValue('sync', { retryMinMs: 5000, retryMaxMs: 4000 })).to.throw(/value\/retryMaxMs/);
    expect(() => checkSettingsValue('sync', { retryMaxMs: 999 })).to.throw(/retryMaxMs/);
    expect(() => checkSettingsValue('sync', { retryMinMs: 5000, retryMaxMs: 5000 })).not.to.throw();
    expect(() => checkSettingsValue('pos', { retryMinMs: 5000, retryMaxMs: 1 })).not.to.throw();
  });
});

describe('design-docs catalog validate_doc_update: settings:sync', () => {
  const catalog = couchSandbox(buildDesignDocs().catalog);
  const doc = (value: unknown) => ({ _id: 'settings:sync', type: 'settings', key: 'sync', value, updatedAt: at(0, 'central'), updatedBy: 'chain-admin' });
  it('is written by admins only, within the schema\'s bounds', () => {
    expect(catalog.validate(doc({ batchSize: 100 }), { name: 'chain-admin', roles: ['admin'], db: 'catalog' })).to.equal(null);
    expect(catalog.validate(doc({ batchSize: 100 }), { name: 'manager-s1', roles: ['store', 'store:s1', 'manager'], db: 'catalog' })).to.equal('only admins write the catalog');
    expect(catalog.validate(doc({ batchSize: 5 }), { name: 'chain-admin', roles: ['admin'], db: 'catalog' })).to.equal('settings/value/batchSize must be >= 10');
    expect(catalog.validate(doc({ heartbeatMs: 100 }), { name: 'chain-admin', roles: ['admin'], db: 'catalog' })).to.equal('settings/value/heartbeatMs must be >= 1000');
    expect(catalog.validate(doc({ pace: 'fast' }), { name: 'chain-admin', roles: ['admin'], db: 'catalog' })).to.equal('settings/value/pace is not allowed');
  });
});
