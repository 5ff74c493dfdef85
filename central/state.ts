// What central's HTTP handlers need to know about the running process.
import type { CouchConnection } from './couch/connect.js';
import type { CentralClock } from './central-clock.js';
import type { EventBus } from './events/event-bus.js';
import type { PolicyStore } from './conflicts/policy-store.js';
import type { CentralDeps } from './central-deps.js';
import type { AuthSettings } from './http/auth/auth-settings.js';
import type { CentralCustomerKeys } from './keys/index.js';
import type { WriteLedger } from './http/couch-proxy/write-ledger.js';
import type { Feed, FeedLagReader } from './feed/index.js';
import type { Metrics } from './metrics/index.js';
import type { ProxyPools } from './couch/couch-pool.js';

export interface CentralState {
  couch: CouchConnection;
  /** ISO time when setup last completed; null until then. */
  setupDoneAt: string | null;
  stores: string[];
  clock: CentralClock;
  bus: EventBus;
  policies: PolicyStore;
  /** The dependency bag of central's I/O functions (CouchDB, clock, bus, audit, registries). */
  deps: CentralDeps;
  /** Central's audit key (HMAC of every audit entry's hash), to verify the chain. */
  auditKey: Buffer;
  /** Login, session and token settings (central/http/auth). */
  auth: AuthSettings;
  // --- Customer keys (central/keys) ---
  /** The customers' data and index keys: seeding encrypts with them, GET /api/keys/customers hands them out. */
  customerKeys: CentralCustomerKeys;
  /** Who sent which sale, move and return revisions through /db (tamper reports name them). */
  writeLedger: WriteLedger;
  /** Largest request body /db accepts, bytes. */
  dbMaxBodyBytes: number;
  /** The /db proxy's connections to CouchDB (couch-pool.ts); metrics read their load. */
  proxyPools: ProxyPools;
  /** How long a till may be silent before it shows stale, ms (devices/till-liveness). */
  tillSilentAfterMs: number;
  // --- Observability (central/metrics) ---
  /** Counters and gauges served at GET /api/metrics. */
  metrics: Metrics;
  /** A bearer token that may read /api/metrics besides admins (METRICS_TOKEN); undefined: admins only. */
  metricsToken: string | undefined;
  /** The change follower's lag per database, read from CouchDB (metrics and /api/health). */
  feedLag: FeedLagReader;
  /** The change-feed dispatcher, once started (/api/health and metrics: which databases it follows). */
  feed?: Feed;
}
