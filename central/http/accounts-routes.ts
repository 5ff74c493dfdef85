// /api/accounts: a chain admin manages store accounts (central/accounts). Admins only (mounted
// behind requireAdmin: 401 anonymous, 403 anyone else, audited); central's own account and chain
// admins are not store accounts and answer 404 here.
//   GET  /?store=s1&limit=1..200&after=<name>   one store's accounts by name, paged ({accounts, next})
//   POST /                      {name, password, store, kind: cashier|manager}   201; 409 if the name is taken
//   POST /:name/password        {password}       a new password (the old one stops working)
//   POST /:name/disable                          roles out, random password; sessions end within the cache window
//   POST /:name/enable          {password}       roles back, with a new password
// A bad field is a 400 naming it (`details.param`); passwords never reach logs or the audit trail.
import express, { type Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import {
  ACCOUNT_NAME, CREATABLE_KINDS, createAccount, disableAccount, enableAccount, listAccounts, passwordProblem, resetPassword, type AccountKind, type AccountsDeps,
} from '../accounts/index.js';
import type { AuthLocals } from './auth/auth-settings.js';
import { badParam, limitParam, STORE_ID, textParam } from './param-checks.js';

const NAME_RULE = '3 to 60 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';

/** `serverAdmin`: the name central runs as (in CouchDB's configuration, not `_users`); no store account may take it. */
export function accountsRoutes(deps: AccountsDeps & { serverAdmin: string }): express.Router {
  const router = express.Router();
  const actor = (res: Response) => (res.locals as AuthLocals).actor;
  const body = (req: express.Request) => (req.body ?? {}) as Record<string, unknown>;
  const nameOf = (value: unknown) => textParam(value, 'name', ACCOUNT_NAME, NAME_RULE, true);
  const password = (value: unknown, name: string) => {
    const problem = passwordProblem(value, name);
    if (problem !== null) throw badParam('password', problem);
    return value as string;
  };

  router.get('/', async (req, res) => {
    const store = textParam(req.query.store, 'store', STORE_ID, 'a store id such as "s1"', true);
    const after = textParam(req.query.after, 'after', ACCOUNT_NAME, 'the name the previous page ended with');
    const limit = limitParam(req.query.limit, 200, 50);
    res.json({ store, ...(await listAccounts(deps.nano, store, limit, after)) });
  });

  router.post('/', async (req, res) => {
    const b = body(req);
    const name = nameOf(b.name);
    if (name === deps.serverAdmin) throw new ProntoError('CONFLICT', `${name} is central's own account`, { param: 'name' });
    const store = textParam(b.store, 'store', STORE_ID, 'a store id such as "s1"', true);
    if (!CREATABLE_KINDS.includes(b.kind as never)) throw badParam('kind', `must be one of ${CREATABLE_KINDS.join(', ')}`);
    const account = await createAccount(deps, { name, password: password(b.password, name), store, kind: b.kind as AccountKind }, actor(res));
    res.status(201).json({ account });
  });

  router.post('/:name/password', async (req, res) => {
    const name = nameOf(req.params.name);
    res.json({ account: await resetPassword(deps, name, password(body(req).password, name), actor(res)) });
  });

  router.post('/:name/disable', async (req, res) => {
    const name = nameOf(req.params.name);
    res.json({ account: await disableAccount(deps, name, actor(res), new Date().toISOString()) });
  });

  router.post('/:name/enable', async (req, res) => {
    const name = nameOf(req.params.name);
    res.json({ account: await enableAccount(deps, name, password(body(req).password, name), actor(res)) });
  });
  return router;
}
