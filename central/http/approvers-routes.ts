// /api/approvers: a manager (or admin) registers their own approval key from a till — the till
// made the key and calls with the manager's own name and password (Basic, no cookies), so the
// key is registered under whoever CouchDB says the caller is, never under a name in the body —
// and admins list approvers and revoke keys (a manager who left, a lost till). Refusals of a
// known caller are audited as `auth.denied`.
import express, { type Request, type Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import { addApproverKey, approverId, mayHoldApproverKey, revokeApproverKey, type ApproverKeyDeps } from '../approvers/index.js';
import { couchError } from '../couch/errors.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';
import type { Auth } from './auth/index.js';
import { KEY_ID, textParam, USER_NAME } from './param-checks.js';

const DEVICE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function approversRoutes(deps: ApproverKeyDeps, auth: Pick<Auth, 'audit'>): express.Router {
  const router = express.Router();
  const who = (res: Response) => res.locals as AuthLocals;
  const refuse = async (req: Request, res: Response, reason: string): Promise<never> => {
    await auth.audit.denied(req, who(res).actor, reason);
    throw new ProntoError('FORBIDDEN', reason);
  };

  router.post('/keys', async (req, res) => {
    const { publicJwk, device } = (req.body ?? {}) as { publicJwk?: unknown; device?: unknown };
    if (device !== undefined && (typeof device !== 'string' || !DEVICE.test(device))) {
      throw new ProntoError('BAD_REQUEST', 'device must be a device id such as "s1.pos1"');
    }
    // A token or server admin is nobody an approval could name: only accounts in _users.
    if (who(res).via === 'token') await refuse(req, res, 'an approval key belongs to a person: send their own name and password');
    if (!mayHoldApproverKey(who(res).roles)) await refuse(req, res, 'approval keys are for store managers and admins');
    const result = await addApproverKey(deps, { name: who(res).actor, publicJwk, device }, who(res).actor);
    res.status(result.added ? 201 : 200).json(result);
  });

  router.get('/', async (req, res) => {
    if (!isAdmin(who(res).roles)) await refuse(req, res, 'this needs an admin account');
    try {
      const r = await deps.nano.use('catalog').list({ startkey: 'approver:', endkey: 'approver;', include_docs: true });
      res.json({ approvers: r.rows.map((row) => row.doc) });
    } catch (err) {
      throw couchError(err, 'listing approvers');
    }
  });

  router.post('/:name/keys/:keyId/revoke', async (req, res) => {
    if (!isAdmin(who(res).roles)) await refuse(req, res, 'this needs an admin account');
    const name = textParam(req.params.name, 'name', USER_NAME, 'an account name (no ":" or control characters)', true);
    const keyId = textParam(req.params.keyId, 'keyId', KEY_ID, 'the key id the console showed', true);
    await revokeApproverKey(deps, name, keyId, who(res).actor);
    res.json({ revoked: keyId, approver: approverId(name) });
  });
  return router;
}
