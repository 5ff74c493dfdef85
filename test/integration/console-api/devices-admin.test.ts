// Devices for admins on a real central (embedded server, demo chain): the enrolled devices of a
// store, paged; a key revoked with a reason; and enrolment requests — a till with no manager at
// hand asks (any account of its store), only an admin approves (enrolled exactly as by a
// manager, audited) or rejects with a reason; a cashier cannot approve its own request, nor
// reach the requests' database through /db.
import { expect } from 'chai';
import { generateDeviceKey } from '../../../store-client/crypto/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';

type Answer = { status: number; body: Record<string, any> };
interface DeviceDoc { _id: string; device: string; keys: Array<{ keyId: string; status: string; addedBy?: string; revokeReason?: string; revokedBy?: string }> }

describe('central/http/device-requests-routes and devices-routes: devices for admins', function () {
  let h: DemoCentral;
  const call = async (who: string | null, method: string, path: string, body?: unknown): Promise<Answer> => {
    const auth = who === null ? {} : basic(who, h.account(who).password);
    const res = await fetch(`${h.central.url}/api${path}`, { method, headers: { 'Content-Type': 'application/json', ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };
  const admin = (method: string, path: string, body?: unknown) => call('chain-admin', method, path, body);
  const auditOf = async (action: string) => {
    const audit = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    return audit.rows.map((r) => r.doc as unknown as { action: string; actor: string; target?: string; details?: Record<string, unknown> }).filter((d) => d.action === action);
  };
  const device = async (store: string, id: string) => (await admin('GET', `/devices?store=${store}&limit=500`)).body.devices.find((d: DeviceDoc) => d.device === id) as DeviceDoc | undefined;

  before(async function () {
    h = await startDemoCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('answers anonymous callers 401 and keeps listing, approving, rejecting and revoking from cashiers and managers (403)', async function () {
    const adminRoutes: Array<[string, string, unknown?]> = [
      ['GET', '/devices?store=s1'], ['GET', '/device-requests?store=s1'], ['POST', '/device-requests/s1/s1.pos5/approve', { keyId: 'abc' }],
      ['POST', '/device-requests/s1/s1.pos5/reject', { keyId: 'abc', reason: 'no' }], ['POST', '/devices/s1/central/keys/abc/revoke', { reason: 'robada' }],
    ];
    for (const [method, path, body] of adminRoutes) {
      expect((await call(null, method, path, body)).status, `anonymous ${method} ${path}`).to.equal(401);
      for (const who of ['cashier-s1', 'manager-s1']) expect((await call(who, method, path, body)).status, `${who} ${method} ${path}`).to.equal(403);
    }
    const key = await generateDeviceKey();
    expect((await call(null, 'POST', '/device-requests', { store: 's1', device: 's1.pos5', publicJwk: key.publicJwk })).status).to.equal(401);
    expect((await call('cashier-s2', 'POST', '/device-requests', { store: 's1', device: 's1.pos5', publicJwk: key.publicJwk })).status, 'another store').to.equal(403);
    expect((await call('cashier-s2', 'GET', '/device-requests/s1/s1.pos5')).status, "another store's request").to.equal(403);
    expect((await call('cashier-s1', 'POST', '/device-requests', { store: 's1', device: 'central', publicJwk: key.publicJwk })).status, "central's own device id").to.equal(403);
  });

  it('refuses bad input with a 400 naming the field', async function () {
    const key = await generateDeviceKey();
    const ok = { store: 's1', device: 's1.pos6', publicJwk: key.publicJwk };
    for (const [body, param] of [[{ ...ok, store: 'S1!' }, 'store'], [{ ...ok, device: '../x' }, 'device'], [{ ...ok, publicJwk: { kty: 'RSA' } }, 'publicJwk'], [{ ...ok, publicJwk: { ...key.publicJwk, x: 'short' } }, 'publicJwk'],
      [{ ...ok, publicJwk: { ...key.publicJwk, y: key.publicJwk.x } }, 'publicJwk'], [{ ...ok, publicJwk: undefined }, 'publicJwk']] as const) {
      const res = await call('cashier-s1', 'POST', '/device-requests', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).to.equal(400);
      expect(res.body.details?.param).to.equal(param);
    }
    for (const [method, path, body, param] of [
      ['GET', '/devices?store=S%201', undefined, 'store'], ['GET', '/devices?store=s1&limit=0', undefined, 'limit'], ['GET', '/devices?after=s1.pos1', undefined, 'after'],
      ['GET', '/device-requests?limit=101', undefined, 'limit'], ['POST', '/device-requests/s1/s1.pos6/approve', {}, 'keyId'],
      ['POST', '/device-requests/s1/s1.pos6/reject', { keyId: 'abc' }, 'reason'], ['POST', '/device-requests/s1/s1.pos6/reject', { keyId: 'abc', reason: '   ' }, 'reason'],
      ['POST', '/devices/s1/central/keys/abc/revoke', { reason: 'x'.repeat(501) }, 'reason'],
    ] as const) {
      const res = await admin(method, path, body);
      expect(res.status, `${method} ${path}`).to.equal(400);
      expect(res.body.details?.param, `${method} ${path}`).to.equal(param);
    }
  });

  it("lets a cashier ask, not approve its own request; an admin approves it and the till is enrolled as by a manager, audited", async function () {
    const key = await generateDeviceKey();
    const ask = { store: 's1', device: 's1.pos7', publicJwk: key.publicJwk };
    const asked = await call('cashier-s1', 'POST', '/device-requests', ask);
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.deep.equal({ status: 'pending', keyId: key.keyId });
    expect((await call('cashier-s1', 'POST', '/device-requests', ask)).status, 'asking again is harmless').to.equal(200);
    const other = await generateDeviceKey();
    expect((await call('cashier-s1', 'POST', '/device-requests', { ...ask, publicJwk: other.publicJwk })).status, 'another key for the same till').to.equal(409);
    expect((await call('cashier-s1', 'GET', '/device-requests/s1/s1.pos7')).body).to.include({ status: 'pending', keyId: key.keyId });

    // The cashier (and the store's manager, and the till's own account) cannot approve it, nor reach the requests' database.
    for (const who of ['cashier-s1', 'manager-s1', 'device-s1']) {
      expect((await call(who, 'POST', '/device-requests/s1/s1.pos7/approve', { keyId: key.keyId })).status, who).to.equal(403);
    }
    for (const path of ['/pronto-device-requests/_all_docs', '/pronto-device-requests/request:s1:s1.pos7']) {
      const res = await fetch(`${h.central.url}/db${path}`, { headers: basic('cashier-s1', h.account('cashier-s1').password) });
      expect(res.status, path).to.be.oneOf([401, 403, 404]);
    }
    expect(await device('s1', 's1.pos7')).to.equal(undefined);

    const listed = await admin('GET', '/device-requests?store=s1');
    expect(listed.status).to.equal(200);
    expect(listed.body.requests).to.have.length(1);
    expect(listed.body.requests[0]).to.include({ store: 's1', device: 's1.pos7', keyId: key.keyId, requestedBy: 'cashier-s1' });
    expect(listed.body.requests[0]).not.to.have.property('publicJwk');
    expect((await admin('POST', '/device-requests/s1/s1.pos7/approve', { keyId: other.keyId })).status, 'a key the admin was not shown').to.equal(409);

    const approved = await admin('POST', '/device-requests/s1/s1.pos7/approve', { keyId: key.keyId });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const enrolled = await device('s1', 's1.pos7');
    expect(enrolled?.keys).to.have.length(1);
    expect(enrolled?.keys[0]).to.include({ keyId: key.keyId, status: 'active', addedBy: 'chain-admin' });
    expect((await call('cashier-s1', 'GET', '/device-requests/s1/s1.pos7')).body).to.deep.equal({ status: 'enrolled', keyIds: [key.keyId] });
    expect((await admin('GET', '/device-requests?store=s1')).body.requests).to.deep.equal([]);
    expect((await admin('POST', '/device-requests/s1/s1.pos7/approve', { keyId: key.keyId })).status, 'settled already').to.equal(404);
    expect((await call('cashier-s1', 'POST', '/device-requests', ask)).status, 'an enrolled till').to.equal(409);
    expect((await auditOf('device.request-submitted'))[0]).to.deep.include({ actor: 'cashier-s1', target: 'request:s1:s1.pos7' });
    expect((await auditOf('device.request-approved'))[0]).to.deep.include({ actor: 'chain-admin', details: { store: 's1', device: 's1.pos7', keyId: key.keyId, requestedBy: 'cashier-s1' } });
    expect((await auditOf('device.key-added')).find((e) => e.target === 'device:s1:s1.pos7')).to.deep.include({ actor: 'chain-admin' });
  });

  it('rejects a request with a reason: nothing is enrolled, and the till learns it is no longer pending', async function () {
    const key = await generateDeviceKey();
    expect((await call('manager-s2', 'POST', '/device-requests', { store: 's2', device: 's2.pos8', publicJwk: key.publicJwk })).status).to.equal(201);
    const res = await admin('POST', '/device-requests/s2/s2.pos8/reject', { keyId: key.keyId, reason: '  No reconocemos este equipo  ' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(await device('s2', 's2.pos8')).to.equal(undefined);
    expect((await call('cashier-s2', 'GET', '/device-requests/s2/s2.pos8')).body).to.deep.equal({ status: 'none' });
    expect((await auditOf('device.request-rejected'))[0]).to.deep.include({
      actor: 'chain-admin', target: 'request:s2:s2.pos8', details: { store: 's2', device: 's2.pos8', keyId: key.keyId, requestedBy: 'manager-s2', reason: 'No reconocemos este equipo' },
    });
  });

  it('settles a request once when an approval and a rejection race: the till is enrolled only if the approval won, and only the winner is audited', async function () {
    // Before the fix the approval enrolled first and then took the request: a rejection that took
    // it in between left a till both enrolled and rejected. On a cluster both deletions of the
    // request could be acknowledged (central/couch/exclusive-writes.ts).
    for (let race = 0; race < 8; race++) {
      const key = await generateDeviceKey();
      const id = `s2.race${race}`;
      expect((await call('manager-s2', 'POST', '/device-requests', { store: 's2', device: id, publicJwk: key.publicJwk })).status).to.equal(201);
      const [approved, rejected] = await Promise.all([
        admin('POST', `/device-requests/s2/${id}/approve`, { keyId: key.keyId }),
        admin('POST', `/device-requests/s2/${id}/reject`, { keyId: key.keyId, reason: 'carrera' }),
      ]);
      const statuses = `race ${race}: approve ${approved.status}, reject ${rejected.status}`;
      expect([approved, rejected].filter((r) => r.status === 200), statuses).to.have.length(1);
      expect([approved.status, rejected.status].filter((s) => s !== 200)[0], statuses).to.be.oneOf([404, 409]);
      expect(await device('s2', id) !== undefined, `${statuses}: enrolled`).to.equal(approved.status === 200);
      const audited = [...await auditOf('device.request-approved'), ...await auditOf('device.request-rejected')].filter((e) => e.target === `request:s2:${id}`);
      expect(audited.map((e) => e.action), statuses).to.deep.equal([approved.status === 200 ? 'device.request-approved' : 'device.request-rejected']);
    }
  });

  it('keeps the request when its approval cannot enrol the key (a manager enrolled the till meanwhile): the admin sees why and rejects it', async function () {
    const asked = await generateDeviceKey();
    const enrolled = await generateDeviceKey();
    expect((await call('cashier-s1', 'POST', '/device-requests', { store: 's1', device: 's1.pos9', publicJwk: asked.publicJwk })).status).to.equal(201);
    expect((await call('manager-s1', 'POST', '/devices', { store: 's1', device: 's1.pos9', publicJwk: enrolled.publicJwk })).status).to.equal(201);
    const approved = await admin('POST', '/device-requests/s1/s1.pos9/approve', { keyId: asked.keyId });
    expect(approved.status).to.equal(409);
    expect(approved.body.code).to.equal('DEVICE_EXISTS');
    expect((await admin('GET', '/device-requests?store=s1')).body.requests.map((r: { device: string; keyId: string }) => [r.device, r.keyId])).to.deep.equal([['s1.pos9', asked.keyId]]);
    expect((await device('s1', 's1.pos9'))!.keys.map((k) => k.keyId), 'the enrolled key stays the only one').to.deep.equal([enrolled.keyId]);
    expect((await auditOf('device.request-approved')).filter((e) => e.target === 'request:s1:s1.pos9')).to.deep.equal([]);
    expect((await admin('POST', '/device-requests/s1/s1.pos9/reject', { keyId: asked.keyId, reason: 'Ya la dio de alta el gerente' })).status).to.equal(200);
    expect((await admin('GET', '/device-requests?store=s1')).body.requests).to.deep.equal([]);
  });

  it("lists a store's devices a page at a time, with each key's id, status and who enrolled it", async function () {
    const m = h.account('manager-s3');
    for (let i = 0; i < 3; i++) {
      const key = await generateDeviceKey();
      const res = await fetch(`${h.central.url}/api/devices`, { method: 'POST', headers: { ...basic(m.name, m.password), 'Content-Type': 'application/json' }, body: JSON.stringify({ store: 's3', device: `s3.pos${i}`, publicJwk: key.publicJwk }) });
      expect(res.status).to.equal(201);
    }
    const all = (await admin('GET', '/devices?store=s3')).body;
    expect(all.devices.map((d: DeviceDoc) => d.device)).to.deep.equal(['central', 's3.pos0', 's3.pos1', 's3.pos2']);
    expect(all.devices.every((d: DeviceDoc) => d._id.startsWith('device:s3:'))).to.equal(true);
    expect(all.devices[1].keys[0]).to.include({ status: 'active', addedBy: 'manager-s3' });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: Answer = await admin('GET', `/devices?store=s3&limit=3${after === null ? '' : `&after=${after}`}`);
      seen.push(...res.body.devices.map((d: DeviceDoc) => d.device));
      after = res.body.next;
      if (after === null) break;
    }
    expect(seen).to.deep.equal(['central', 's3.pos0', 's3.pos1', 's3.pos2']);
  });

  it('revokes a key with a reason, kept on the key and in the audit entry', async function () {
    const keyId = (await device('s3', 's3.pos0'))!.keys[0]!.keyId;
    const res = await admin('POST', `/devices/s3/s3.pos0/keys/${keyId}/revoke`, { reason: 'Caja robada el lunes' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect((await device('s3', 's3.pos0'))!.keys[0]).to.include({ status: 'revoked', revokedBy: 'chain-admin', revokeReason: 'Caja robada el lunes' });
    expect((await auditOf('device.key-revoked')).find((e) => e.target === 'device:s3:s3.pos0')).to.deep.include({ actor: 'chain-admin', details: { keyId, reason: 'Caja robada el lunes' } });
  });
});
