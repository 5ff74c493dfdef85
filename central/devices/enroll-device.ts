// Registers a till's public key in the catalog (`device:<store>:<device>`), and revokes keys.
// Enrolling a new key for a device that has one is a rotation, for admins only (a device id is
// never taken over): the old key becomes `retired` (its sales stay valid) and the new one
// `active`. Enrolling a key the device already has changes nothing (a till retrying after a lost
// answer). All of it is audited and announced.
import type Nano from 'nano';
import { keyIdOf } from '../../store-client/crypto/index.js';
import { ProntoError, validate, type Device } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import type { CentralDeps } from '../central-deps.js';
import { deviceId } from './device-registry.js';
import { publicJwkOf } from './public-jwk.js';

type Deps = Pick<CentralDeps, 'nano' | 'clock' | 'audit' | 'bus' | 'devices'>;
type StoredDevice = Device & { _rev?: string };

/** `mayRotate`: whether the caller may give an enrolled device another key (admins only). */
export async function enrollDevice(
  deps: Deps, input: { store: string; device: string; publicJwk: unknown }, actor: string, { mayRotate }: { mayRotate: boolean },
): Promise<{ keyId: string; rotated: boolean }> {
  const publicJwk = publicJwkOf(input.publicJwk);
  const keyId = await keyIdOf(publicJwk);
  const current = await read(deps.nano, input.store, input.device);
  if (current?.keys.some((k) => k.keyId === keyId && k.status === 'revoked')) {
    throw new ProntoError('FORBIDDEN', `key ${keyId} was revoked and cannot be enrolled again`, { keyId });
  }
  if (current?.keys.some((k) => k.keyId === keyId)) return { keyId, rotated: false };
  if (current && !mayRotate) {
    throw new ProntoError('DEVICE_EXISTS', `device ${input.device} is already enrolled; an admin rotates its key`, { store: input.store, device: input.device });
  }
  const stamp = deps.clock.next();
  const rotated = current?.keys.some((k) => k.status === 'active') ?? false;
  const keys = [
    ...(current?.keys ?? []).map((k) => (k.status === 'active' ? { ...k, status: 'retired' as const } : k)),
    { keyId, publicJwk, status: 'active' as const, addedAt: stamp, addedBy: actor },
  ];
  await write(deps, { ...(current ?? {}), _id: deviceId(input.store, input.device), type: 'device', store: input.store, device: input.device, keys, updatedAt: stamp, updatedBy: actor });
  await deps.audit.append({ actor, action: rotated ? 'device.key-rotated' : 'device.key-added', target: deviceId(input.store, input.device), details: { keyId } });
  deps.bus.publish('device.key', { store: input.store, device: input.device, keyId, change: rotated ? 'rotated' : 'added' });
  return { keyId, rotated };
}

/** `reason`: why, as the admin wrote it (kept on the key and in the audit entry). */
export async function revokeKey(deps: Deps, store: string, device: string, keyId: string, actor: string, reason?: string): Promise<void> {
  const current = await read(deps.nano, store, device);
  const key = current?.keys.find((k) => k.keyId === keyId);
  if (!current || !key) throw new ProntoError('NOT_FOUND', `no key ${keyId} for device ${store}/${device}`);
  if (key.status === 'revoked') return;
  const stamp = deps.clock.next();
  const keys = current.keys.map((k) => (k.keyId === keyId ? { ...k, status: 'revoked' as const, revokedAt: stamp, revokedBy: actor, ...(reason === undefined ? {} : { revokeReason: reason }) } : k));
  await write(deps, { ...current, keys, updatedAt: stamp, updatedBy: actor });
  await deps.audit.append({ actor, action: 'device.key-revoked', target: deviceId(store, device), details: { keyId, ...(reason === undefined ? {} : { reason }) } });
  deps.bus.publish('device.key', { store, device, keyId, change: 'revoked' });
}

async function read(nano: Nano.ServerScope, store: string, device: string): Promise<StoredDevice | null> {
  try {
    return (await nano.use('catalog').get(deviceId(store, device))) as unknown as StoredDevice;
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, `reading device ${store}/${device}`);
  }
}

async function write(deps: Deps, doc: Record<string, unknown>): Promise<void> {
  validate(doc, { db: 'catalog' });
  try {
    await exclusiveInsert(deps.nano, 'catalog', doc as { _id: string });
    deps.devices?.invalidate(doc._id as string);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', 'the device changed meanwhile; try again');
    throw couchError(err, 'writing the device registry');
  }
}
