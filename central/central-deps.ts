// The process's dependency bag: what central's I/O functions (the change feed's jobs, the HTTP
// routes' actions) share — the CouchDB client, central's clock, the event bus, the audit writer,
// a logger, the current policy and the shared key registries. Each function takes the Pick it needs.
import type Nano from 'nano';
import type { Logger } from 'pino';
import type { ConflictPolicy } from '../validators/index.js';
import type { CentralClock } from './central-clock.js';
import type { EventBus } from './events/event-bus.js';
import type { AuditWriter } from './audit/append-audit.js';
import type { DeviceRegistry } from './devices/device-registry.js';
import type { ApproverRegistry } from './approvers/approver-registry.js';

export interface CentralDeps {
  nano: Nano.ServerScope;
  clock: CentralClock;
  bus: EventBus;
  audit: AuditWriter;
  log: Logger;
  policy(): Promise<ConflictPolicy>;
  /** Registered device keys, shared so an enrollment or revocation here takes effect at once. */
  devices?: DeviceRegistry;
  /** Managers' approval keys, shared so a registration or revocation here takes effect at once. */
  approvers?: ApproverRegistry;
  /** How long a conflict record may stay un-audited before another resolver takes it over (ms). */
  recordLeaseMs?: number;
}
