// /api/devices: a till registers its public signing key (first login on a device, and key
// rotation), admins list devices and revoke keys (a stolen till: its later sales are quarantined).
import express, { type Response } from 'express';
import { asyncRoute } from './async-route.js';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { enrollDevice, revokeKey } from '../devices/enroll-device.js';
import type { CentralState } from '../state.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';

const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;
const DEVICE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function devicesRoutes(state: CentralState): express.Router {
  const router = express.Router();
  const who = (res: Response) => res.locals as AuthLocals;

  router.post('/', asyncRoute(async (req, res) => {
    const { store, device, publicJwk } = (req.body ?? {}) as { store?: unknown; device?: unknown; publicJwk?: unknown };
    if (typeof store !== 'string' || !STORE.test(store)) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"');
    if (typeof device !== 'string' || !DEVICE.test(device)) throw new ProntoError('BAD_REQUEST', 'device must be a device id such as "s1.pos1"');
    const roles = who(res).roles;
    if (!isAdmin(roles) && !(roles.includes('manager') && roles.includes(`store:${store}`))) {
      throw new ProntoError('FORBIDDEN', `only a manager of store ${store} (or an admin) enrolls its devices`);
    }
    const result = await enrollDevice(state.resolver, { store, device, publicJwk }, who(res).actor);
    res.status(201).json(result);
  }));

  router.get('/', asyncRoute(async (_req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    try {
      const r = await state.couch.nano.use('catalog').list({ startkey: 'device:', endkey: 'device;', include_docs: true });
      res.json({ devices: r.rows.map((row) => row.doc) });
    } catch (err) {
      throw couchError(err, 'listing devices');
    }
  }));

  router.post('/:store/:device/keys/:keyId/revoke', asyncRoute(async (req, res) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
    await revokeKey(state.resolver, String(req.params.store), String(req.params.device), String(req.params.keyId), who(res).actor);
    res.json({ revoked: req.params.keyId });
  }));
  return router;
}
