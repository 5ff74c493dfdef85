// Who may read the console's store data: a chain admin reads every store; a store manager
// (roles `manager` and `store:<id>`, central/accounts/account-roles.ts) reads their own store
// only; anyone else is refused (403, audited as `auth.denied`). Writes stay admin-only
// (require-admin.ts). The scope is kept in res.locals for the route to filter by.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';
import type { Auth } from './auth/index.js';
import { sendError } from './send-error.js';

/** `null` stores = every store (a chain admin). */
export interface StoreScope { stores: readonly string[] | null }

export interface ScopeLocals extends AuthLocals { scope: StoreScope }

/** The stores these roles may read, or undefined when they may read none. */
export function storeScopeOf(roles: readonly string[]): StoreScope | undefined {
  if (isAdmin(roles)) return { stores: null };
  if (!roles.includes('manager')) return undefined;
  const own = roles.filter((r) => r.startsWith('store:')).map((r) => r.slice('store:'.length)).filter((s) => s.length > 0);
  return own.length > 0 ? { stores: own } : undefined;
}

export const inScope = (scope: StoreScope, store: string | null | undefined): boolean =>
  scope.stores === null || (typeof store === 'string' && scope.stores.includes(store));

/** The store a database belongs to (`store-s1` → `s1`), or null for catalog, customers, audit. */
export const storeOfDb = (db: unknown): string | null => (typeof db === 'string' && db.startsWith('store-') ? db.slice('store-'.length) : null);

export function requireStoreReader(auth: Pick<Auth, 'authenticate' | 'audit'>): RequestHandler[] {
  const check = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const who = res.locals as ScopeLocals;
    const scope = storeScopeOf(who.roles);
    if (scope !== undefined) {
      who.scope = scope;
      return next();
    }
    const refusal = 'this needs an admin or a store manager account';
    await auth.audit.denied(req, who.actor, refusal);
    sendError(res, new ProntoError('FORBIDDEN', refusal));
  };
  return [auth.authenticate, check];
}
