import { expect } from 'chai';
import { errorKinds, progressLine, summaryText, tillsNotReadyText, type SimulationSummary } from '../../../../central/simulate/progress.js';

const tally = { sales: 0, returns: 0, edits: 0, pending: 0, offline: 0, tills: 500, errors: 0 };

describe('simulate progress line and summary', () => {
  it('counts the tills started while they start, and says nothing of it once all are', () => {
    expect(progressLine('starting', { ...tally, opened: 120 }, 61_000)).to.match(/^simulate starting: tills started 120\/500 · sales 0 · .* 1:01$/);
    expect(progressLine('selling', { ...tally, opened: 500, sales: 3 }, 5_000, 60_000)).to.equal('simulate selling: sales 3 · returns 0 · edits 0 · pending 0 · offline 0/500 · errors 0 · 0:05 / 1:00');
  });

  it('gives the time to start every till apart from the time to have every one online', () => {
    const summary = { ok: true, exitCode: 0, seed: 1, replay: 'r', url: 'u', stores: ['a'], tills: 1, minutes: 1, offlineRate: 0.2, sales: 1, returns: 0, edits: 0, offlineWindows: 0, errors: 0, firstErrors: [], errorKinds: [], openSeconds: 12, startSeconds: 30, sellSeconds: 60, convergenceSeconds: 4, violations: [] } satisfies SimulationSummary;
    expect(summaryText(summary)).to.contain('tills started in 12 s, all online 30 s, selling 60 s, convergence 4 s; errors 0');
  });

  it('says how many tills are ready and what the others are doing when the run gives up waiting', () => {
    const tills = [
      { state: 'online', pending: 0 }, { state: 'online', pending: 0 }, { state: 'online', pending: 3 },
      { state: 'connecting', pending: 0 }, { state: 'error', pending: 1 }, { state: 'connecting', pending: 0 },
    ];
    expect(tillsNotReadyText(tills)).to.equal('2 of 6 online with nothing pending; 2 connecting, 1 error, 1 online with pending');
    expect(tillsNotReadyText(tills.slice(0, 2))).to.equal('2 of 2 online with nothing pending');
  });

  it('counts every error by kind, without the till or the port, so a summary of 104 errors says what all of them were', () => {
    // Lines as a 500-store run printed them (docs/OPERATIONS.md, "Scale on one machine").
    const errors = [
      'l222.sim-mx8rq572-1: error COUCH_ERROR There was a problem getting docs.',
      'l97.sim-mx8rq572-1 edit: central is unreachable at http://127.0.0.1:45939 (fetch failed); is it running? (--url)',
      'l292.sim-mx8rq572-1: error COUCH_ERROR There was a problem getting docs.',
      'l433.sim-mx8rq572-1 edit: central is unreachable at http://127.0.0.1:41001 (fetch failed); is it running? (--url)',
      'l487.sim-mx8rq572-1: error COUCH_ERROR There was a problem getting docs.',
      'unhandled rejection: boom',
    ];
    const kinds = errorKinds(errors);
    expect(kinds).to.deep.equal([
      { kind: 'error COUCH_ERROR There was a problem getting docs.', count: 3 },
      { kind: 'edit: central is unreachable at … (fetch failed); is it running? (--url)', count: 2 },
      { kind: 'unhandled rejection: boom', count: 1 },
    ]);
    const summary = { ok: true, exitCode: 0, seed: 1, replay: 'r', url: 'u', stores: ['a'], tills: 1, minutes: 1, offlineRate: 0.2, sales: 1, returns: 0, edits: 0, offlineWindows: 0, errors: errors.length, firstErrors: errors.slice(0, 1), errorKinds: kinds, openSeconds: 1, startSeconds: 1, sellSeconds: 1, convergenceSeconds: 1, violations: [] } satisfies SimulationSummary;
    expect(summaryText(summary)).to.contain('errors 6\n    3 × error COUCH_ERROR There was a problem getting docs.\n    2 × edit: central is unreachable');
  });
});
