import { expect } from 'chai';
import { callerClaim } from '../../../../../central/http/couch-proxy/caller.js';
import { replicatedImmutables } from '../../../../../central/http/couch-proxy/write-ledger.js';

describe('central/http/couch-proxy caller and write ledger', () => {
  it('reads the name in a Basic header, or in an AuthSession cookie', () => {
    const cookie = Buffer.from('cashier-s1:65A1B2C3:abcdef0123').toString('base64url');
    expect(callerClaim({ authorization: 'Basic ' + Buffer.from('ana:pw').toString('base64') })).to.deep.equal({ name: 'ana', via: 'basic' });
    expect(callerClaim({ cookie: `x=1; AuthSession=${cookie}` })).to.deep.equal({ name: 'cashier-s1', via: 'cookie' });
    expect(callerClaim({})).to.deep.equal({ name: undefined, via: 'none' });
  });

  it('takes the sales, moves and returns of a replicated _bulk_docs with their revisions, nothing else', () => {
    const body = { new_edits: false, docs: [
      { _id: 'sale:s1:x', _rev: '1-a' }, { _id: 'store-status:s1:p', _rev: '3-b' }, { _id: 'return:s1:void:y', _rev: '1-c' }, { _id: 'move:s1:z' },
    ] };
    expect(replicatedImmutables(body)).to.deep.equal([{ id: 'sale:s1:x', rev: '1-a' }, { id: 'return:s1:void:y', rev: '1-c' }]);
    expect(replicatedImmutables({ docs: body.docs })).to.deep.equal([]);
  });
});
