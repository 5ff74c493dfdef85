// The settings page's pure parts: editing a conflict policy without changing the draft in place,
// finding what the schema would refuse under the path the server names, and the POS / sync
// number forms checked against the schema's own bounds.
import { expect } from 'chai';
import type { ConflictPolicy } from '../../../validators/types.js';
import { isValid } from '../../../validators/index.js';
import { addRule, checkPolicy, newFieldProblem, refusedPath, removeRule, setFieldRule, setRule, setStrategy } from '../../../admin-ui/services/policy-edit.js';
import { parseValues, typedOf, VALUE_FIELDS } from '../../../admin-ui/services/settings-values.js';
import { syncSettingsSchema } from '../../../validators/schemas/settings.js';

const base = Object.freeze({ default: 'lww', types: Object.freeze({ product: Object.freeze({ strategy: 'field-merge', fields: Object.freeze({ price: 'central-wins' }) }) }) }) as unknown as ConflictPolicy;
const asDoc = (policy: ConflictPolicy) => ({ _id: 'settings:conflict-policy', type: 'settings', key: 'conflict-policy', policy, updatedAt: '2026-12-01T00:00:00.000Z-0000-central', updatedBy: 'a' });

describe('admin-ui/services/policy-edit', () => {
  it('sets and clears a type\'s strategy and field rules, leaving the draft untouched', () => {
    const manual = setStrategy(base, 'product', 'manual');
    expect(manual.types?.product).to.deep.equal({ strategy: 'manual', fields: { price: 'central-wins' } });
    expect(setStrategy(base, 'product', undefined).types).to.deep.equal({});
    const tags = setFieldRule(base, 'product', 'tags', 'union');
    expect(tags.types?.product?.fields).to.deep.equal({ price: 'central-wins', tags: 'union' });
    expect(setFieldRule(base, 'product', 'price', undefined).types?.product).to.deep.equal({ strategy: 'field-merge' });
    expect(setFieldRule(base, 'customer', 'points', 'max').types?.customer).to.deep.equal({ strategy: 'field-merge', fields: { points: 'max' } });
    expect(base.types?.product?.fields).to.deep.equal({ price: 'central-wins' });
  });

  it('adds, edits and removes validation rules; with none left, the key goes', () => {
    const one = addRule(base);
    expect(one.rules).to.deep.equal([{ type: 'product', field: 'price', op: 'gte', other: 'cost' }]);
    expect(setRule(one, 0, { op: 'gt' }).rules![0]!.op).to.equal('gt');
    expect(removeRule(one, 0)).to.not.have.property('rules');
  });

  it('finds what the schema refuses, under the path the server names, and nothing in what it accepts', () => {
    const bad = setRule(addRule(setFieldRule(base, 'product', '2tags', 'union')), 0, { other: 'co st' });
    const problems = checkPolicy(bad);
    expect(problems).to.deep.equal({ 'types/product/fields/2tags': 'field', 'rules/0/other': 'field' });
    expect(isValid(asDoc(bad))).to.match(/^settings\/policy\/types\/product\/fields/);
    const good = addRule(setFieldRule(setStrategy(base, 'customer', 'lww'), 'product', 'tags', 'union'));
    expect(checkPolicy(good)).to.deep.equal({});
    expect(isValid(asDoc(good))).to.equal(null);
  });

  it('says why a new field rule cannot be added', () => {
    expect(newFieldProblem(base, 'product', '')).to.equal('required');
    expect(newFieldProblem(base, 'product', 'a-b')).to.equal('field');
    expect(newFieldProblem(base, 'product', 'price')).to.equal('duplicate');
    expect(newFieldProblem(base, 'product', 'notes')).to.equal(null);
  });

  it('reads the path a server refusal names, relative to what was sent', () => {
    expect(refusedPath('settings/policy/types/product/strategy must be one of lww, manual', 'policy')).to.equal('types/product/strategy');
    expect(refusedPath('settings/value/batchSize must be >= 10', 'value')).to.equal('batchSize');
    expect(refusedPath('settings/value is required', 'value')).to.equal('');
    expect(refusedPath('only admins write the catalog', 'value')).to.equal(undefined);
  });
});

describe('admin-ui/services/settings-values', () => {
  it('takes bounds from the settings schema and sends only what was typed, sync intervals typed in seconds', () => {
    expect(VALUE_FIELDS.pos.find((f) => f.key === 'cashierMaxDiscountPct')).to.include({ minimum: 0, maximum: 100, integer: true });
    expect(parseValues('pos', { cashierMaxDiscountPct: '15', managerMaxDiscountPct: '' })).to.deep.equal({ value: { cashierMaxDiscountPct: 15 }, problems: {} });
    expect(parseValues('sync', { batchSize: '100', heartbeatMs: '2.5', retryMaxMs: '60' }).value).to.deep.equal({ batchSize: 100, heartbeatMs: 2500, retryMaxMs: 60_000 });
    const heartbeat = VALUE_FIELDS.sync.find((f) => f.key === 'heartbeatMs')!;
    expect(typedOf(heartbeat, 2500)).to.equal('2.5');
    expect(typedOf(heartbeat, undefined)).to.equal('');
  });

  it('offers every field of the sync settings schema, the history window too', () => {
    expect(VALUE_FIELDS.sync.map((f) => f.key)).to.have.members(Object.keys(syncSettingsSchema.properties));
    expect(VALUE_FIELDS.sync.find((f) => f.key === 'historyDays')).to.include({ minimum: 31, maximum: 3660, integer: true, fallback: 60 });
    expect(parseValues('sync', { historyDays: '20' }).problems).to.deep.equal({ historyDays: { problem: 'min', limit: 31 } });
  });

  it('names each bad value with its problem and the bound in typed units, and sends nothing then', () => {
    const cases: Array<['pos' | 'sync', Record<string, string>, string, unknown]> = [
      ['pos', { cashierMaxDiscountPct: '150' }, 'cashierMaxDiscountPct', { problem: 'max', limit: 100 }],
      ['pos', { cashierMaxDiscountPct: '12.5' }, 'cashierMaxDiscountPct', { problem: 'integer' }],
      ['pos', { managerMaxDiscountPct: 'mucho' }, 'managerMaxDiscountPct', { problem: 'number' }],
      ['pos', { maxOfflineDays: '0' }, 'maxOfflineDays', { problem: 'min', limit: 1 }],
      ['sync', { batchSize: '5' }, 'batchSize', { problem: 'min', limit: 10 }],
      ['sync', { heartbeatMs: '0.5' }, 'heartbeatMs', { problem: 'min', limit: 1 }],
      ['sync', { retryMinMs: '10', retryMaxMs: '5' }, 'retryMaxMs', { problem: 'order' }],
    ];
    for (const [key, typed, field, problem] of cases) {
      const r = parseValues(key, typed);
      expect(r.problems[field], JSON.stringify(typed)).to.deep.equal(problem);
      expect(r).to.not.have.property('value');
    }
  });
});
