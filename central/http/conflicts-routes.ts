// /api/conflicts: the conflict queue and its history (conflict records in the audit database),
// paged and filtered (conflict-query.ts) with each filter's total (queue-totals.ts), one record
// with the document's current leaves and what each strategy would make of them, manual
// resolution (a revision or a merged body), and bulk resolution with one strategy
// (resolve-bulk.ts). Reading: admins and store managers (their own store's databases);
// resolving: admins only.
import express, { type RequestHandler } from 'express';
import { asyncRoute } from './async-route.js';
import type { Conflict } from '../../validators/index.js';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { readLeaves } from '../conflicts/read-leaves.js';
import { readConflictRecord, resolveManually, type ManualChoice } from '../conflicts/resolve-manually.js';
import { differingFields, previewStrategies } from '../conflicts/preview-strategies.js';
import { isCentralStamp } from '../conflicts/is-central-stamp.js';
import type { CentralDeps } from '../central-deps.js';
import type { AdminLocals } from './require-admin.js';
import { conflictRange, encodeCursor, parseConflictQuery, type ConflictQuery } from './conflict-query.js';
import { inScope, storeOfDb, type ScopeLocals } from './store-scope.js';
import { parseBulkRequest } from './conflict-bulk-request.js';
import { resolveInBulk, type BulkOutcome } from '../conflicts/resolve-bulk.js';
import { createQueueTotals } from '../conflicts/queue-totals.js';

export interface ConflictsGuards { reader: RequestHandler[]; admin: RequestHandler[] }

export function conflictsRoutes(deps: CentralDeps, guards: ConflictsGuards): express.Router {
  const router = express.Router();
  const audit = () => deps.nano.use<Conflict>('audit');
  // Each filter's total, counted again only after a conflict record changed (queue-totals.ts).
  const totals = createQueueTotals(deps.nano);

  router.get('/', guards.reader, asyncRoute(async (req, res) => {
    const q = parseConflictQuery(req.query as Record<string, unknown>, (res.locals as ScopeLocals).scope);
    const range = conflictRange(q);
    const page = { startkey: q.cursor ?? range.startkey };
    const [rows, total] = await Promise.all([
      audit().view('pronto', 'conflict-queue', { ...page, endkey: range.endkey, descending: true, reduce: false, limit: q.limit + 1, include_docs: true })
        .catch((err: unknown) => { throw couchError(err, 'listing conflicts'); }),
      totals.count(range),
    ]);
    const next = rows.rows.length > q.limit ? rows.rows[q.limit]! : undefined;
    res.json({
      status: q.status,
      total,
      conflicts: rows.rows.slice(0, q.limit).map((row) => row.doc),
      nextCursor: next ? encodeCursor(next.key as unknown as unknown[]) : null,
    });
  }));

  router.get('/:id', guards.reader, asyncRoute(async (req, res) => {
    const record = await readConflictRecord(deps, String(req.params.id));
    if (!inScope((res.locals as ScopeLocals).scope, storeOfDb(record.db))) throw new ProntoError('FORBIDDEN', 'a manager sees only the conflicts of their own store', { id: record._id });
    const leaves = (await readLeaves(deps.nano, record.db, record.docId)).filter((l) => !l.deleted);
    const plain = leaves.map(({ rev, body }) => ({ rev, deleted: false, body }));
    res.json({
      conflict: record,
      current: plain.map(({ rev, body }) => ({ rev, body })),
      differs: differingFields(plain),
      previews: plain.length > 1 ? previewStrategies(plain, await deps.policy(), isCentralStamp) : [],
    });
  }));

  /** The first `limit` pending records of a filter (their ids end the view's keys), and how many match. */
  const idsMatching = async (query: ConflictQuery): Promise<{ ids: string[]; matching: number }> => {
    const range = conflictRange(query);
    const [rows, matching] = await Promise.all([
      audit().view('pronto', 'conflict-queue', { ...range, descending: true, reduce: false, limit: query.limit })
        .catch((err: unknown) => { throw couchError(err, 'listing conflicts for a bulk action'); }),
      totals.count(range),
    ]);
    return { ids: rows.rows.map((r) => (r.key as unknown as unknown[])[5] as string), matching };
  };

  // Many conflicts with one strategy (admins): by ids, or the first `limit` pending ones of a filter.
  router.post('/bulk', guards.admin, asyncRoute(async (req, res) => {
    const asked = parseBulkRequest(req.body);
    const actor = (res.locals as AdminLocals).actor;
    const { ids, matching } = 'ids' in asked ? { ids: asked.ids, matching: undefined } : await idsMatching(asked.query);
    const results = await resolveInBulk(deps, ids, asked.strategy, actor);
    const tally = (o: BulkOutcome['outcome']) => results.filter((r) => r.outcome === o).length;
    const summary = { strategy: asked.strategy, asked: ids.length, resolved: tally('resolved'), alreadyResolved: tally('already-resolved'), failed: tally('failed'),
      ...('query' in asked ? { filter: req.body.filter as unknown, matching } : {}) };
    await deps.audit.append({ actor, action: 'conflict.bulk-resolved', target: 'conflicts', details: summary });
    res.json({ ...summary, more: matching !== undefined && matching > ids.length, results });
  }));

  router.post('/:id/resolve', guards.admin, asyncRoute(async (req, res) => {
    const choice = (req.body ?? {}) as ManualChoice;
    const closed = await resolveManually(deps, String(req.params.id), choice, (res.locals as AdminLocals).actor);
    res.json({ conflict: closed });
  }));
  return router;
}
