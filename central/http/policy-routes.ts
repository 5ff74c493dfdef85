// /api/config/conflict-policy: read and replace the resolver's policy. An invalid policy gets
// 400 naming the problem, and the stored one stays as it was.
import express from 'express';
import type { CentralState } from '../state.js';
import type { AdminLocals } from './require-admin.js';

export function policyRoutes(state: CentralState): express.Router {
  const router = express.Router();
  router.get('/', (_req, res, next) => {
    state.policies.get().then((policy) => res.json({ policy }), next);
  });
  router.put('/', (req, res, next) => {
    const actor = (res.locals as AdminLocals).actor;
    const body = req.body as { policy?: unknown } | undefined;
    const policy = body && typeof body === 'object' && 'policy' in body ? body.policy : body;
    state.policies.put(policy, actor)
      .then(async (saved) => {
        await state.deps.audit.append({ actor, action: 'settings.changed', target: 'settings:conflict-policy', details: { policy: saved } });
        res.json({ policy: saved });
      })
      .catch(next);
  });
  return router;
}
