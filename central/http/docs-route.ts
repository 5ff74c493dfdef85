// GET /api/docs/:db/:id — one document, for the console's change feed detail. Chain admins read
// catalog, customers and every store-<id>; a store manager their own store's database and the
// catalog (403 otherwise, audited as `auth.denied`); cashiers 403, anonymous 401 (store-scope.ts).
// A customer's personal fields are masked here, server-side (central/docs/mask-personal.ts).
// Reads are not audited: nothing personal leaves central, and a trail of every click would bury
// the entries that matter; a refused read is.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { mayReadDatabase, parseDocAddress, readMaskedDoc } from '../docs/index.js';
import type { Auth } from './auth/index.js';
import type { ScopeLocals } from './store-scope.js';

export function docsRoute(deps: { nano: Nano.ServerScope }, auth: Pick<Auth, 'audit'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const address = parseDocAddress(String(req.params.db), String(req.params.id));
    const { scope, actor } = res.locals as ScopeLocals;
    if (!mayReadDatabase(scope, address)) {
      const refusal = `a store manager reads only their own store's documents and the catalog, not ${address.db}`;
      await auth.audit.denied(req, actor, refusal);
      throw new ProntoError('FORBIDDEN', refusal, { db: address.db });
    }
    const { doc, masked } = await readMaskedDoc(deps.nano, address);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ db: address.db, doc, masked });
  };
}
