// Who the signed-in console user is to the chain: a chain admin (everything) or a store manager
// (their own store, read-only). Pure; the API enforces the same rules on every route.
import type { SessionUser } from './api.js';

export function isChainAdmin(user: SessionUser | null): boolean {
  return user !== null && (user.roles.includes('admin') || user.roles.includes('_admin'));
}

/** The store a manager account manages, or null (an admin, a cashier, no session). */
export function managedStore(user: SessionUser | null): string | null {
  if (user === null || !user.roles.includes('manager')) return null;
  const role = user.roles.find((r) => r.startsWith('store:'));
  return role === undefined ? null : role.slice('store:'.length);
}

/** May this account use the console at all: chain admins and store managers. */
export function mayUseConsole(user: SessionUser): boolean {
  return isChainAdmin(user) || managedStore(user) !== null;
}
