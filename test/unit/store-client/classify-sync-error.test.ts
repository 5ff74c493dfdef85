import { expect } from 'chai';
import { classifySyncError } from '../../../store-client/classify-sync-error.js';

describe('store-client/classify-sync-error', () => {
  const cases: [string, unknown, string][] = [
    ["Chromium's Failed to fetch", new TypeError('Failed to fetch'), 'offline'],
    ['fetch failed with ECONNREFUSED', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }), 'offline'],
    ['a socket reset', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'offline'],
    ['an aborted request', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'offline'],
    ['503 from a proxy', { status: 503, name: 'unknown', message: 'Service Unavailable' }, 'offline'],
    ['401 on the database', { status: 401, name: 'unauthorized', reason: 'Name or password is incorrect.' }, 'denied'],
    ['403 on the database', { status: 403, name: 'forbidden', reason: 'You are not allowed to access this db.' }, 'denied'],
    ['500 from CouchDB', { status: 500, name: 'unknown_error', reason: 'function_clause' }, 'error'],
    ['a body cut off mid-answer (truncated JSON)', new SyntaxError('Unexpected end of JSON input'), 'offline'],
    ['JSON that is broken, not cut off', new SyntaxError('Unexpected token < in JSON at position 0'), 'error'],
    ['anything else', new Error('boom'), 'error'],
  ];
  for (const [what, err, state] of cases) {
    it(`classifies ${what} as ${state}`, () => {
      expect(classifySyncError(err).state).to.equal(state);
    });
  }

  it('reports CouchDB’s reason as the message', () => {
    expect(classifySyncError({ status: 401, name: 'unauthorized', reason: 'Name or password is incorrect.' })).to.deep.equal({
      state: 'denied', code: 'SYNC_DENIED', message: 'Name or password is incorrect.',
    });
  });
});
