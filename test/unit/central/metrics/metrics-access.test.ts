// The metrics token check.
import { expect } from 'chai';
import { bearerMatches } from '../../../../central/metrics/metrics-access.js';

describe('central/metrics/metrics-access', function () {
  const token = 'm'.repeat(20) + 'TOKEN-0123456789abcdef';
  it('accepts exactly the token as a bearer and nothing else', function () {
    expect(bearerMatches(`Bearer ${token}`, token)).to.equal(true);
    expect(bearerMatches(`bearer ${token} `, token)).to.equal(true);
    for (const h of [undefined, '', 'Bearer', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, `Bearer ${token} extra`]) {
      expect(bearerMatches(h, token), String(h)).to.equal(false);
    }
  });
});
