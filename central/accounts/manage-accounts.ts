// The console's changes to store accounts in CouchDB's `_users`, as central's server admin:
// create a cashier or manager, set a new password, disable, enable. Only store accounts
// (account-rules.ts storeAccountOf) are touched: chain admins and central's own account are
// "not found" here. Disabling takes the roles away, keeps store and kind in `prontoDisabled`
// (only a server admin may write it: accounts-design-doc.ts) and sets a random password, so
// Basic credentials and new CouchDB sessions fail; CouchDB's AuthSession cookies die with the
// password, and console sessions within the roles cache (account-roles.ts treats a disabled
// account as gone). Every change is audited with names only, never a password.
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import type { AuditWriter } from '../audit/append-audit.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { rolesFor, storeAccountOf, type AccountKind, type StoreAccount, type UserDoc } from './account-rules.js';

export interface AccountsDeps { nano: Nano.ServerScope; audit: AuditWriter }

const userId = (name: string) => `org.couchdb.user:${name}`;
const users = (nano: Nano.ServerScope) => nano.use<UserDoc>('_users');

/** Checked already: `name` (ACCOUNT_NAME), `password` (passwordProblem). 409 when the name is taken by any account. */
export async function createAccount(
  deps: AccountsDeps, input: { name: string; password: string; store: string; kind: AccountKind }, actor: string,
): Promise<StoreAccount> {
  const doc: UserDoc = { _id: userId(input.name), type: 'user', name: input.name, roles: rolesFor(input.store, input.kind), password: input.password };
  try {
    await exclusiveInsert(deps.nano, '_users', doc);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `an account named ${input.name} already exists`, { param: 'name' });
    throw couchError(err, `creating account ${input.name}`);
  }
  await deps.audit.append({ actor, action: 'account.created', target: doc._id, details: { store: input.store, kind: input.kind } });
  return { name: input.name, store: input.store, kind: input.kind, disabled: false };
}

export async function resetPassword(deps: AccountsDeps, name: string, password: string, actor: string): Promise<StoreAccount> {
  const { doc, account } = await readStoreAccount(deps.nano, name);
  if (account.disabled) throw new ProntoError('CONFLICT', `${name} is disabled; enable it with a new password instead`);
  await write(deps.nano, { ...doc, password }, name);
  await deps.audit.append({ actor, action: 'account.password-reset', target: doc._id, details: { store: account.store } });
  return account;
}

export async function disableAccount(deps: AccountsDeps, name: string, actor: string, at: string): Promise<StoreAccount> {
  const { doc, account } = await readStoreAccount(deps.nano, name);
  if (account.disabled) return account;
  const off = { store: account.store, kind: account.kind, at, by: actor };
  await write(deps.nano, { ...doc, roles: [], prontoDisabled: off, password: randomBytes(32).toString('base64url') }, name);
  await deps.audit.append({ actor, action: 'account.disabled', target: doc._id, details: { store: account.store, kind: account.kind } });
  return { ...account, disabled: true };
}

/** Gives the roles back (from the store and kind saved at disabling) with a new password. */
export async function enableAccount(deps: AccountsDeps, name: string, password: string, actor: string): Promise<StoreAccount> {
  const { doc, account } = await readStoreAccount(deps.nano, name);
  if (!account.disabled) throw new ProntoError('CONFLICT', `${name} is not disabled`);
  const { prontoDisabled: _off, ...rest } = doc;
  await write(deps.nano, { ...rest, roles: rolesFor(account.store, account.kind), password }, name);
  await deps.audit.append({ actor, action: 'account.enabled', target: doc._id, details: { store: account.store, kind: account.kind } });
  return { ...account, disabled: false };
}

/** The account and its document; NOT_FOUND for a missing one and for anything but a store account. */
export async function readStoreAccount(nano: Nano.ServerScope, name: string): Promise<{ doc: UserDoc; account: StoreAccount }> {
  let doc: UserDoc;
  try {
    doc = (await users(nano).get(userId(name))) as UserDoc;
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `no store account named ${name}`);
    throw couchError(err, `reading account ${name}`);
  }
  const account = storeAccountOf(doc);
  if (account === null) throw new ProntoError('NOT_FOUND', `no store account named ${name}`);
  return { doc, account };
}

async function write(nano: Nano.ServerScope, doc: UserDoc, name: string): Promise<void> {
  try {
    await exclusiveInsert(nano, '_users', doc);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `account ${name} changed meanwhile; try again`);
    throw couchError(err, `writing account ${name}`);
  }
}
