// GET /api/metrics: the registry in Prometheus' text exposition format.
// https://prometheus.io/docs/instrumenting/exposition_formats/
import type { Request, Response } from 'express';
import type { Metrics } from './create-metrics.js';

export function metricsRoute(metrics: Pick<Metrics, 'registry'>) {
  return async (_req: Request, res: Response): Promise<void> => {
    const body = await metrics.registry.metrics();
    res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(body);
  };
}
