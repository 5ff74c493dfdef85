// An audit writer for tests and benchmarks that run a resolver without a whole central: its
// own clock and a fixed test key (TEST_AUDIT_KEY), so chains they write can be verified.
import type Nano from 'nano';
import { createAuditWriter, type ChainAuditWriter } from '../../central/audit/append-audit.js';
import { createCentralClock } from '../../central/central-clock.js';

export const TEST_AUDIT_KEY = Buffer.alloc(32, 7);

export function testAudit(nano: Nano.ServerScope): ChainAuditWriter {
  return createAuditWriter(nano, createCentralClock().next, TEST_AUDIT_KEY);
}
