// GET /api/health: is CouchDB reachable (and which version), and has setup completed?
import type { Request, Response } from 'express';
import type { CentralState } from '../state.js';

/** Read at each request: setup fills these in after the app is built. */
export type HealthDeps = Pick<CentralState, 'couch' | 'setupDoneAt' | 'stores'>;

export function health(state: HealthDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    let couch: { reachable: boolean; version?: string; vendor?: string; error?: string };
    try {
      const r = await fetch(`${state.couch.url}/`, { signal: AbortSignal.timeout(5_000) });
      const body = (await r.json()) as { version?: string; vendor?: { name?: string } };
      couch = { reachable: r.ok, version: body.version, vendor: body.vendor?.name };
    } catch (err) {
      couch = { reachable: false, error: (err as Error).message };
    }
    const ok = couch.reachable && state.setupDoneAt !== null;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unhealthy',
      couchdb: { ...couch, embedded: state.couch.embedded !== undefined, restarts: state.couch.embedded?.restarts() ?? 0 },
      setup: { done: state.setupDoneAt !== null, at: state.setupDoneAt, stores: state.stores },
    });
  };
}
