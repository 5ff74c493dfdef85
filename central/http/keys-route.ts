// GET /api/keys/customers: the customers' data and index keys (raw, base64url), for a POS that
// has logged in — a store account (role `store`) or an admin, authenticated like every API call.
// Without them a till can neither read nor index customer personal data (DESIGN.md "Store
// client"). Never cached (`no-store`); every hand-out is audited with who took the keys, and
// when the audit entry cannot be written the keys are not handed out.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProntoError } from '../../validators/errors.js';
import type { AuditWriter } from '../audit/append-audit.js';
import type { CentralCustomerKeys } from '../keys/index.js';
import { roles } from '../setup/security.js';
import type { Auth } from './auth/index.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';
import { sendError } from './send-error.js';

export interface KeysRouteDeps {
  customerKeys: CentralCustomerKeys;
  audit: AuditWriter;
}

export function customerKeysRoute(deps: KeysRouteDeps, auth: Pick<Auth, 'authenticate' | 'audit'>): RequestHandler[] {
  // First, so that refusals are not cached either.
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  const handOut = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const who = res.locals as AuthLocals;
    const refusal = refusalFor(who);
    if (refusal !== undefined) {
      await auth.audit.denied(req, who.actor, refusal);
      return sendError(res, new ProntoError('FORBIDDEN', refusal));
    }
    try {
      await deps.audit.append({ actor: who.actor, action: 'keys.customer-fetched', target: 'customer-keys', details: { via: who.via } });
    } catch (err) {
      return next(err);
    }
    const { dataKey, indexKey } = deps.customerKeys.material;
    res.json({ dataKey, indexKey });
  };
  return [noStore, auth.authenticate, (req, res, next) => { handOut(req, res, next).catch(next); }];
}

/** Why this caller may not have the keys, or undefined when it may. */
function refusalFor(who: AuthLocals): string | undefined {
  // A script token counts as an admin; only an admin-scoped one unlocks every customer's data.
  if (who.via === 'token' && !(who.scopes ?? []).includes('admin')) return 'customer keys need a token with the admin scope';
  if (!isAdmin(who.roles) && !who.roles.includes(roles.anyStore)) return 'customer keys are for store accounts and admins';
  return undefined;
}
