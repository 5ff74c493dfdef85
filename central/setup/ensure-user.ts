// Creates or corrects an account in CouchDB's `_users` (https://docs.couchdb.org/en/stable/intro/security.html#users-documents).
// An existing account keeps its password; only its roles are brought in line.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';

export interface Account {
  name: string;
  /** Used only when the account is created. */
  password: string;
  roles: string[];
}

interface UserDoc { _id: string; _rev?: string; name: string; type: 'user'; roles: string[]; password?: string }

export async function ensureUser(nano: Nano.ServerScope, account: Account): Promise<'created' | 'updated' | 'unchanged'> {
  const users = nano.use<UserDoc>('_users');
  const _id = `org.couchdb.user:${account.name}`;
  const roles = [...new Set(account.roles)].sort();
  let current: (UserDoc & { _rev: string }) | undefined;
  try {
    current = (await users.get(_id)) as UserDoc & { _rev: string };
  } catch (err) {
    if (!isStatus(err, 404)) throw couchError(err, `reading account ${account.name}`);
  }
  try {
    if (current === undefined) {
      await users.insert({ _id, name: account.name, type: 'user', roles, password: account.password });
      return 'created';
    }
    if (JSON.stringify([...current.roles].sort()) === JSON.stringify(roles)) return 'unchanged';
    await users.insert({ ...current, roles });
    return 'updated';
  } catch (err) {
    throw couchError(err, `writing account ${account.name}`);
  }
}
