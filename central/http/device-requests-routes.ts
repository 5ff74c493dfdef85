// /api/device-requests: a till with no manager at hand asks head office to enrol its key
// (central/devices/device-requests.ts); an admin approves or rejects it from the console.
//   POST /                         {store, device, publicJwk}  an account of that store (the cashier)
//   GET  /:store/:device           that store's accounts and admins: pending | enrolled | none
//   GET  /?store=s1&limit=1..100   admins: the requests waiting
//   POST /:store/:device/approve   {keyId}            admins: enrols it as a manager would
//   POST /:store/:device/reject    {keyId, reason}    admins
import express, { type Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { listRequests, readRequest, submitRequest } from '../devices/device-requests.js';
import { deviceId } from '../devices/device-registry.js';
import { requestRefusal } from '../devices/enrol-permission.js';
import { approveRequest, rejectRequest } from '../devices/settle-request.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';
import { DEVICE_ID, KEY_ID, limitParam, noteParam, STORE_ID, textParam } from './param-checks.js';

type Deps = Parameters<typeof submitRequest>[0];

export function deviceRequestsRoutes(deps: Deps): express.Router {
  const router = express.Router();
  const who = (res: Response) => res.locals as AuthLocals;
  const adminOnly = (res: Response) => {
    if (!isAdmin(who(res).roles)) throw new ProntoError('FORBIDDEN', 'this needs an admin account');
  };
  const target = (params: Record<string, unknown>) => ({
    store: textParam(params.store, 'store', STORE_ID, 'a store id such as "s1"', true),
    device: textParam(params.device, 'device', DEVICE_ID, 'a device id such as "s1.pos1"', true),
  });

  router.post('/', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { store, device } = target(body);
    const refusal = requestRefusal(who(res).roles, store, device);
    if (refusal !== null) throw new ProntoError('FORBIDDEN', refusal, { store, device });
    const { request, created } = await submitRequest(deps, { store, device, publicJwk: body.publicJwk }, who(res).actor);
    res.status(created ? 201 : 200).json({ status: 'pending', keyId: request.keyId });
  });

  router.get('/', async (req, res) => {
    adminOnly(res);
    const store = textParam(req.query.store, 'store', STORE_ID, 'a store id such as "s1"');
    const limit = limitParam(req.query.limit, 100, 100);
    const requests = await listRequests(deps.nano, store, limit);
    res.json({ store: store ?? null, requests: requests.map(({ _rev, publicJwk, ...shown }) => shown) });
  });

  router.get('/:store/:device', async (req, res) => {
    const { store, device } = target(req.params);
    if (!isAdmin(who(res).roles) && !who(res).roles.includes(`store:${store}`)) throw new ProntoError('FORBIDDEN', `this needs an account of store ${store} or an admin`);
    const request = await readRequest(deps.nano, store, device);
    if (request) return void res.json({ status: 'pending', keyId: request.keyId, requestedAt: request.requestedAt });
    const keys = await enrolledKeys(deps.nano, store, device);
    res.json(keys.length > 0 ? { status: 'enrolled', keyIds: keys } : { status: 'none' });
  });

  router.post('/:store/:device/approve', async (req, res) => {
    adminOnly(res);
    const { store, device } = target(req.params);
    const keyId = textParam((req.body as Record<string, unknown> | undefined)?.keyId, 'keyId', KEY_ID, 'the key id the console showed', true);
    res.json(await approveRequest(deps, store, device, keyId, who(res).actor));
  });

  router.post('/:store/:device/reject', async (req, res) => {
    adminOnly(res);
    const { store, device } = target(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const keyId = textParam(body.keyId, 'keyId', KEY_ID, 'the key id the console showed', true);
    const reason = noteParam(body.reason, 'reason', 500, true);
    await rejectRequest(deps, store, device, keyId, who(res).actor, reason);
    res.json({ rejected: keyId });
  });
  return router;
}

async function enrolledKeys(nano: Nano.ServerScope, store: string, device: string): Promise<string[]> {
  try {
    const doc = (await nano.use('catalog').get(deviceId(store, device))) as unknown as { keys: Array<{ keyId: string; status: string }> };
    return doc.keys.filter((k) => k.status !== 'revoked').map((k) => k.keyId);
  } catch (err) {
    if (isStatus(err, 404)) return [];
    throw couchError(err, `reading device ${store}/${device}`);
  }
}
