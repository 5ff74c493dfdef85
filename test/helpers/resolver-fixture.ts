// What the resolver's integration tests share: the resolver's dependencies on a test server
// (a record lease of 0, so a record found again is taken over at once), a customer with a
// two-way conflict (two stores renamed it), and the audit entries that name a document.
import { pino } from 'pino';
import type Nano from 'nano';
import { createCentralClock } from '../../central/central-clock.js';
import { createEventBus } from '../../central/events/event-bus.js';
import { createPolicyStore } from '../../central/conflicts/index.js';
import type { CentralDeps } from '../../central/central-deps.js';
import { testAudit } from './test-audit.js';
import { makeConflict } from './conflicts.js';

const at = (minute: number, node: string) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;
/** One counter for every test file of a run: they may share one server (COUCHDB_URL). */
let made = 0;

export function resolverDeps(nano: Nano.ServerScope): CentralDeps {
  const policies = createPolicyStore(nano);
  return { nano, clock: createCentralClock(), bus: createEventBus(), audit: testAudit(nano), log: pino({ level: 'silent' }),
    policy: () => policies.get(), recordLeaseMs: 0 };
}

/** A new customer at central with two sibling revisions (names from two stores); its id and the siblings' revs. */
export async function customerConflict(nano: Nano.ServerScope): Promise<{ id: string; revs: string[] }> {
  const id = `customer:00000000-0000-4000-8000-${String(++made).padStart(12, '0')}`;
  const base = { _id: id, type: 'customer', name: 'Ana', updatedAt: at(0, 'central'), updatedBy: 'central' };
  await nano.use('customers').insert(base as never);
  const revs = await makeConflict(nano, 'customers', id, [{ ...base, name: 'Ana M.', updatedAt: at(1, 's1.pos1') }, { ...base, name: 'Anita', updatedAt: at(2, 's2.pos1') }]);
  return { id, revs };
}

/** The audit entries whose details name `docId`, in chain order. */
export async function entriesNaming(nano: Nano.ServerScope, docId: string): Promise<Array<{ seq: number; action: string; details: any }>> {
  const res = await nano.use('audit').list({ startkey: 'audit:', endkey: 'audit;', include_docs: true });
  return res.rows.map((r) => r.doc as any).filter((e) => JSON.stringify(e.details ?? {}).includes(docId));
}
