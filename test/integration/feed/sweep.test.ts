// The follower settles a backlog from the feed first and sweeps the conflicts view only once it
// has caught up: a conflict the feed will not bring again (before the checkpoint) is still
// settled, and a sweep row is not taken for an arrival (not counted, not announced). A customer
// the resolver has just rewritten is checked for duplicates on its new revision, when the feed
// brings it back, not twice.
import { expect } from 'chai';
import type Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus, type ProntoEvent } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/index.js';
import { startFeed, type Feed } from '../../../central/feed/index.js';
import { loadCheckpoint, saveCheckpoint } from '../../../central/feed/checkpoint.js';
import { seqNumber } from '../../../central/feed/check-since.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { conflictsOf, makeConflict } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

const at = (minute: number, node: string) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

describe('conflicts sweep and batch notes (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let feed: Feed | undefined;
  const events: ProntoEvent[] = [];

  before(async () => { couch = await startTestCouch(); });
  afterEach(async () => { await feed?.stop(); feed = undefined; });
  after(async () => { await couch?.stop(); });

  const start = async (nano: Nano.ServerScope = couch.nano) => {
    const bus = createEventBus();
    bus.subscribe((e) => events.push(e));
    feed = await startFeed({ nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus, log: pino({ level: 'silent' }),
      policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000 });
  };
  // Every field stamped, so a field one store did not touch keeps its value in the merge.
  const stamps = { name: at(0, 'central'), phone: at(0, 'central'), points: at(0, 'central') };
  const customer = (uuid: string, extra: Record<string, unknown> = {}) => ({ _id: `customer:${uuid}`, type: 'customer', name: 'Ana', points: 0,
    updatedAt: at(0, 'central'), updatedBy: 'central', stamps, ...extra });

  it('settles a conflict behind its checkpoint once caught up, and neither counts nor announces it as an arrival', async function () {
    const base = customer('00000000-0000-4000-8000-000000000001');
    await couch.nano.use('customers').insert(base as never);
    const revs = await makeConflict(couch.nano, 'customers', base._id, [
      { ...base, name: 'Ana M.', updatedAt: at(1, 's1.pos1'), stamps: { ...stamps, name: at(1, 's1.pos1') } },
      { ...base, points: 30, updatedAt: at(2, 's2.pos1'), stamps: { ...stamps, points: at(2, 's2.pos1') } },
    ]);
    // The feed will not bring it again: only the sweep can find it.
    await saveCheckpoint(couch.nano, 'customers', String((await couch.nano.db.get('customers')).update_seq));
    await start();
    await waitFor(async () => (await conflictsOf(couch.nano, 'customers', base._id)).length === 0, { what: 'the conflict behind the checkpoint to be settled' });
    expect(await couch.nano.use('customers').get(base._id)).to.include({ name: 'Ana M.', points: 30 });
    // The resolution is a change the feed announces; wait for it, so the sweep's batch has run all its jobs.
    await waitFor(() => events.some((e) => e.type === 'change' && e.data.docId === base._id && !revs.includes(e.data.rev as string)), { what: 'the resolution to be announced' });
    const announced = events.filter((e) => e.type === 'change' && e.data.docId === base._id);
    expect(announced.filter((e) => revs.includes(e.data.rev as string)), 'only the resolution is a change').to.deep.equal([]);
  });

  it('reads a conflict\'s leaves once: its resolution coming back through the feed is known by its leaves', async function () {
    const base = customer('00000000-0000-4000-8000-000000000020');
    await couch.nano.use('customers').insert(base as never);
    // The feed is past the base, so its one batch with this document is the conflict.
    await start();
    const seq = (await couch.nano.db.get('customers')).update_seq;
    await waitFor(async () => { const { check } = await loadCheckpoint(couch.nano, 'customers'); return check.ok && (seqNumber(check.since) ?? -1) >= (seqNumber(seq) ?? 0); }, { what: 'the feed to pass the base' });
    await feed!.stop();
    const reads: string[] = [];
    const counting = new Proxy(couch.nano, { get: (target, prop) => prop !== 'request' ? Reflect.get(target, prop) : (opts: { path?: string; body?: { docs?: Array<{ id: string }> } }) => {
      if (opts.path === '_bulk_get') reads.push(...(opts.body?.docs ?? []).map((d) => d.id));
      return target.request(opts as never);
    } }) as Nano.ServerScope;
    await makeConflict(couch.nano, 'customers', base._id, [
      { ...base, name: 'Ana M.', updatedAt: at(1, 's1.pos1'), stamps: { ...stamps, name: at(1, 's1.pos1') } },
      { ...base, points: 30, updatedAt: at(2, 's2.pos1'), stamps: { ...stamps, points: at(2, 's2.pos1') } },
    ]);
    await start(counting);
    await waitFor(async () => (await conflictsOf(couch.nano, 'customers', base._id)).length === 0, { what: 'the conflict to be settled' });
    // Announcing is the last job of a batch: once the resolution is announced, its batch is done.
    // (the resolution and the tombstone are generation 3, the siblings 2, the base 1).
    await waitFor(() => events.some((e) => e.type === 'change' && e.data.docId === base._id && String(e.data.rev).startsWith('3-')), { what: 'the resolution to be announced' });
    expect(new Set(reads.filter((id) => id === base._id)).size, 'the conflict was read').to.equal(1);
    expect(reads.filter((id) => id === base._id), 'its two leaves, once').to.have.length(2);
  });

  it('finds the duplicate a settled customer has become, on its new revision', async function () {
    const phone = 'phoneKey0123456789abcdef';
    const older = customer('00000000-0000-4000-8000-000000000010', { createdAt: at(0, 's1.pos1'), phone: 'v1.encrypted-phone', blindIndex: { phone } });
    const other = customer('00000000-0000-4000-8000-000000000011', { createdAt: at(5, 's2.pos1') });
    // The older customer is followed past first, so only the settled one's changes can find the pair.
    await couch.nano.use('customers').insert(older as never);
    const seq = (await couch.nano.db.get('customers')).update_seq;
    await start();
    await waitFor(async () => { const { check } = await loadCheckpoint(couch.nano, 'customers'); return check.ok && (seqNumber(check.since) ?? -1) >= (seqNumber(seq) ?? 0); }, { what: 'the feed to pass the older customer' });
    await feed!.stop();
    await couch.nano.use('customers').insert(other as never);
    // One store gave the other customer the same phone, another changed its points: the merge has the phone.
    await makeConflict(couch.nano, 'customers', other._id, [
      { ...other, phone: 'v1.encrypted-phone', blindIndex: { phone }, updatedAt: at(6, 's1.pos1'), stamps: { ...stamps, phone: at(6, 's1.pos1') } },
      { ...other, points: 12, updatedAt: at(7, 's2.pos1'), stamps: { ...stamps, points: at(7, 's2.pos1') } },
    ]);
    // Started after the conflict is whole, so no batch sees one sibling alone.
    await start();
    await waitFor(async () => ((await couch.nano.use('customers').get(other._id)) as unknown as Record<string, unknown>).mergedInto === older._id,
      { what: 'the settled customer to be merged into the older one' });
    expect(await conflictsOf(couch.nano, 'customers', other._id)).to.deep.equal([]);
  });
});
