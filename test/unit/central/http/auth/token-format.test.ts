import { expect } from 'chai';
import { newToken, scopeAllows, tokenHash } from '../../../../../central/http/auth/token-format.js';

describe('central/http/auth/token-format', function () {
  it('makes tokens of pst_ and 43 base64url characters, never the same twice', function () {
    const a = newToken();
    const b = newToken();
    expect(a.token).to.match(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.to.equal(b.token);
    expect(a.id).not.to.equal(b.id);
  });

  it('hashes a token to hex SHA-256 and refuses what cannot be a token', function () {
    const { token } = newToken();
    expect(tokenHash(token)).to.match(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).to.equal(tokenHash(token));
    for (const bad of ['', 'pst_', 'pst_short', `xyz_${'A'.repeat(43)}`, `pst_${'A'.repeat(42)}!`]) expect(tokenHash(bad), bad).to.equal(undefined);
  });

  const cases: Array<[string[], string, boolean]> = [
    [['admin'], 'PUT', true],
    [['admin'], 'DELETE', true],
    [['read'], 'GET', true],
    [['read'], 'HEAD', true],
    [['read'], 'PUT', false],
    [['read'], 'POST', false],
    [[], 'GET', false],
  ];
  for (const [scopes, method, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} ${method} with scopes [${scopes.join(', ')}]`, function () {
      expect(scopeAllows(scopes, method)).to.equal(allowed);
    });
  }
});
