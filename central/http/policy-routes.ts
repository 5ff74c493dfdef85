// /api/config/conflict-policy: read and replace the resolver's policy (audited with what it
// replaced), and preview what a proposed policy would do to the conflicts now waiting. An
// invalid policy gets 400 naming the field, and the stored one stays as it was.
import express from 'express';
import type Nano from 'nano';
import type { PolicyStore } from '../conflicts/policy-store.js';
import type { AuditWriter } from '../audit/append-audit.js';
import type { AdminLocals } from './require-admin.js';
import { asyncRoute } from './async-route.js';
import { parsePreviewRequest } from './preview-request.js';
import { previewPending } from '../settings/index.js';

export interface PolicyRoutesDeps { policies: PolicyStore; audit: AuditWriter; nano: Nano.ServerScope }

export function policyRoutes(deps: PolicyRoutesDeps): express.Router {
  const router = express.Router();
  router.get('/', (_req, res, next) => {
    deps.policies.get().then((policy) => res.json({ policy }), next);
  });
  router.put('/', asyncRoute(async (req, res) => {
    const actor = (res.locals as AdminLocals).actor;
    const body = req.body as { policy?: unknown } | undefined;
    const policy = body && typeof body === 'object' && 'policy' in body ? body.policy : body;
    const before = await deps.policies.get();
    const saved = await deps.policies.put(policy, actor);
    await deps.audit.append({ actor, action: 'settings.changed', target: 'settings:conflict-policy', details: { before, after: saved, policy: saved } });
    res.json({ policy: saved });
  }));
  // POST, not GET: the proposed policy is a body. Reads only; nothing is written or audited.
  router.post('/preview', asyncRoute(async (req, res) => {
    const { policy, limit, cursor } = parsePreviewRequest(req.body, (res.locals as AdminLocals).actor);
    res.json(await previewPending(deps.nano, policy, limit, cursor));
  }));
  return router;
}
