// /api/config/pos and /api/config/sync: read and replace one published setting (settings:pos,
// settings:sync) that tills pull with the catalog. Admin-only (mounted behind requireAdmin); a
// refused value is a 400 naming the field and leaves the stored one as it was; every change
// is audited with what it replaced.
import express from 'express';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EditableKey, SettingsStore } from '../settings/index.js';
import type { AdminLocals } from './require-admin.js';
import { asyncRoute } from './async-route.js';

export interface SettingsRoutesDeps { settings: SettingsStore; audit: AuditWriter }

export function settingsRoutes(key: EditableKey, deps: SettingsRoutesDeps): express.Router {
  const router = express.Router();
  router.get('/', asyncRoute(async (_req, res) => {
    res.json(await deps.settings.get(key));
  }));
  router.put('/', asyncRoute(async (req, res) => {
    const actor = (res.locals as AdminLocals).actor;
    const body = req.body as { value?: unknown } | undefined;
    const value = body !== null && typeof body === 'object' ? body.value : undefined;
    const { before, after } = await deps.settings.put(key, value, actor);
    await deps.audit.append({ actor, action: 'settings.changed', target: `settings:${key}`, details: { before: before ?? null, after } });
    res.json({ value: after });
  }));
  return router;
}
