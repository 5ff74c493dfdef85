// What the resolver's I/O functions share: the CouchDB client, central's clock, the event bus,
// a logger and the current policy.
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
