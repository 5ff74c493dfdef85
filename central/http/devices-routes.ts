// /api/devices: a manager (or an admin) registers a till's public signing key (first login on a
// device); admins rotate keys, list devices (per store, paged) and revoke keys with a reason (a
// stolen till: its later sales are quarantined). A till with no manager asks instead:
// device-requests-routes.ts. Who may enrol what: devices/enrol-permission.ts.
import express, { type Response } from 'express';
import { asyncRoute } from './async-route.js';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { enrollDevice, revokeKey } from '../devices/enroll-device.js';
import { enrolRefusal } from '../devices/enrol-permission.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';
import { badParam, DEVICE_ID, KEY_ID, limitParam, noteParam, STORE_ID, textParam } from './param-checks.js';


/** What enrolment and revocation need: CouchDB, clock, audit, bus and the shared device registry. */
export type DevicesRoutesDeps = Parameters<typeof enrollDevice>[0];

export function devicesRoutes(deps: DevicesRoutesDeps): express.Router {
  const router = express.Router();
  const who = (res: Response) => res.locals as AuthLocals;

  router.post('/', asyncRoute(async (req, res) => {
    const body = (req.body ?? {}) as { store?: unknown; device?: unknown; publicJwk?: unknown };
    const store = textParam(body.store, 'store', STORE_ID, 'a store id such as "s1"', true);
    const device = textParam(body.device, 'device', DEVICE_ID, 'a device id such as "s1.pos1"', true);
    const { publicJwk } = body;
    const admin = isAdmin(who(res).roles);
    const refusal = enrolRefusal({ admin, roles: who(res).roles }, store, device);
    if (refusal !== null) throw new ProntoError('FORBIDDEN', refusal, { store, device });
    const result = await enrollDevice(deps, { store, device, publicJwk }, who(res).actor, { mayRotate: admin });
    res.status(201).json(result);
  }));

  // ?store=s1 one store's devices, ?limit=1..500 (default 200), ?after=<device id of the last row seen>.
  router.get('/', asyncRoute(async (req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    const store = textParam(req.query.store, 'store', STORE_ID, 'a store id such as "s1"');
    const after = textParam(req.query.after, 'after', DEVICE_ID, 'the device id the previous page ended with');
    const limit = limitParam(req.query.limit, 500, 200);
    if (after !== undefined && store === undefined) throw badParam('after', 'needs a store');
    const prefix = store === undefined ? 'device:' : `device:${store}:`;
    try {
      const r = await deps.nano.use('catalog').list({ startkey: after === undefined ? prefix : `${prefix}${after}`, endkey: `${prefix}\ufff0`, include_docs: true, limit: limit + 2 });
      const rows = r.rows.filter((row) => row.doc && (after === undefined || row.id !== `${prefix}${after}`)).slice(0, limit + 1);
      const devices = rows.slice(0, limit).map((row) => row.doc as unknown as { device: string });
      res.json({ devices, next: rows.length > limit ? devices[devices.length - 1]!.device : null });
    } catch (err) {
      throw couchError(err, 'listing devices');
    }
  }));

  // {reason?}: why (1..500 characters), kept on the key and in the audit entry; the console asks for it.
  router.post('/:store/:device/keys/:keyId/revoke', asyncRoute(async (req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    const store = textParam(req.params.store, 'store', STORE_ID, 'a store id such as "s1"', true);
    const device = textParam(req.params.device, 'device', DEVICE_ID, 'a device id such as "s1.pos1"', true);
    const keyId = textParam(req.params.keyId, 'keyId', KEY_ID, 'the key id the console showed', true);
    const reason = noteParam((req.body as { reason?: unknown } | undefined)?.reason, 'reason', 500);
    await revokeKey(deps, store, device, keyId, who(res).actor, reason);
    res.json({ revoked: keyId });
  }));
  return router;
}
