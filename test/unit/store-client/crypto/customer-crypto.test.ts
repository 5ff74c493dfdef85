import { expect } from 'chai';
import { businessKeys } from '../../../../central/duplicates/business-keys.js';
import {
  blindIndex, decryptCustomer, decryptField, encryptCustomer, encryptField, fromBase64Url, generateCustomerKeyMaterial,
  importCustomerKeys, normalizePhone, normalizeTaxId, toBase64Url, type CustomerKeys,
} from '../../../../store-client/index.js';
import { isProntoError, isValid } from '../../../../validators/index.js';
import { customer } from '../../validators/fixtures.js';

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('store-client/crypto/customer-crypto, customer-keys, business-key', () => {
  let keys: CustomerKeys;
  let otherKeys: CustomerKeys;
  before(async () => {
    keys = await importCustomerKeys(generateCustomerKeyMaterial());
    otherKeys = await importCustomerKeys(generateCustomerKeyMaterial());
  });

  it('imports raw base64url keys as non-extractable AES-GCM and HMAC keys', () => {
    expect(keys.dataKey.extractable).to.equal(false);
    expect(keys.indexKey.extractable).to.equal(false);
    expect(keys.dataKey.algorithm.name).to.equal('AES-GCM');
    expect(keys.indexKey.algorithm.name).to.equal('HMAC');
  });

  const badMaterial: [string, unknown][] = [
    ['a short data key', { dataKey: toBase64Url(new Uint8Array(16)), indexKey: toBase64Url(new Uint8Array(32)) }],
    ['a short index key', { dataKey: toBase64Url(new Uint8Array(32)), indexKey: toBase64Url(new Uint8Array(8)) }],
    ['a key that is not base64url', { dataKey: 'not base64!', indexKey: toBase64Url(new Uint8Array(32)) }],
    ['no keys at all', undefined],
  ];
  for (const [what, material] of badMaterial) {
    it(`refuses ${what} with CRYPTO_KEY_INVALID`, async () => {
      const err = await rejects(importCustomerKeys(material as never));
      expect(isProntoError(err, 'CRYPTO_KEY_INVALID'), String(err)).to.equal(true);
    });
  }

  it('base64url round-trips bytes and refuses what is not base64url', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).to.deep.equal(bytes);
    }
    for (const bad of ['a', 'ab+c', 'ab/c', 'abc=', 'a b']) expect(() => fromBase64Url(bad), bad).to.throw();
  });

  it('a field round-trips, in a v1.<iv>.<ciphertext> envelope', async () => {
    const text = await encryptField('55 1234 5678', keys, 'phone');
    expect(text).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(await decryptField(text, keys, 'phone')).to.equal('55 1234 5678');
    expect(await decryptField(await encryptField('Ñandú 12, Col. Centro 🥿', keys, 'address'), keys, 'address')).to.equal('Ñandú 12, Col. Centro 🥿');
  });

  it('the same value encrypts differently every time (random IV)', async () => {
    const a = await encryptField('5512345678', keys, 'phone');
    const b = await encryptField('5512345678', keys, 'phone');
    expect(a).to.not.equal(b);
  });

  it('a ciphertext moved to another field does not decrypt: DECRYPT_FAILED', async () => {
    const phone = await encryptField('5512345678', keys, 'phone');
    const err = await rejects(decryptField(phone, keys, 'email'));
    expect(isProntoError(err, 'DECRYPT_FAILED'), String(err)).to.equal(true);
    expect(String((err as Error).message)).to.not.contain('5512345678');
  });

  it('a tampered ciphertext, a foreign key or a malformed envelope does not decrypt: DECRYPT_FAILED', async () => {
    const text = await encryptField('5512345678', keys, 'phone');
    const [v, iv, ct] = text.split('.') as [string, string, string];
    const flipped = ct.slice(0, 5) + (ct[5] === 'A' ? 'B' : 'A') + ct.slice(6);
    const cases: [string, CustomerKeys][] = [
      [`${v}.${iv}.${flipped}`, keys], [`${v}.${iv}.${ct.slice(0, -2)}`, keys], [text, otherKeys],
      [`v2.${iv}.${ct}`, keys], [`${v}.${iv}`, keys], [`${v}.${iv.slice(2)}.${ct}`, keys], ['5512345678', keys], ['', keys],
    ];
    for (const [bad, k] of cases) {
      const err = await rejects(decryptField(bad, k, 'phone'));
      expect(isProntoError(err, 'DECRYPT_FAILED'), `${bad}: ${String(err)}`).to.equal(true);
    }
  });

  it('the phone blind index is stable and the same for every way of writing one number', async () => {
    const a = await blindIndex('55 1234 5678', 'phone', keys);
    expect(a).to.match(/^[A-Za-z0-9+/_=-]{16,128}$/);
    expect(await blindIndex('55 1234 5678', 'phone', keys)).to.equal(a);
    expect(await blindIndex('+52 (55) 1234-5678', 'phone', keys)).to.equal(a);
    expect(await blindIndex('55.1234.5678', 'phone', keys)).to.equal(a);
    expect(await blindIndex('55 1234 5679', 'phone', keys)).to.not.equal(a);
    expect(await blindIndex('55 1234 5678', 'phone', otherKeys)).to.not.equal(a);
  });

  it('the tax id blind index ignores case, spaces and dashes', async () => {
    const a = await blindIndex('HEGL-850101-AB1', 'taxId', keys);
    expect(await blindIndex('hegl 850101 ab1', 'taxId', keys)).to.equal(a);
    expect(a).to.match(/^[A-Za-z0-9+/_=-]{16,128}$/);
  });

  it('a value that is not a phone or tax id has no blind index', async () => {
    expect(await blindIndex('55 1234 567', 'phone', keys)).to.equal(null);
    expect(await blindIndex('ext. 12', 'phone', keys)).to.equal(null);
    expect(await blindIndex(' - ', 'taxId', keys)).to.equal(null);
  });

  const samples = ['55 1234 5678', '+52 (55) 1234-5678', '1234', 'abc 5512345678', 'hegl-850101 ab1', 'ÑAÑ010101AAA', ' - ', 'X/Y', ''];
  it('normalizes exactly like central/resolver/business-keys (plain values)', () => {
    for (const value of samples) {
      const central = businessKeys({ type: 'customer', phone: value, taxId: value });
      const expected = [
        ...(normalizePhone(value) === null ? [] : [['phone', normalizePhone(value)]]),
        ...(normalizeTaxId(value) === null ? [] : [['taxId', normalizeTaxId(value)]]),
      ];
      expect(central, value).to.deep.equal(expected);
    }
  });

  it('encrypts a customer: only ciphertext for personal fields, blind index filled, schema-valid; and decrypts it back', async () => {
    const plain = { ...customer, phone: '+52 (55) 1234-5678', email: 'lucia@example.mx', taxId: 'HEGL850101AB1', address: 'Calle 5, CDMX' };
    delete (plain as { blindIndex?: unknown }).blindIndex;
    const doc = await encryptCustomer(plain, keys);
    for (const field of ['phone', 'email', 'taxId', 'address'] as const) expect(doc[field], field).to.match(/^v1\./);
    expect(JSON.stringify(doc)).to.not.match(/1234|lucia|HEGL|Calle/);
    expect(doc.blindIndex).to.deep.equal({
      phone: await blindIndex('5512345678', 'phone', keys), taxId: await blindIndex('HEGL850101AB1', 'taxId', keys),
    });
    expect(isValid(doc, { db: 'customers' })).to.equal(null);
    expect(businessKeys(doc)).to.deep.equal([['phone', doc.blindIndex!.phone], ['taxId', doc.blindIndex!.taxId]]);
    expect(await decryptCustomer(doc, keys)).to.deep.equal({ ...plain, blindIndex: doc.blindIndex });
  });

  it('a customer without phone or tax id gets no blind index; legacy plain text is passed through on decrypt', async () => {
    const doc = await encryptCustomer({ ...customer, phone: undefined, blindIndex: { phone: 'stale-stale-stale-stale' } }, keys);
    expect(doc).to.not.have.property('blindIndex');
    const legacy = { ...customer, phone: '55 1234 5678' };
    expect((await decryptCustomer(legacy, keys)).phone).to.equal('55 1234 5678');
  });
});
