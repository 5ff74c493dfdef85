import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import {
  changedSecrets, compareFingerprints, fingerprintSecret, fingerprintsOf, mismatchError, type Fingerprints,
} from '../../../../central/fingerprints/index.js';

describe('central/fingerprints', () => {
  describe('fingerprintSecret', () => {
    it('is HMAC-SHA256 keyed by the secret over a per-name label, 128 bits in hex', () => {
      const key = randomBytes(32);
      const expected = createHmac('sha256', new Uint8Array(key)).update('pronto-fingerprint:AUDIT_KEY').digest('hex').slice(0, 32);
      expect(fingerprintSecret('AUDIT_KEY', key)).to.equal(expected).and.to.match(/^[0-9a-f]{32}$/);
    });

    it('differs between names for one secret, and between secrets for one name', () => {
      const key = randomBytes(32);
      expect(fingerprintSecret('AUDIT_KEY', key)).not.to.equal(fingerprintSecret('CUSTOMER_DATA_KEY', key));
      expect(fingerprintSecret('AUDIT_KEY', key)).not.to.equal(fingerprintSecret('AUDIT_KEY', randomBytes(32)));
    });

    it('never contains the secret, in any of its encodings', () => {
      const key = randomBytes(32);
      const f = fingerprintSecret('CUSTOMER_INDEX_KEY', key);
      for (const text of [key.toString('hex'), key.toString('base64url'), key.toString('base64')]) expect(text).not.to.include(f);
      expect(f).not.to.include(key.toString('hex').slice(0, 8));
    });

    it('refuses an empty secret', () => {
      expect(() => fingerprintSecret('SESSION_SECRET', Buffer.alloc(0))).to.throw(/SESSION_SECRET is empty/);
    });

    it('fingerprints only the secrets given', () => {
      expect(Object.keys(fingerprintsOf({ AUDIT_KEY: randomBytes(32) }))).to.deep.equal(['AUDIT_KEY']);
    });
  });

  describe('compareFingerprints', () => {
    const a: Fingerprints = { AUDIT_KEY: 'a1', CUSTOMER_DATA_KEY: 'd1', CUSTOMER_INDEX_KEY: 'i1', SESSION_SECRET: 's1' };
    const cases: Array<[string, Fingerprints | undefined, Fingerprints, ReturnType<typeof compareFingerprints>]> = [
      ['nothing published: publish mine', undefined, a, { kind: 'publish', fingerprints: a }],
      ['all the same: go on', a, a, { kind: 'same' }],
      ['one differs: refuse naming it', a, { ...a, AUDIT_KEY: 'a2' }, { kind: 'differ', names: ['AUDIT_KEY'] }],
      ['two differ: refuse naming both, in one order', a, { ...a, SESSION_SECRET: 's2', CUSTOMER_DATA_KEY: 'd2' }, { kind: 'differ', names: ['CUSTOMER_DATA_KEY', 'SESSION_SECRET'] }],
      ['fewer held, those the same: go on', a, { AUDIT_KEY: 'a1' }, { kind: 'same' }],
      ['fewer published: add mine', { AUDIT_KEY: 'a1' }, a, { kind: 'add', fingerprints: a, added: ['CUSTOMER_DATA_KEY', 'CUSTOMER_INDEX_KEY', 'SESSION_SECRET'] }],
      ['fewer published, one of them differs: refuse', { AUDIT_KEY: 'a0' }, a, { kind: 'differ', names: ['AUDIT_KEY'] }],
    ];
    for (const [name, published, mine, verdict] of cases) {
      it(name, () => expect(compareFingerprints(published, mine)).to.deep.equal(verdict));
    }

    it('keeps only the known names in what it publishes', () => {
      const mine = { ...a, OTHER: 'x' } as Fingerprints;
      expect(compareFingerprints(undefined, mine)).to.deep.equal({ kind: 'publish', fingerprints: a });
    });

    it('changedSecrets names what a re-publish changes or adds', () => {
      expect(changedSecrets(a, { ...a, SESSION_SECRET: 's2' })).to.deep.equal(['SESSION_SECRET']);
      expect(changedSecrets(undefined, { AUDIT_KEY: 'a1' })).to.deep.equal(['AUDIT_KEY']);
      expect(changedSecrets(a, a)).to.deep.equal([]);
    });
  });

  describe('mismatchError', () => {
    it('is SECRET_MISMATCH naming each secret, its file and how to fix it', () => {
      const err = mismatchError(['AUDIT_KEY', 'SESSION_SECRET'], 'pronto-secret-fingerprints');
      expect(err.code).to.equal('SECRET_MISMATCH');
      expect(err.details).to.deep.equal({ secrets: ['AUDIT_KEY', 'SESSION_SECRET'], database: 'pronto-secret-fingerprints' });
      expect(err.message).to.match(/^AUDIT_KEY, SESSION_SECRET differ/);
      expect(err.message).to.include('DATA_DIR/audit-key').and.to.include('DATA_DIR/session-secret');
      expect(err.message).to.include('pronto-sync secrets publish');
    });
  });
});
