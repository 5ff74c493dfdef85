// Central's Prometheus metrics (prom-client), one registry per process: HTTP requests, the change
// follower's lag per database, conflicts, refused uploads, quarantines, tampering, audit writes,
// connected SSE clients, and prom-client's default process metrics (CPU, memory, event loop, GC).
// Counters count what this process did; gauges read from CouchDB (lag, conflicts waiting) hold for
// the whole chain and are read at scrape time, a few seconds' cache shared with /api/health.
// https://prometheus.io/docs/instrumenting/writing_exporters/
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type Nano from 'nano';
import type { Logger } from 'pino';
import type { EventBus } from '../events/event-bus.js';
import type { DbLag, FeedLagReader } from '../feed/index.js';
import { createQueueTotals } from '../conflicts/queue-totals.js';
import { conflictRange } from '../http/conflict-query.js';
import { countsOf, type EventCounter } from './event-counts.js';
import { poolLoad, type ProxyPools } from '../couch/couch-pool.js';
import type { HttpInstruments } from './http-metrics.js';

export interface Metrics {
  registry: Registry;
  http: HttpInstruments;
  /** Console clients connected to GET /api/events. */
  sseClients: Pick<Gauge, 'inc' | 'dec'>;
  auditWrites: Counter<'result'>;
}

export interface MetricsDeps {
  nano: Nano.ServerScope;
  bus: EventBus;
  log: Logger;
  feedLag: FeedLagReader;
  /** The databases this process's follower follows now; undefined before it starts. */
  following(): readonly string[] | undefined;
  /** The /db proxy's pools to CouchDB, whose load is read at each scrape. */
  proxyPools: ProxyPools;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const http: HttpInstruments = {
    requests: new Counter({ name: 'pronto_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status (499: the client left first).', labelNames: ['method', 'route', 'status'], registers }),
    duration: new Histogram({ name: 'pronto_http_request_duration_seconds', help: 'Time to answer an HTTP request (server-sent event streams are not timed).', labelNames: ['method', 'route', 'status'], buckets: DURATION_BUCKETS, registers }),
  };
  const sseClients = new Gauge({ name: 'pronto_sse_clients', help: 'Console clients connected to /api/events.', registers });
  const auditWrites = new Counter({ name: 'pronto_audit_writes_total', help: 'Audit entries this process appended (result="failed": the append threw).', labelNames: ['result'], registers });
  const readErrors = new Counter({ name: 'pronto_metrics_read_errors_total', help: 'Scrapes where a gauge read from CouchDB failed (the gauge is then left out).', labelNames: ['gauge'], registers });
  countBusEvents(deps.bus, registers);
  feedGauges(deps, registers, readErrors);
  const totals = createQueueTotals(deps.nano);
  const waiting = conflictRange({ status: 'pending', store: '*', facet: 'all', value: '', limit: 1 });
  new Gauge({
    name: 'pronto_conflicts_waiting', help: 'Conflicts queued for an admin to resolve (the whole chain).', registers,
    async collect() {
      this.reset();
      await guarded(deps.log, readErrors, 'pronto_conflicts_waiting', async () => this.set(await totals.count(waiting)));
    },
  });
  proxyPoolGauges(deps.proxyPools, registers);
  return { registry, http, sseClients, auditWrites };
}

/** The tills' requests waiting in central for a socket to CouchDB, and the sockets: what a queue
 * past the cap looks like from outside (docs/OPERATIONS.md, "Scale on one machine"). */
function proxyPoolGauges(pools: ProxyPools, registers: Registry[]): void {
  const named = [['short', pools.short], ['longpoll', pools.longPoll]] as const;
  new Gauge({
    name: 'pronto_couch_proxy_sockets', help: 'Sockets from the /db proxy to CouchDB, by pool (short: capped; longpoll: live _changes) and state (busy with a request, or kept idle).', labelNames: ['pool', 'state'], registers,
    collect() {
      for (const [pool, agent] of named) {
        const load = poolLoad(agent);
        this.set({ pool, state: 'busy' }, load.busy);
        this.set({ pool, state: 'idle' }, load.idle);
      }
    },
  });
  new Gauge({
    name: 'pronto_couch_proxy_queued_requests', help: 'Tills\' requests waiting in central for a socket to CouchDB (the short pool is capped at COUCH_SOCKETS).', labelNames: ['pool'], registers,
    collect() {
      for (const [pool, agent] of named) this.set({ pool }, poolLoad(agent).queued);
    },
  });
}

function countBusEvents(bus: EventBus, registers: Registry[]): void {
  const counters: Record<EventCounter, Counter> = {
    conflicts: new Counter({ name: 'pronto_conflicts_total', help: 'Conflicts this process detected, resolved and queued for an admin.', labelNames: ['outcome'], registers }),
    refusals: new Counter({ name: 'pronto_refusals_total', help: 'Uploaded documents CouchDB refused (change="refused"), and refusals admins dismissed or accepted.', labelNames: ['change'], registers }),
    quarantines: new Counter({ name: 'pronto_quarantines_total', help: 'Sales, returns and moves quarantined (unsigned, forged or breaking a rule), and quarantines lifted.', labelNames: ['change'], registers }),
    tamper: new Counter({ name: 'pronto_tamper_total', help: 'Forged second revisions of immutable documents, and sales voided twice.', labelNames: ['kind'], registers }),
  };
  bus.subscribe((event) => {
    for (const { counter, labels, by } of countsOf(event)) counters[counter].inc(labels, by);
  });
}

function feedGauges(deps: MetricsDeps, registers: Registry[], readErrors: Counter<'gauge'>): void {
  const perDb = (name: string, help: string, value: (lag: DbLag) => number | null) => new Gauge({
    name, help, labelNames: ['db'], registers,
    async collect() {
      this.reset();
      await guarded(deps.log, readErrors, name, async () => {
        for (const d of (await deps.feedLag.read()).databases) {
          const v = value(d);
          if (v !== null) this.set({ db: d.db }, v);
        }
      });
    },
  });
  perDb('pronto_feed_lag_changes', 'Changes in a database the change follower has not processed yet (update_seq minus its checkpoint).', (d) => d.lag);
  perDb('pronto_feed_lag_seconds', 'How long the change follower has been behind a database (0: caught up), to the interval between reads.', (d) => d.secondsBehind);
  perDb('pronto_feed_pending_changes', 'Changes the follower keeps for another attempt (a failed batch, or a conflict another central holds).', (d) => d.pending);
  new Gauge({
    name: 'pronto_feed_following', help: 'Whether this process follows the database now (1) or not (0: stopped, not yet discovered).', labelNames: ['db'], registers,
    async collect() {
      this.reset();
      const following = new Set(deps.following() ?? []);
      await guarded(deps.log, readErrors, 'pronto_feed_following', async () => {
        for (const d of (await deps.feedLag.read()).databases) this.set({ db: d.db }, following.has(d.db) ? 1 : 0);
      });
    },
  });
}

/** A gauge read from CouchDB that fails is left out of this scrape, logged and counted; the rest of the scrape still answers. */
async function guarded(log: Logger, errors: Counter<'gauge'>, gauge: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (err) {
    errors.inc({ gauge });
    log.warn({ gauge, err: (err as Error).message }, 'metrics: could not read a gauge from CouchDB');
  }
}
