// /api/config/conflict-policy: read and replace the resolver's policy. An invalid policy gets
// 400 naming the problem, and the stored one stays as it was.
import express from 'express';
import type { PolicyStore } from '../conflicts/policy-store.js';
import type { AuditWriter } from '../audit/append-audit.js';
import type { AdminLocals } from './require-admin.js';

export interface PolicyRoutesDeps { policies: PolicyStore; audit: AuditWriter }

export function policyRoutes(deps: PolicyRoutesDeps): express.Router {
  const router = express.Router();
  router.get('/', (_req, res, next) => {
    deps.policies.get().then((policy) => res.json({ policy }), next);
  });
  router.put('/', (req, res, next) => {
    const actor = (res.locals as AdminLocals).actor;
    const body = req.body as { policy?: unknown } | undefined;
    const policy = body && typeof body === 'object' && 'policy' in body ? body.policy : body;
    deps.policies.put(policy, actor)
      .then(async (saved) => {
        await deps.audit.append({ actor, action: 'settings.changed', target: 'settings:conflict-policy', details: { policy: saved } });
        res.json({ policy: saved });
      })
      .catch(next);
  });
  return router;
}
