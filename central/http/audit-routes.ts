// /api/audit: the audit trail, newest first, filtered by actor, action, store and time range and
// paged by cursor (central/audit/browse-query.ts says the parameters), and /api/audit/verify,
// which walks the whole hash chain a page at a time, checks it against central's record of its
// head, and names the first broken link. Admins only (app.ts).
import express from 'express';
import type Nano from 'nano';
import { browseAudit } from '../audit/browse-audit.js';
import { parseAuditQuery } from '../audit/browse-query.js';
import { verifyAuditTrail } from '../audit/verify-trail.js';

export interface AuditRoutesDeps {
  nano: Nano.ServerScope;
  /** Central's audit key, to verify the chain. */
  auditKey: Buffer;
}

export function auditRoutes(deps: AuditRoutesDeps): express.Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const q = parseAuditQuery(req.query as Record<string, unknown>);
    const page = await browseAudit(deps.nano, q);
    res.json({ filters: q.filters, from: q.from ?? null, to: q.to ?? null, ...page });
  });
  router.get('/verify', (_req, res, next) => {
    verifyAuditTrail(deps.nano, deps.auditKey).then((report) => res.json(report), next);
  });
  return router;
}
