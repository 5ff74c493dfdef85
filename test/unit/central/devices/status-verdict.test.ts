import { expect } from 'chai';
import { dueForAudit, AUDIT_EVERY_MS } from '../../../../central/devices/status-relay.js';
import { statusVerdict } from '../../../../central/devices/status-verdict.js';
import { generateDeviceKey, signDoc } from '../../../../store-client/crypto/index.js';
import type { Device } from '../../../../validators/index.js';

const status = { _id: 'store-status:s1:s1.pos1', type: 'store-status', store: 's1', device: 's1.pos1', state: 'online', pending: 0, updatedAt: '2026-11-24T17:03:09.120Z-0000-s1.pos1', updatedBy: 's1.pos1' };

describe('central/devices/status-verdict', () => {
  it("verifies a status signed by its device's key, and nothing else", async () => {
    const key = await generateDeviceKey();
    const other = await generateDeviceKey();
    const device = { _id: 'device:s1:s1.pos1', type: 'device', store: 's1', device: 's1.pos1', updatedAt: status.updatedAt, updatedBy: 'maria',
      keys: [{ keyId: key.keyId, publicJwk: key.publicJwk, status: 'active', addedAt: status.updatedAt }] } as Device;
    const signed = await signDoc(status, key);
    expect(await statusVerdict(signed, 's1', device)).to.equal(null);
    expect(await statusVerdict(status, 's1', device)).to.equal('unsigned');
    expect(await statusVerdict({ ...signed, state: 'denied' } as typeof signed, 's1', device)).to.match(/does not match/);
    expect(await statusVerdict(await signDoc(status, other), 's1', device)).to.match(/is not registered for device s1\/s1.pos1/);
    expect(await statusVerdict(signed, 's1', null)).to.match(/unknown device/);
    expect(await statusVerdict(await signDoc({ ...status, _id: 'store-status:s1:s1.pos2' }, key), 's1', device)).to.match(/names another device/);
    expect(await statusVerdict(await signDoc({ ...status, type: 'sale' }, key), 's1', device)).to.equal('not a store-status document');
  });
});

describe('central/devices/status-relay dueForAudit', () => {
  it('audits a device at most once an hour', () => {
    const audited = new Map<string, number>();
    expect(dueForAudit(audited, 'a', 0)).to.equal(true);
    expect(dueForAudit(audited, 'a', AUDIT_EVERY_MS - 1)).to.equal(false);
    expect(dueForAudit(audited, 'b', 10)).to.equal(true);
    expect(dueForAudit(audited, 'a', AUDIT_EVERY_MS)).to.equal(true);
    expect(dueForAudit(audited, 'a', AUDIT_EVERY_MS + 5)).to.equal(false);
  });
});
