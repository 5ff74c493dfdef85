import { expect } from 'chai';
import { classifySyncError } from '../../../store-client/classify-sync-error.js';
import { retryPlan } from '../../../store-client/retry-plan.js';

describe('store-client/retry-plan', () => {
  const cases: [string, unknown, ReturnType<typeof retryPlan>][] = [
    ['a 401 waits for new credentials', { status: 401, name: 'unauthorized', reason: 'Name or password is incorrect.' }, { kind: 'await-credentials' }],
    ["CouchDB's lockout (403) waits too", { status: 403, name: 'forbidden', reason: 'Account is temporarily locked due to multiple authentication failures' }, { kind: 'await-credentials' }],
    ['a 403 on the database waits too', { status: 403, name: 'forbidden', reason: 'You are not allowed to access this db.' }, { kind: 'await-credentials' }],
    ['central unreachable retries after the back-off', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), { kind: 'retry', delayMs: 4000 }],
    ["central's login throttle (429) retries", { status: 429, name: 'too_many_requests', reason: 'too many failed logins' }, { kind: 'retry', delayMs: 4000 }],
    ['a server error retries', { status: 500, name: 'internal_server_error', reason: 'boom' }, { kind: 'retry', delayMs: 4000 }],
  ];
  for (const [what, err, plan] of cases) {
    it(what, () => {
      // Third failure in a row, full jitter at its ceiling: base 1000 · 2^2.
      expect(retryPlan(classifySyncError(err), 3, { baseMs: 1000, maxMs: 60_000 }, () => 1)).to.deep.equal(plan);
    });
  }

  it('waits for credentials however many failures came before, and draws no random number', () => {
    let drawn = 0;
    for (const attempt of [1, 2, 50]) {
      expect(retryPlan({ state: 'denied' }, attempt, {}, () => (drawn++, 1))).to.deep.equal({ kind: 'await-credentials' });
    }
    expect(drawn).to.equal(0);
  });

  it('backs off from the first failure (retry number 0) within the settings', () => {
    expect(retryPlan({ state: 'offline' }, 1, { baseMs: 100, maxMs: 500 }, () => 1)).to.deep.equal({ kind: 'retry', delayMs: 100 });
    expect(retryPlan({ state: 'error' }, 10, { baseMs: 100, maxMs: 500 }, () => 1)).to.deep.equal({ kind: 'retry', delayMs: 500 });
    expect(retryPlan({ state: 'offline' }, 0, { baseMs: 100, maxMs: 500 }, () => 1)).to.deep.equal({ kind: 'retry', delayMs: 100 });
  });

  it('passes the previous delay on for decorrelated jitter', () => {
    const plan = retryPlan({ state: 'offline' }, 2, { jitter: 'decorrelated', baseMs: 1000, maxMs: 60_000, previousMs: 4000 }, () => 1);
    expect(plan).to.deep.equal({ kind: 'retry', delayMs: 12_000 });
  });
});
