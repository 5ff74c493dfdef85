// /api/devices: a manager (or an admin) registers a till's public signing key (first login on a
// device); admins rotate keys, list devices and revoke keys (a stolen till: its later sales are
// quarantined). Who may enrol what: devices/enrol-permission.ts.
import express, { type Response } from 'express';
import { asyncRoute } from './async-route.js';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { enrollDevice, revokeKey } from '../devices/enroll-device.js';
import { enrolRefusal } from '../devices/enrol-permission.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';

const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;
const DEVICE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** What enrolment and revocation need: CouchDB, clock, audit, bus and the shared device registry. */
export type DevicesRoutesDeps = Parameters<typeof enrollDevice>[0];

export function devicesRoutes(deps: DevicesRoutesDeps): express.Router {
  const router = express.Router();
  const who = (res: Response) => res.locals as AuthLocals;

  router.post('/', asyncRoute(async (req, res) => {
    const { store, device, publicJwk } = (req.body ?? {}) as { store?: unknown; device?: unknown; publicJwk?: unknown };
    if (typeof store !== 'string' || !STORE.test(store)) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"');
    if (typeof device !== 'string' || !DEVICE.test(device)) throw new ProntoError('BAD_REQUEST', 'device must be a device id such as "s1.pos1"');
    const admin = isAdmin(who(res).roles);
    const refusal = enrolRefusal({ admin, roles: who(res).roles }, store, device);
    if (refusal !== null) throw new ProntoError('FORBIDDEN', refusal, { store, device });
    const result = await enrollDevice(deps, { store, device, publicJwk }, who(res).actor, { mayRotate: admin });
    res.status(201).json(result);
  }));

  router.get('/', asyncRoute(async (_req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    try {
      const r = await deps.nano.use('catalog').list({ startkey: 'device:', endkey: 'device;', include_docs: true });
      res.json({ devices: r.rows.map((row) => row.doc) });
    } catch (err) {
      throw couchError(err, 'listing devices');
    }
  }));

  router.post('/:store/:device/keys/:keyId/revoke', asyncRoute(async (req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    await revokeKey(deps, String(req.params.store), String(req.params.device), String(req.params.keyId), who(res).actor);
    res.json({ revoked: req.params.keyId });
  }));
  return router;
}
