import { expect } from 'chai';
import { showMoney } from '../../../admin-ui/services/show-money.js';

describe('admin-ui/services/show-money', function () {
  it('shows centavos as pesos in the console language', function () {
    expect(showMoney(123456, 'es-MX')).to.equal('$1,234.56');
    expect(showMoney(21990, 'en')).to.equal('MX$219.90');
    expect(showMoney(-200, 'es-MX')).to.equal('-$2.00');
  });

  it('shows a dash for a sum central did not give', function () {
    expect(showMoney(undefined, 'es-MX')).to.equal('—');
  });
});
