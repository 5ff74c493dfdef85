// Registers a manager's (or admin's) approval key in the catalog (`approver:<name>`), and revokes
// keys. A manager has one key per till they approve at: a new key from a device retires the
// key that device had (what it signed stays valid), so a password change, which makes the till
// create a new key, leaves one active key per device. Both are audited and announced.
import type Nano from 'nano';
import { keyIdOf } from '../../store-client/crypto/index.js';
import { ProntoError, validate, type Approver } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import type { CentralDeps } from '../central-deps.js';
import { approverId, type ApproverRegistry } from './approver-registry.js';

export type ApproverKeyDeps = Pick<CentralDeps, 'nano' | 'clock' | 'audit' | 'bus'> & { approvers?: ApproverRegistry };
type StoredApprover = Approver & { _rev?: string };

export interface ApproverKeyInput {
  name: string;
  publicJwk: unknown;
  /** The till the key was made on. */
  device?: string;
}

export interface ApproverKeyAdded {
  name: string;
  keyId: string;
  /** False when this key was registered before (nothing changed). */
  added: boolean;
  /** Keys of the same device that this one replaced. */
  retired: string[];
}

export async function addApproverKey(deps: ApproverKeyDeps, input: ApproverKeyInput, actor: string): Promise<ApproverKeyAdded> {
  const publicJwk = ecPublicJwk(input.publicJwk);
  const keyId = await keyIdOf(publicJwk);
  const current = await read(deps.nano, input.name);
  const same = current?.keys.find((k) => k.keyId === keyId);
  if (same?.status === 'revoked') throw new ProntoError('FORBIDDEN', `key ${keyId} was revoked and cannot be registered again`, { keyId });
  if (same) return { name: input.name, keyId, added: false, retired: [] };
  const stamp = deps.clock.next();
  const replaced = (k: Approver['keys'][number]) => input.device !== undefined && k.device === input.device && k.status === 'active';
  const retired = (current?.keys ?? []).filter(replaced).map((k) => k.keyId);
  const keys = [
    ...(current?.keys ?? []).map((k) => (replaced(k) ? { ...k, status: 'retired' as const } : k)),
    { keyId, publicJwk, status: 'active' as const, addedAt: stamp, ...(input.device !== undefined ? { device: input.device } : {}) },
  ];
  await write(deps, { ...(current ?? {}), _id: approverId(input.name), type: 'approver', name: input.name, keys, updatedAt: stamp, updatedBy: actor });
  await deps.audit.append({ actor, action: 'approver.key-added', target: approverId(input.name), details: { keyId, device: input.device ?? null, retired } });
  deps.bus.publish('approver.key', { name: input.name, keyId, device: input.device ?? null, change: 'added' });
  return { name: input.name, keyId, added: true, retired };
}

export async function revokeApproverKey(deps: ApproverKeyDeps, name: string, keyId: string, actor: string): Promise<void> {
  const current = await read(deps.nano, name);
  const key = current?.keys.find((k) => k.keyId === keyId);
  if (!current || !key) throw new ProntoError('NOT_FOUND', `approver ${name} has no key ${keyId}`, { name, keyId });
  if (key.status === 'revoked') return;
  const stamp = deps.clock.next();
  const keys = current.keys.map((k) => (k.keyId === keyId ? { ...k, status: 'revoked' as const, revokedAt: stamp, revokedBy: actor } : k));
  await write(deps, { ...current, keys, updatedAt: stamp, updatedBy: actor });
  await deps.audit.append({ actor, action: 'approver.key-revoked', target: approverId(name), details: { keyId } });
  deps.bus.publish('approver.key', { name, keyId, change: 'revoked' });
}

function ecPublicJwk(value: unknown): JsonWebKey {
  const jwk = value as JsonWebKey | null;
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new ProntoError('BAD_REQUEST', 'publicJwk must be an EC P-256 public key (kty EC, crv P-256, x, y)');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

async function read(nano: Nano.ServerScope, name: string): Promise<StoredApprover | null> {
  try {
    return (await nano.use('catalog').get(approverId(name))) as unknown as StoredApprover;
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, `reading approver ${name}`);
  }
}

async function write(deps: ApproverKeyDeps, doc: Record<string, unknown>): Promise<void> {
  validate(doc, { db: 'catalog' });
  try {
    await exclusiveInsert(deps.nano, 'catalog', doc as { _id: string });
    deps.approvers?.invalidate(doc.name as string);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', 'the approver changed meanwhile; try again');
    throw couchError(err, 'writing the approver keys');
  }
}
