// Central's observability: Prometheus metrics (prom-client) served at GET /api/metrics to admins
// and to a scraper holding METRICS_TOKEN, HTTP counts and times by route pattern, and counters fed
// by the event bus and the audit writer.
export { createMetrics, type Metrics, type MetricsDeps } from './create-metrics.js';
export { httpMetrics, type HttpInstruments } from './http-metrics.js';
export { countedAudit } from './counted-audit.js';
export { metricsToken, bearerMatches } from './metrics-access.js';
export { metricsRoute } from './metrics-route.js';
export { routeLabel, dbRouteLabel, methodLabel } from './route-label.js';
export { countsOf } from './event-counts.js';
