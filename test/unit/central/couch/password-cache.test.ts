// The embedded server's cache of verified passwords (patches/pouchdb-auth+4.2.0.patch,
// lib/utils.js verifyPassword): an account checked once is not hashed again while the chain's
// accounts fit, including past the 1,000th (the old bound, exactly 500 stores × 2 accounts). The
// real module, its PBKDF2 counted by wrapping its own `hashPassword` export (verifyPassword calls
// it through `exports`); one iteration per hash keeps the test fast.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

interface Stored { salt: string; derived_key: string; iterations: number; pbkdf2_prf: string }
interface AuthUtils {
  hashPassword(password: string, salt: string, iterations: number, prf?: string): Promise<string>;
  verifyPassword(name: string, password: string, stored: Stored): Promise<boolean>;
}

const utils = createRequire(import.meta.url)('pouchdb-auth/lib/utils.js') as AuthUtils;
const ACCOUNTS = 1_500;

describe('embedded server: verified-password cache', function () {
  this.timeout(120_000);
  const original = utils.hashPassword;
  let hashes = 0;
  before(() => { utils.hashPassword = (...args) => { hashes += 1; return original(...args); }; });
  after(() => { utils.hashPassword = original; });

  it('hashes each of 1,500 accounts once, and not again on their next requests', async () => {
    const run = randomBytes(4).toString('hex');
    const accounts = await Promise.all(Array.from({ length: ACCOUNTS }, async (_, i) => {
      const salt = randomBytes(16).toString('hex');
      const password = `pw-${i}`;
      const stored: Stored = { salt, iterations: 1, pbkdf2_prf: 'sha256', derived_key: await original(password, salt, 1, 'sha256') };
      return { name: `acct-${run}-${i}`, password, stored };
    }));
    hashes = 0;
    for (const a of accounts) expect(await utils.verifyPassword(a.name, a.password, a.stored)).to.equal(true);
    expect(hashes, 'first sign-ins').to.equal(ACCOUNTS);
    // The fleet's next round of requests, in the same order: the oldest entries first, which a
    // bound below the number of accounts has evicted by now.
    for (const a of accounts) expect(await utils.verifyPassword(a.name, a.password, a.stored)).to.equal(true);
    expect(hashes, 'hashes on the second round').to.equal(ACCOUNTS);
  });

  it('still hashes a wrong password every time (only successes are kept)', async () => {
    const salt = randomBytes(16).toString('hex');
    const stored: Stored = { salt, iterations: 1, pbkdf2_prf: 'sha256', derived_key: await original('right', salt, 1, 'sha256') };
    hashes = 0;
    expect(await utils.verifyPassword('wrong-pw', 'wrong', stored)).to.equal(false);
    expect(await utils.verifyPassword('wrong-pw', 'wrong', stored)).to.equal(false);
    expect(hashes).to.equal(2);
  });
});
