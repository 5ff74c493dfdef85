import { expect } from 'chai';
import { fingerprint, reasonOf } from '../../../admin-ui/services/account-form.js';

describe('admin-ui/services/account-form', () => {
  it('shows a key id as a fingerprint in groups of four', () => {
    expect(fingerprint('AbCdEfGhIjKlMnOpQrStUv')).to.equal('AbCd EfGh IjKl MnOp QrSt Uv');
  });
  it('takes a reason of 1 to 500 characters, trimmed', () => {
    expect(reasonOf('  robada  ')).to.equal('robada');
    expect(reasonOf('   ')).to.equal(null);
    expect(reasonOf('x'.repeat(501))).to.equal(null);
  });
});
