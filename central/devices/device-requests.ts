// Enrolment requests: a till with no manager at hand asks head office to enrol its key. Any
// account of the store may ask (the cashier logging in); only an admin approves, which enrols the
// key exactly as a manager's enrolment does (enroll-device.ts), or rejects it. Requests live in a
// central-only database (`pronto-device-requests`, setup/central-databases.ts) that no store
// account can read or write, so a cashier cannot approve, alter or enrol its own request.
// A settled request is deleted; the audit trail keeps what happened (device.request-*).
import type Nano from 'nano';
import { keyIdOf } from '../../store-client/crypto/index.js';
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { deviceId } from './device-registry.js';
import { enrollDevice } from './enroll-device.js';
import { assertUsableKey, publicJwkOf, type PublicJwk } from './public-jwk.js';

type Deps = Parameters<typeof enrollDevice>[0];

export interface DeviceRequest {
  _id: string;
  _rev?: string;
  store: string;
  device: string;
  keyId: string;
  publicJwk: PublicJwk;
  requestedBy: string;
  /** ISO time of the request (central's clock). */
  requestedAt: string;
}

/** At most this many requests wait per store: an account cannot flood head office. */
export const MAX_PENDING_PER_STORE = 20;

export const requestId = (store: string, device: string): string => `request:${store}:${device}`;
const db = (nano: Nano.ServerScope) => nano.use<DeviceRequest>(CENTRAL_DATABASES.deviceRequests);

export async function readRequest(nano: Nano.ServerScope, store: string, device: string): Promise<DeviceRequest | null> {
  try {
    return (await db(nano).get(requestId(store, device))) as DeviceRequest;
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, `reading the enrolment request of ${store}/${device}`);
  }
}

/** Stores (or finds again, the same key asked twice) a request; 409 when the device is enrolled or asked for with another key. */
export async function submitRequest(
  deps: Deps, input: { store: string; device: string; publicJwk: unknown }, actor: string,
): Promise<{ request: DeviceRequest; created: boolean }> {
  const publicJwk = publicJwkOf(input.publicJwk);
  await assertUsableKey(publicJwk);
  const keyId = await keyIdOf(publicJwk);
  if (await isEnrolled(deps.nano, input.store, input.device)) {
    throw new ProntoError('DEVICE_EXISTS', `device ${input.device} is already enrolled`, { store: input.store, device: input.device });
  }
  const existing = await readRequest(deps.nano, input.store, input.device);
  if (existing?.keyId === keyId) return { request: existing, created: false };
  if (existing) throw new ProntoError('CONFLICT', `device ${input.device} already asked with another key; an admin settles that first`, { keyId: existing.keyId });
  if ((await listRequests(deps.nano, input.store, MAX_PENDING_PER_STORE)).length >= MAX_PENDING_PER_STORE) {
    throw new ProntoError('RATE_LIMITED', `store ${input.store} already has ${MAX_PENDING_PER_STORE} requests waiting for an admin`);
  }
  const request: DeviceRequest = {
    _id: requestId(input.store, input.device), store: input.store, device: input.device, keyId, publicJwk, requestedBy: actor, requestedAt: new Date().toISOString(),
  };
  try {
    await exclusiveInsert(deps.nano, CENTRAL_DATABASES.deviceRequests, request);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `device ${input.device} asked meanwhile; try again`);
    throw couchError(err, 'storing an enrolment request');
  }
  await deps.audit.append({ actor, action: 'device.request-submitted', target: request._id, details: { store: input.store, device: input.device, keyId } });
  deps.bus.publish('device.request', { store: input.store, device: input.device, keyId, change: 'submitted' });
  return { request, created: true };
}

async function isEnrolled(nano: Nano.ServerScope, store: string, device: string): Promise<boolean> {
  try {
    await nano.use('catalog').head(deviceId(store, device));
    return true;
  } catch (err) {
    if (isStatus(err, 404)) return false;
    throw couchError(err, `reading device ${store}/${device}`);
  }
}

/** Requests waiting, oldest device id first; `store` undefined: every store's. */
export async function listRequests(nano: Nano.ServerScope, store: string | undefined, limit: number): Promise<DeviceRequest[]> {
  const prefix = store === undefined ? 'request:' : `request:${store}:`;
  try {
    const res = await db(nano).list({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true, limit });
    return res.rows.flatMap((r) => (r.doc ? [r.doc as DeviceRequest] : []));
  } catch (err) {
    throw couchError(err, 'listing enrolment requests');
  }
}
