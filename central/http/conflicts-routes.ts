// /api/conflicts: the conflict queue and its history (conflict records in the audit database),
// one record with the document's current leaves, and manual resolution.
import express from 'express';
import { asyncRoute } from './async-route.js';
import type { Conflict } from '../../validators/index.js';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { readLeaves } from '../conflicts/read-leaves.js';
import { readConflictRecord, resolveManually, type ManualChoice } from '../conflicts/resolve-manually.js';
import type { CentralDeps } from '../central-deps.js';
import type { AdminLocals } from './require-admin.js';


export function conflictsRoutes(deps: CentralDeps): express.Router {
  const router = express.Router();
  const audit = () => deps.nano.use<Conflict>('audit');

  router.get('/', asyncRoute(async (req, res) => {
    const status = String(req.query.status ?? 'pending');
    if (status !== 'pending' && status !== 'resolved') throw new ProntoError('BAD_REQUEST', 'status must be pending or resolved', { status });
    const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 100) || 100));
    try {
      const r = await audit().view('pronto', 'conflict-records', { startkey: [status, {}], endkey: [status], descending: true, limit, include_docs: true });
      res.json({ status, conflicts: r.rows.map((row) => row.doc) });
    } catch (err) {
      throw couchError(err, 'listing conflicts');
    }
  }));

  router.get('/:id', asyncRoute(async (req, res) => {
    const record = await readConflictRecord(deps, String(req.params.id));
    const leaves = (await readLeaves(deps.nano, record.db, record.docId)).filter((l) => !l.deleted).map(({ rev, body }) => ({ rev, body }));
    res.json({ conflict: record, current: leaves });
  }));

  router.post('/:id/resolve', asyncRoute(async (req, res) => {
    const choice = (req.body ?? {}) as ManualChoice;
    const closed = await resolveManually(deps, String(req.params.id), choice, (res.locals as AdminLocals).actor);
    res.json({ conflict: closed });
  }));
  return router;
}
