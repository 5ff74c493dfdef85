// An admin settles a till's enrolment request (device-requests.ts): approving enrols the key the
// admin saw (`keyId`, compared with the one the till shows) exactly as a manager's enrolment
// does; rejecting drops it with a reason. Either way the request is deleted and audited, never
// with anything but ids: the key itself stays in the catalog (approved) or nowhere (rejected).
// An approval whose enrolment fails (the device enrolled meanwhile with another key, the catalog
// unreachable) puts the request back, so the admin can try again or reject it.
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { readRequest, type DeviceRequest } from './device-requests.js';
import { enrollDevice } from './enroll-device.js';

type Deps = Parameters<typeof enrollDevice>[0];

export async function approveRequest(deps: Deps, store: string, device: string, keyId: string, actor: string): Promise<{ keyId: string }> {
  const request = await pending(deps, store, device, keyId);
  // The request is taken first: of an approval and a rejection at once, the one that deleted it
  // goes on, so a rejected request is never also enrolled.
  await drop(deps, request);
  try {
    await enrollDevice(deps, { store, device, publicJwk: request.publicJwk }, actor, { mayRotate: false });
  } catch (err) {
    await restore(deps, request);
    throw err;
  }
  await deps.audit.append({ actor, action: 'device.request-approved', target: request._id, details: { store, device, keyId, requestedBy: request.requestedBy } });
  deps.bus.publish('device.request', { store, device, keyId, change: 'approved' });
  return { keyId };
}

export async function rejectRequest(deps: Deps, store: string, device: string, keyId: string, actor: string, reason: string): Promise<void> {
  const request = await pending(deps, store, device, keyId);
  await drop(deps, request);
  await deps.audit.append({ actor, action: 'device.request-rejected', target: request._id, details: { store, device, keyId, requestedBy: request.requestedBy, reason } });
  deps.bus.publish('device.request', { store, device, keyId, change: 'rejected' });
}

async function pending(deps: Deps, store: string, device: string, keyId: string): Promise<DeviceRequest> {
  const request = await readRequest(deps.nano, store, device);
  if (request === null) throw new ProntoError('NOT_FOUND', `no enrolment request waits for ${store}/${device}`);
  if (request.keyId !== keyId) throw new ProntoError('CONFLICT', `the request of ${store}/${device} is for key ${request.keyId}, not ${keyId}`, { keyId: request.keyId });
  return request;
}

async function drop(deps: Deps, request: DeviceRequest): Promise<void> {
  try {
    await exclusiveInsert(deps.nano, CENTRAL_DATABASES.deviceRequests, { _id: request._id, _rev: request._rev!, _deleted: true });
  } catch (err) {
    if (isStatus(err, 409) || isStatus(err, 404)) throw new ProntoError('CONFLICT', `the request of ${request.store}/${request.device} was settled meanwhile`);
    throw couchError(err, 'deleting an enrolment request');
  }
}

/** Stores a taken request again; one the till sent meanwhile (a 409) stays as it is. */
async function restore(deps: Deps, { _rev, ...request }: DeviceRequest): Promise<void> {
  try {
    await exclusiveInsert(deps.nano, CENTRAL_DATABASES.deviceRequests, request);
  } catch (err) {
    if (isStatus(err, 409)) return;
    throw couchError(err, `putting back the enrolment request of ${request.store}/${request.device}`);
  }
}
