// The small pure rules of the POS: published settings, where a sale stands at the returns
// desk, the customer look-up's phone/name split and masking, and the two message catalogs.
import { expect } from 'chai';
import { asPhone, maskPhone, matchNames } from '../../../../store-client/pos/customer-search.js';
import { en } from '../../../../store-client/pos/i18n/en.js';
import { es } from '../../../../store-client/pos/i18n/es.js';
import { DEFAULT_POS_SETTINGS, posSettings } from '../../../../store-client/pos/pos-settings.js';
import { mayVoid, saleIdOf, saleState } from '../../../../store-client/pos/sale-state.js';
import { normalizeText } from '../../../../store-client/pos/search-catalog.js';
import { posSettings as settingsDoc, sale } from '../../validators/fixtures.js';

describe('store-client/pos rules', () => {
  describe('posSettings', () => {
    it('reads the cashier discount limit and the clock skew from settings:pos', () => {
      expect(posSettings({ ...settingsDoc, value: { cashierMaxDiscountPct: 15 } })).to.deep.equal({ cashierMaxDiscountPct: 15, maxClockSkewMin: 10 });
      expect(posSettings({ ...settingsDoc, value: { maxClockSkewMin: 3 } })).to.deep.equal({ cashierMaxDiscountPct: 10, maxClockSkewMin: 3 });
    });
    it('falls back to 10 minutes of skew when it is not a whole number of minutes from 1', () => {
      expect(DEFAULT_POS_SETTINGS.maxClockSkewMin).to.equal(10);
      for (const maxClockSkewMin of [0, -5, 2.5, '5', null]) {
        expect(posSettings({ ...settingsDoc, value: { maxClockSkewMin } }).maxClockSkewMin, JSON.stringify(maxClockSkewMin)).to.equal(10);
      }
    });
    it('falls back to 10% when the document is missing or its value is not a whole percentage', () => {
      expect(DEFAULT_POS_SETTINGS.cashierMaxDiscountPct).to.equal(10);
      for (const value of [undefined, null, 'x', { cashierMaxDiscountPct: '20' }, { cashierMaxDiscountPct: 150 }, { cashierMaxDiscountPct: 12.5 }]) {
        expect(posSettings(value === undefined ? undefined : { ...settingsDoc, value }), JSON.stringify(value)).to.deep.equal(DEFAULT_POS_SETTINGS);
      }
    });
  });

  describe('saleState and mayVoid', () => {
    const ret = (line: number, qty: number) => ({ kind: 'return' as const, lines: [{ line, qty, discount: 0 }] });
    it('says open, partly returned, all returned or voided', () => {
      expect(saleState(sale, [])).to.equal('open');
      expect(saleState(sale, [ret(1, 1)])).to.equal('partly');
      expect(saleState(sale, [ret(1, 2), ret(0, 1)])).to.equal('returned');
      expect(saleState(sale, [{ kind: 'void', lines: [] }])).to.equal('voided');
    });
    it('allows a void only for a sale of today that nothing was returned from and central did not quarantine', () => {
      expect(mayVoid(sale, [], sale.businessDay)).to.equal(true);
      expect(mayVoid(sale, [], '2026-11-25')).to.equal(false);
      expect(mayVoid(sale, [ret(1, 1)], sale.businessDay)).to.equal(false);
      expect(mayVoid({ ...sale, quarantined: { reason: 'bad signature', at: sale.updatedAt } }, [], sale.businessDay)).to.equal(false);
    });
    it('takes a folio with or without its sale:<store>: prefix', () => {
      expect(saleIdOf(` ${sale._id} `, 's1')).to.equal(sale._id);
      expect(saleIdOf(sale._id.slice('sale:s1:'.length), 's1')).to.equal(sale._id);
    });
  });

  describe('customer look-up', () => {
    const people = ['María López', 'José Hernández', 'Guadalupe García'].map((name, i) => ({ id: `customer:${i}`, name, search: normalizeText(name) }));
    it('reads 10 or more digits as a phone and anything else as a name', () => {
      expect(asPhone('+52 (55) 1234-5678')).to.equal('5512345678');
      expect(asPhone('55 1234')).to.equal(undefined);
      expect(asPhone('María')).to.equal(undefined);
    });
    it('matches every word of a name, without accents or case', () => {
      expect(matchNames(people, 'maria').map((c) => c.name)).to.deep.equal(['María López']);
      expect(matchNames(people, 'GARCIA guadalupe').map((c) => c.name)).to.deep.equal(['Guadalupe García']);
      expect(matchNames(people, 'ez', 1)).to.have.length(1);
      expect(matchNames(people, '   ')).to.deep.equal([]);
    });
    it('shows only the last four digits of a phone', () => {
      expect(maskPhone('55 1234 5678')).to.equal('•••• 5678');
      expect(maskPhone(undefined)).to.equal(undefined);
    });
  });

  describe('message catalogs', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    it('give every message the same {values} in Spanish and English', () => {
      for (const key of Object.keys(es) as (keyof typeof es)[]) expect(params(en[key]), key).to.deep.equal(params(es[key]));
    });
    it('leave no message empty or untranslated by accident', () => {
      // Words that are the same in both languages; anything else identical was not translated.
      const alike = new Set(['pay.subtotal', 'pay.total', 'receipt.total', 'receipt.folio', 'cart.discountOff']);
      const same = (Object.keys(es) as (keyof typeof es)[]).filter((k) => es[k] === en[k] && !alike.has(k));
      expect(same).to.deep.equal([]);
      for (const text of [...Object.values(es), ...Object.values(en)]) expect(text.trim()).to.not.equal('');
    });
  });
});
