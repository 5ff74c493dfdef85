// /api/audit: the audit trail, newest first, and /api/audit/verify, which walks the whole hash
// chain a page at a time, checks it against central's record of its head, and names the first
// broken link.
import express from 'express';
import { couchError } from '../couch/errors.js';
import { verifyAuditTrail } from '../audit/verify-trail.js';
import type Nano from 'nano';

export interface AuditRoutesDeps {
  nano: Nano.ServerScope;
  /** Central's audit key, to verify the chain. */
  auditKey: Buffer;
}

export function auditRoutes(deps: AuditRoutesDeps): express.Router {
  const router = express.Router();
  router.get('/', (req, res, next) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 100) || 100));
    const before = typeof req.query.before === 'string' && /^audit:[0-9]{1,16}$/.test(req.query.before) ? req.query.before : 'audit;';
    deps.nano.use('audit').list({ startkey: before, endkey: 'audit:', descending: true, inclusive_end: true, skip: before === 'audit;' ? 0 : 1, limit, include_docs: true })
      .then((r) => res.json({ entries: r.rows.map((row) => row.doc) }), (err: unknown) => next(couchError(err, 'listing the audit trail')));
  });
  router.get('/verify', (_req, res, next) => {
    verifyAuditTrail(deps.nano, deps.auditKey).then((report) => res.json(report), next);
  });
  return router;
}
