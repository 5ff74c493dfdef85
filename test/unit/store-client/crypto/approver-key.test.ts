import { expect } from 'chai';
import {
  APPROVER_KEY_ITERATIONS, createApproverKey, fromBase64Url, signApproval, toBase64Url, unwrapApproverKey, verifyApproval,
  type WrappedApproverKey,
} from '../../../../store-client/index.js';
import { isProntoError } from '../../../../validators/index.js';
import { sale } from '../../validators/fixtures.js';

const FAST = 1000;

async function unwrapFails(wrapped: WrappedApproverKey, name: string, password: string): Promise<void> {
  try {
    await unwrapApproverKey(wrapped, name, password);
    expect.fail('unwrapped');
  } catch (err) {
    expect(isProntoError(err, 'KEY_UNWRAP_FAILED'), String(err)).to.equal(true);
    expect((err as Error).message).to.equal(`the approval key of ${name} did not open: wrong password, or it was altered`);
  }
}

describe('store-client/crypto/approver-key', () => {
  let made: Awaited<ReturnType<typeof createApproverKey>>;
  before(async () => {
    made = await createApproverKey('maria', 'contraseña-correcta', FAST);
  });

  it('wraps with PBKDF2-SHA-256 at 600,000 iterations by default, with a random salt and IV', async () => {
    const a = await createApproverKey('maria', 'x');
    expect(a.wrapped.kdf).to.include({ name: 'PBKDF2', hash: 'SHA-256', iterations: APPROVER_KEY_ITERATIONS });
    expect(APPROVER_KEY_ITERATIONS).to.equal(600_000);
    expect(fromBase64Url(a.wrapped.kdf.salt)).to.have.length(16);
    expect(fromBase64Url(a.wrapped.iv)).to.have.length(12);
    expect(a.wrapped.kdf.salt).to.not.equal(made.wrapped.kdf.salt);
    expect(a.wrapped.keyId).to.not.equal(made.wrapped.keyId);
  });

  it('keeps only the public key in the clear', () => {
    const { wrapped } = made;
    expect(wrapped).to.have.all.keys('v', 'name', 'keyId', 'publicJwk', 'kdf', 'iv', 'wrapped');
    expect(wrapped.publicJwk).to.have.all.keys('kty', 'crv', 'x', 'y');
    expect(JSON.stringify(wrapped)).to.not.match(/"d"/);
  });

  it('opens with the right password into a key whose approvals verify with the published public key', async () => {
    const key = await unwrapApproverKey(made.wrapped, 'maria', 'contraseña-correcta');
    expect(key).to.include({ name: 'maria', keyId: made.wrapped.keyId });
    const doc = await signApproval({ ...sale, approvedBy: 'maria' }, key);
    expect(await verifyApproval(doc, made.wrapped.publicJwk)).to.equal(true);
    expect(await verifyApproval(await signApproval({ ...sale, approvedBy: 'maria' }, made.key), made.wrapped.publicJwk)).to.equal(true);
  });

  it('gives a non-extractable key that can only sign, when made and when opened again', async () => {
    const opened = await unwrapApproverKey(made.wrapped, 'maria', 'contraseña-correcta');
    for (const key of [made.key.privateKey, opened.privateKey]) {
      expect(key.extractable).to.equal(false);
      expect(key.usages).to.deep.equal(['sign']);
      expect(key.type).to.equal('private');
      let exported: unknown;
      try {
        exported = await crypto.subtle.exportKey('pkcs8', key);
      } catch (err) {
        exported = err;
      }
      expect(exported).to.be.instanceOf(Error);
    }
  });

  it('does not open with a wrong password', async () => {
    await unwrapFails(made.wrapped, 'maria', 'contraseña-incorrecta');
    await unwrapFails(made.wrapped, 'maria', '');
  });

  it('does not open under another manager\'s name, even with the right password', async () => {
    await unwrapFails({ ...made.wrapped, name: 'luis' }, 'luis', 'contraseña-correcta');
  });

  it('does not open once altered: another key id, a flipped byte, another IV, salt or iteration count, or another format', async () => {
    const bytes = fromBase64Url(made.wrapped.wrapped);
    bytes[10] = bytes[10]! ^ 1;
    const altered: WrappedApproverKey[] = [
      { ...made.wrapped, keyId: 'AAAAAAAAAAAAAAAAAAAAAA' },
      { ...made.wrapped, wrapped: toBase64Url(bytes) },
      { ...made.wrapped, iv: toBase64Url(new Uint8Array(12)) },
      { ...made.wrapped, kdf: { ...made.wrapped.kdf, salt: toBase64Url(new Uint8Array(16)) } },
      { ...made.wrapped, kdf: { ...made.wrapped.kdf, iterations: FAST + 1 } },
      { ...made.wrapped, kdf: { ...made.wrapped.kdf, iterations: 0 } },
      { ...made.wrapped, v: 2 } as unknown as WrappedApproverKey,
      { ...made.wrapped, wrapped: 'not base64!' },
    ];
    for (const wrapped of altered) await unwrapFails(wrapped, 'maria', 'contraseña-correcta');
  });
});
