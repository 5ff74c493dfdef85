import { expect } from 'chai';
import { checkPassword, createVerifier, DEFAULT_ITERATIONS } from '../../../../store-client/crypto/index.js';

describe('store-client/crypto/password-verifier', () => {
  it('accepts the password it was made from and nothing else', async () => {
    const v = await createVerifier('cámbiame-2026', 1000);
    expect(await checkPassword(v, 'cámbiame-2026')).to.equal(true);
    for (const wrong of ['cambiame-2026', 'cámbiame-2026 ', '', 'CÁMBIAME-2026']) expect(await checkPassword(v, wrong), wrong).to.equal(false);
  });

  it('salts every verifier, so one password gives different hashes', async () => {
    const [a, b] = await Promise.all([createVerifier('secreto', 1000), createVerifier('secreto', 1000)]);
    expect(a.salt).to.not.equal(b.salt);
    expect(a.hash).to.not.equal(b.hash);
  });

  it('uses 600,000 iterations by default and keeps no trace of the password', async () => {
    const v = await createVerifier('secreto-de-gerente');
    expect(v.iterations).to.equal(DEFAULT_ITERATIONS).and.equal(600_000);
    expect(JSON.stringify(v)).to.not.include('secreto');
  });

  it('refuses malformed or tampered verifiers instead of throwing', async () => {
    const v = await createVerifier('secreto', 1000);
    const bad = [
      { ...v, iterations: 0 }, { ...v, iterations: 999 }, { ...v, hash: 'not base64url!' }, { ...v, salt: 'x' },
      { ...v, hash: v.hash.slice(0, -2) },
    ];
    for (const b of bad) expect(await checkPassword(b, 'secreto'), JSON.stringify(b)).to.equal(false);
  });
});
