// Which counters each bus event moves.
import { expect } from 'chai';
import { countsOf } from '../../../../central/metrics/event-counts.js';

describe('central/metrics/event-counts', function () {
  it('counts conflicts by outcome, refused documents one by one, quarantines and tampering', function () {
    const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
      ['conflict.detected', {}, [{ counter: 'conflicts', labels: { outcome: 'detected' }, by: 1 }]],
      ['conflict.resolved', {}, [{ counter: 'conflicts', labels: { outcome: 'resolved' }, by: 1 }]],
      ['conflict.queued', {}, [{ counter: 'conflicts', labels: { outcome: 'queued' }, by: 1 }]],
      ['upload.refused', { refusals: [{}, {}, {}] }, [{ counter: 'refusals', labels: { change: 'refused' }, by: 3 }]],
      ['refusal.dismissed', {}, [{ counter: 'refusals', labels: { change: 'dismissed' }, by: 1 }]],
      ['sale.quarantined', {}, [{ counter: 'quarantines', labels: { change: 'quarantined' }, by: 1 }]],
      ['sale.quarantine-lifted', {}, [{ counter: 'quarantines', labels: { change: 'lifted' }, by: 1 }]],
      ['tamper.detected', {}, [{ counter: 'tamper', labels: { kind: 'tamper' }, by: 1 }]],
      ['change', {}, []], ['store.status', {}, []],
    ];
    for (const [type, data, counts] of cases) expect(countsOf({ type: type as never, data }), type).to.deep.equal(counts);
  });
});
