// The change feed announces who wrote each change; the conflicts the resolver settled in a batch
// are announced with the body it wrote (the winner they have now) without reading them back,
// and the other changes of the batch are read as before.
import { expect } from 'chai';
import type Nano from 'nano';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/index.js';
import { createSettledLeaves } from '../../../central/conflicts/settled-leaves.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { countAndAnnounce, settleConflicts, type BatchNotes, type FeedJobDeps } from '../../../central/feed/feed-jobs.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { conflictsOf, makeConflict } from '../../helpers/conflicts.js';

const at = (minute: number, node: string) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

describe('announcing settled conflicts (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;

  before(async function () {
    couch = await startTestCouch();
  });
  after(async function () {
    await couch?.stop();
  });

  it('announces a settled conflict with the winner it wrote, reading only the batch\'s other documents', async function () {
    const id = 'customer:00000000-0000-4000-8000-00000000a001';
    const other = 'customer:00000000-0000-4000-8000-00000000a002';
    const base = { _id: id, type: 'customer', name: 'Ana', updatedAt: at(0, 'central'), updatedBy: 'central' };
    await couch.nano.use('customers').insert(base as never);
    await couch.nano.use('customers').insert({ ...base, _id: other, name: 'Beto', updatedBy: 'cashier-s2', updatedAt: at(3, 's2.pos1') } as never);
    const revs = await makeConflict(couch.nano, 'customers', id, [{ ...base, name: 'Ana M.', updatedAt: at(1, 's1.pos1'), updatedBy: 'cashier-s1' },
      { ...base, name: 'Anita', updatedAt: at(2, 's2.pos1'), updatedBy: 'cashier-s2' }]);

    // Every key central reads back from customers' _all_docs, by the nano client it is given.
    const readBack: string[] = [];
    const nano = new Proxy(couch.nano, { get: (target, prop) => prop !== 'use' ? Reflect.get(target, prop) : (name: string) => {
      const scope = target.use(name);
      return new Proxy(scope, { get: (s, p) => p !== 'fetch' || name !== 'customers' ? Reflect.get(s, p) : async (body: { keys: string[] }, ...rest: unknown[]) => {
        readBack.push(...body.keys);
        return (s.fetch as (...a: unknown[]) => unknown)(body, ...rest);
      } });
    } }) as Nano.ServerScope;
    const policies = createPolicyStore(couch.nano);
    const bus = createEventBus();
    const central: CentralDeps = { nano, clock: createCentralClock(), bus, audit: testAudit(couch.nano), log: pino({ level: 'silent' }), policy: () => policies.get() };
    const deps = { central, settled: createSettledLeaves(), arrivals: new Map() } as unknown as FeedJobDeps;
    const announced: Array<Record<string, unknown>> = [];
    bus.subscribe((e) => { if (e.type === 'change') announced.push(e.data); });

    const changes = [{ id, changes: revs.map((rev) => ({ rev })) }, { id: other, changes: [{ rev: '1-x' }] }];
    const notes: BatchNotes = { written: new Set() };
    await settleConflicts(deps, 'customers', changes, notes);
    await countAndAnnounce(deps, 'customers', changes, notes);

    expect(await conflictsOf(couch.nano, 'customers', id), 'settled').to.deep.equal([]);
    const now = (await couch.nano.use('customers').get(id)) as unknown as { updatedBy: string; updatedAt: string };
    expect(announced.map((c) => [c.docId, c.who, c.when])).to.deep.equal([[id, now.updatedBy, now.updatedAt], [other, 'cashier-s2', at(3, 's2.pos1')]]);
    expect(readBack, 'the settled document is not read back').to.deep.equal([other]);
  });
});
