import { expect } from 'chai';
import { readEntry } from '../../../../central/couch/bulk-get-entry.js';

describe('readEntry (one revision of a _bulk_get answer)', function () {
  it('reads a document', function () {
    expect(readEntry({ ok: { _id: 'a' } })).to.deep.equal({ ok: { _id: 'a' } });
  });

  it('tells a revision not found, as CouchDB and as the embedded server say it', function () {
    expect(readEntry({ error: { id: 'a', rev: '2-b', error: 'not_found', reason: 'missing' } })).to.deep.equal({ notFound: true });
    expect(readEntry({ missing: '2-b' })).to.deep.equal({ notFound: true });
    expect(readEntry({}), 'the embedded server, for a document it does not have').to.deep.equal({ notFound: true });
    expect(readEntry({ error: 'not_found', reason: 'missing' })).to.deep.equal({ notFound: true });
    expect(readEntry({ error: { error: 'missing' } })).to.deep.equal({ notFound: true });
  });

  it('tells any other answer a failure, naming it, in CouchDB\'s shape and in the embedded server\'s', function () {
    expect(readEntry({ error: { id: 'a', rev: '2-b', error: 'internal_fabric_error', reason: 'timeout' } })).to.deep.equal({ failed: 'internal_fabric_error: timeout' });
    expect(readEntry({ error: 'unknown_error', reason: 'boom' })).to.deep.equal({ failed: 'unknown_error: boom' });
    expect(readEntry({ error: {} })).to.deep.equal({ failed: 'error: ' });
  });
});
