import { expect } from 'chai';
import { CentralTime, clockSkewed, offsetFromSample } from '../../../store-client/central-time.js';

const T0 = Date.parse('2026-11-24T17:03:09.000Z');
const HOUR = 3_600_000;

describe('store-client/central-time', () => {
  it('estimates central minus device from the Date header, at the middle of its second and of the round trip', () => {
    const date = new Date(T0).toUTCString();
    expect(offsetFromSample({ sentMs: T0 - 100, receivedMs: T0 + 100, date })).to.equal(500);
    // A device clock six hours ahead.
    expect(offsetFromSample({ sentMs: T0 + 6 * HOUR, receivedMs: T0 + 6 * HOUR + 200, date })).to.equal(-6 * HOUR + 400);
  });

  it('says nothing from a missing or malformed header, or a round trip too long to trust', () => {
    expect(offsetFromSample({ sentMs: T0, receivedMs: T0 + 10, date: null })).to.equal(undefined);
    expect(offsetFromSample({ sentMs: T0, receivedMs: T0 + 10, date: 'yesterday' })).to.equal(undefined);
    expect(offsetFromSample({ sentMs: T0, receivedMs: T0 + 60_000, date: new Date(T0).toUTCString() })).to.equal(undefined);
    expect(offsetFromSample({ sentMs: T0, receivedMs: T0 - 1, date: new Date(T0).toUTCString() })).to.equal(undefined);
  });

  it('calls a clock skewed only beyond the allowed minutes, and never before a measurement', () => {
    expect(clockSkewed(undefined, 10)).to.equal(false);
    expect(clockSkewed(10 * 60_000, 10)).to.equal(false);
    expect(clockSkewed(10 * 60_000 + 1, 10)).to.equal(true);
    expect(clockSkewed(-6 * HOUR, 10)).to.equal(true);
  });

  it('corrects the device clock by the last usable measurement', () => {
    let device = T0 + 6 * HOUR;
    const time = new CentralTime(() => device);
    expect(time.reference()).to.equal(undefined);
    expect(time.now()).to.equal(T0 + 6 * HOUR);
    expect(time.record({ sentMs: device, receivedMs: device, date: new Date(T0).toUTCString() })).to.equal(true);
    expect(time.record({ sentMs: device, receivedMs: device, date: null })).to.equal(false);
    device += 1000;
    expect(time.now()).to.equal(T0 + 1500);
    expect(time.offsetMs).to.equal(-6 * HOUR + 500);
  });
});
