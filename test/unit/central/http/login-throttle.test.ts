import { expect } from 'chai';
import { basicName, createLoginThrottle } from '../../../../central/http/auth/login-throttle.js';

describe('central/http/auth login throttle', () => {
  const make = () => {
    let t = 1_000_000;
    const throttle = createLoginThrottle({ perName: 3, perIp: 5, windowMs: 60_000 }, () => t);
    return { throttle, advance: (ms: number) => { t += ms; } };
  };

  it('locks an IP and name out after the allowed failures, until the oldest leaves the window', () => {
    const { throttle, advance } = make();
    for (let i = 0; i < 3; i++) {
      expect(throttle.blockedFor('1.1.1.1', 'ana')).to.equal(0);
      throttle.failed('1.1.1.1', 'ana');
      advance(1_000);
    }
    expect(throttle.blockedFor('1.1.1.1', 'ana')).to.equal(57_000);
    expect(throttle.blockedFor('2.2.2.2', 'ana'), 'another IP').to.equal(0);
    advance(57_000);
    expect(throttle.blockedFor('1.1.1.1', 'ana')).to.equal(0);
  });

  it('locks an IP trying one password over many names', () => {
    const { throttle } = make();
    for (let i = 0; i < 5; i++) throttle.failed('1.1.1.1', `user${i}`);
    expect(throttle.blockedFor('1.1.1.1', 'someone-else')).to.be.greaterThan(0);
  });

  it('clears a name after a success, but not the IP count', () => {
    const { throttle } = make();
    throttle.failed('1.1.1.1', 'ana');
    throttle.failed('1.1.1.1', 'ana');
    throttle.succeeded('1.1.1.1', 'ana');
    throttle.failed('1.1.1.1', 'ana');
    throttle.failed('1.1.1.1', 'ana');
    expect(throttle.blockedFor('1.1.1.1', 'ana')).to.equal(0);
    throttle.failed('1.1.1.1', 'ana');
    expect(throttle.blockedFor('1.1.1.1', 'ana')).to.be.greaterThan(0);
  });

  it('reads the name of a Basic header and nothing of anything else', () => {
    const basic = (s: string) => 'Basic ' + Buffer.from(s).toString('base64');
    expect([basicName(basic('ana:pw:with:colons')), basicName(basic('nocolon')), basicName('Bearer x'), basicName(undefined)])
      .to.deep.equal(['ana', undefined, undefined, undefined]);
  });
});
