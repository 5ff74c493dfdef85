// Device enrolment against a real central: a signing key is what makes central count a till's
// sales, so only a manager of the store (or an admin) enrols one, an enrolled device id is never
// taken over by another key except by an admin's rotation, and central's own id is out of reach.
import { expect } from 'chai';
import { generateDeviceKey } from '../../../store-client/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';

describe('device enrolment (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;

  before(async function () {
    demo = await startDemoCentral();
  });
  after(async function () {
    await demo?.stop();
  });

  const enrol = async (who: string, body: { store: string; device: string }) => {
    const { name, password } = demo.account(who);
    const key = await generateDeviceKey();
    const res = await fetch(`${demo.central.url}/api/devices`, {
      method: 'POST', headers: { ...basic(name, password), 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, publicJwk: key.publicJwk }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any>, key };
  };
  const registered = async (store: string, device: string) => {
    const { name, password } = demo.account('chain-admin');
    const res = await fetch(`${demo.central.url}/db/catalog/device:${store}:${device}`, { headers: basic(name, password) });
    return res.status === 404 ? null : ((await res.json()) as { keys: Array<{ keyId: string; status: string }> });
  };

  it("refuses a cashier's and a device account's self-enrolment with 403, and registers nothing", async function () {
    for (const who of ['cashier-s1', 'device-s1']) {
      const res = await enrol(who, { store: 's1', device: `s1.self-${who}` });
      expect(res.status, who).to.equal(403);
      expect(res.body).to.include({ code: 'FORBIDDEN', message: 'enrolling a device of store s1 needs a manager of that store or an admin' });
      expect(await registered('s1', `s1.self-${who}`), who).to.equal(null);
    }
  });

  it("refuses a manager enrolling another store's device", async function () {
    const res = await enrol('manager-s2', { store: 's1', device: 's1.pos-x' });
    expect(res.status).to.equal(403);
    expect(await registered('s1', 's1.pos-x')).to.equal(null);
  });

  it('lets a manager enrol a new device once; another key under that id is refused with 409 DEVICE_EXISTS, an admin rotates it', async function () {
    const first = await enrol('manager-s1', { store: 's1', device: 's1.pos20' });
    expect(first.status).to.equal(201);
    expect(first.body).to.deep.equal({ keyId: first.key.keyId, rotated: false });

    const again = await enrol('manager-s1', { store: 's1', device: 's1.pos20' });
    expect(again.status).to.equal(409);
    expect(again.body).to.include({ code: 'DEVICE_EXISTS', message: 'device s1.pos20 is already enrolled; an admin rotates its key' });
    expect((await registered('s1', 's1.pos20'))!.keys.map((k) => k.keyId)).to.deep.equal([first.key.keyId]);

    const rotated = await enrol('chain-admin', { store: 's1', device: 's1.pos20' });
    expect(rotated.status).to.equal(201);
    expect(rotated.body).to.deep.equal({ keyId: rotated.key.keyId, rotated: true });
    expect((await registered('s1', 's1.pos20'))!.keys.map((k) => [k.keyId, k.status])).to.deep.equal([[first.key.keyId, 'retired'], [rotated.key.keyId, 'active']]);
  });

  it("refuses anyone, admins too, enrolling a key as device central, whose key central's own signatures use", async function () {
    const before = await registered('s1', 'central');
    for (const who of ['manager-s1', 'chain-admin']) {
      const res = await enrol(who, { store: 's1', device: 'central' });
      expect(res.status, who).to.equal(403);
      expect(res.body.message).to.match(/reserved for central's own signing key/);
    }
    expect(await registered('s1', 'central')).to.deep.equal(before);
  });
});
