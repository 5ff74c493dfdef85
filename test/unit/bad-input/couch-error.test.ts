// couchError under bad input: CouchDB's 400 (a request built from a caller's bad input) is the
// caller's BAD_REQUEST, not an internal COUCH_ERROR that the API would answer with a 500.
import { expect } from 'chai';
import { couchError } from '../../../central/couch/errors.js';

describe('couchError', function () {
  it('turns CouchDB\'s 400 into BAD_REQUEST naming what was being done and why', function () {
    const err = couchError({ statusCode: 400, error: 'bad_request', reason: 'Encoded slashes are not accepted in paths.' }, 'reading approver /');
    expect({ code: err.code, message: err.message }).to.deep.equal({ code: 'BAD_REQUEST', message: 'reading approver /: Encoded slashes are not accepted in paths.' });
  });

  it('keeps other CouchDB failures as COUCH_ERROR', function () {
    expect(couchError({ statusCode: 500, error: 'unknown_error', reason: 'x' }, 'doing').code).to.equal('COUCH_ERROR');
  });
});
