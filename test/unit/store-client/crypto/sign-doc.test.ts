import { expect } from 'chai';
import { buildDesignDocs } from '../../../../design-docs/index.js';
import {
  createClock, createNodePouch, deviceSigner, generateDeviceKey, importPublicKey, keyIdOf, recordMove, recordSale,
  signable, signDoc, verifyDoc, type DeviceKey, type Signed,
} from '../../../../store-client/index.js';
import { isValid } from '../../../../validators/index.js';
import { move, sale } from '../../validators/fixtures.js';

const PouchDB = createNodePouch();
let n = 0;

describe('store-client/crypto/sign-doc, verify-doc, device-key', () => {
  let key: DeviceKey;
  let other: DeviceKey;
  before(async () => {
    [key, other] = await Promise.all([generateDeviceKey(), generateDeviceKey()]);
  });

  it('generates a non-extractable private key, a bare public JWK and a base64url key id', async () => {
    expect(key.privateKey.extractable).to.equal(false);
    expect(key.publicJwk).to.have.all.keys('kty', 'crv', 'x', 'y');
    expect(key.keyId).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(await keyIdOf({ ...key.publicJwk, key_ops: ['verify'], ext: true })).to.equal(key.keyId);
    expect(other.keyId).to.not.equal(key.keyId);
  });

  it('signable drops CouchDB fields, the signature, the key id and the quarantine flag, but keeps _id', () => {
    const doc = { _id: 'x', _rev: '1-a', _revisions: {}, _conflicts: [], _deleted: false, signature: 's', keyId: 'k', quarantined: {}, total: 1 };
    expect(signable(doc)).to.deep.equal({ _id: 'x', total: 1 });
  });

  it('a signed sale verifies and is a valid document', async () => {
    const signed = await signDoc(sale, key);
    expect(signed.keyId).to.equal(key.keyId);
    expect(signed.signature).to.match(/^[A-Za-z0-9_-]{86}$/);
    expect(isValid(signed, { db: 'store-s1' })).to.equal(null);
    expect(await verifyDoc(signed, key.publicJwk)).to.equal(true);
    expect(await verifyDoc(signed, await importPublicKey(key.publicJwk))).to.equal(true);
  });

  it('a signed move verifies', async () => {
    expect(await verifyDoc(await signDoc(move, key), key.publicJwk)).to.equal(true);
  });

  it('verification does not depend on key order or CouchDB fields added later', async () => {
    const signed = await signDoc(sale, key);
    const reordered = Object.fromEntries(Object.entries({ ...signed, _rev: '1-abc' }).reverse());
    expect(await verifyDoc(reordered, key.publicJwk)).to.equal(true);
  });

  const alterations: [string, (doc: typeof sale) => object][] = [
    ['a changed total', (d) => ({ ...d, total: d.total + 100 })],
    ['a changed line', (d) => ({ ...d, lines: [{ ...d.lines[0]!, qty: 2 }, ...d.lines.slice(1)] })],
    ['a removed line', (d) => ({ ...d, lines: d.lines.slice(1) })],
    ['a changed id', (d) => ({ ...d, _id: d._id.replace('sale:s1:', 'sale:s2:') })],
    ['an added field', (d) => ({ ...d, customer: 'customer:00000000-0000-4000-8000-000000000000' })],
  ];
  for (const [what, alter] of alterations) {
    it(`a sale with ${what} after signing does not verify`, async () => {
      const signed = await signDoc(sale, key);
      expect(await verifyDoc({ ...alter(signed), keyId: signed.keyId, signature: signed.signature }, key.publicJwk)).to.equal(false);
    });
  }

  it("another device's key does not verify, even when the key id is rewritten", async () => {
    const signed = await signDoc(sale, key);
    expect(await verifyDoc(signed, other.publicJwk)).to.equal(false);
    expect(await verifyDoc({ ...signed, keyId: other.keyId }, other.publicJwk)).to.equal(false);
  });

  it('a quarantine flag added by central after signing still verifies', async () => {
    const signed = await signDoc(sale, key);
    const flagged = { ...signed, quarantined: { reason: 'unknown key', at: '2026-11-24T18:00:00.000Z-0000-central' } };
    expect(isValid(flagged, { db: 'store-s1' })).to.equal(null);
    expect(await verifyDoc(flagged, key.publicJwk)).to.equal(true);
  });

  const malformed: [string, (signed: typeof sale & Signed) => unknown][] = [
    ['no signature', ({ signature: _s, ...rest }) => rest],
    ['an empty signature', (s) => ({ ...s, signature: '' })],
    ['a signature that is not base64url', (s) => ({ ...s, signature: '***' })],
    ['a truncated signature', (s) => ({ ...s, signature: s.signature.slice(0, 40) })],
    ['a flipped signature byte', (s) => ({ ...s, signature: flip(s.signature) })],
    ['a signature that is a number', (s) => ({ ...s, signature: 42 })],
    ['null', () => null],
    ['an array', (s) => [s]],
  ];
  for (const [what, make] of malformed) {
    it(`a document with ${what} does not verify, without throwing`, async () => {
      const signed = await signDoc(sale, key);
      expect(await verifyDoc(make(signed), key.publicJwk)).to.equal(false);
    });
  }

  it('a malformed public key does not verify, without throwing', async () => {
    const signed = await signDoc(sale, key);
    expect(await verifyDoc(signed, { kty: 'EC', crv: 'P-256', x: 'nope', y: 'nope' })).to.equal(false);
    expect(await verifyDoc(signed, null as unknown as JsonWebKey)).to.equal(false);
    expect(await verifyDoc(signed, key.privateKey)).to.equal(false);
  });

  describe('recordSale / recordMove with a signer', () => {
    let db: PouchDB.Database;
    const till = { store: 's1', device: 's1.pos1', cashier: 'ana' };
    beforeEach(async () => {
      db = new PouchDB(`sign-store-${n++}`, { adapter: 'memory' });
      const { _id, views } = buildDesignDocs().store;
      await db.put({ _id, views });
    });
    afterEach(() => db.destroy());

    it('stores signed sales and moves that verify as read back', async () => {
      const clock = await createClock(db, 's1.pos1');
      const signer = deviceSigner(key);
      const s = await recordSale(db, clock, { ...till, signer }, {
        lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 129900 }], payments: [{ method: 'cash', amount: 130000 }],
      });
      const m = await recordMove(db, clock, { store: 's1', device: 's1.pos1', signer }, { kind: 'receipt', lines: [{ sku: 'TEN-001-25.5', qty: 5 }] });
      for (const id of [s._id, m._id]) {
        const stored = await db.get(id, { revs: true });
        expect(stored).to.include({ keyId: key.keyId });
        expect(await verifyDoc(stored, key.publicJwk), id).to.equal(true);
      }
      expect(m).to.not.have.property('signer');
    });

    it('without a signer, stores unsigned documents as before', async () => {
      const clock = await createClock(db, 's1.pos1');
      const s = await recordSale(db, clock, till, { lines: [{ sku: 'CAL-9', qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 100 }] });
      expect(await db.get(s._id)).to.not.have.any.keys('signature', 'keyId');
    });
  });
});

function flip(b64: string): string {
  const c = b64[10] === 'A' ? 'B' : 'A';
  return b64.slice(0, 10) + c + b64.slice(11);
}
