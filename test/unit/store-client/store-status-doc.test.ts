import { expect } from 'chai';
import { initialStatus } from '../../../store-client/index.js';
import { storeStatusChanged, storeStatusDoc } from '../../../store-client/store-status-doc.js';
import { isValid } from '../../../validators/index.js';

const ctx = { store: 's1', device: 's1.pos1' };
const stamped = { updatedAt: '2026-11-24T17:03:09.120Z-0000-s1.pos1', updatedBy: 's1.pos1' };

describe('store-client/store-status-doc', () => {
  it('builds a valid store-status document from a sync status', () => {
    const doc = storeStatusDoc({ ...initialStatus, state: 'online', pending: 3, lastPush: '2026-11-24T17:03:09.120Z' }, ctx);
    expect(doc).to.deep.equal({
      _id: 'store-status:s1:s1.pos1', type: 'store-status', store: 's1', device: 's1.pos1',
      state: 'online', pending: 3, lastPush: '2026-11-24T17:03:09.120Z',
    });
    expect(isValid({ ...doc, ...stamped }, { db: 'store-s1' })).to.equal(null);
  });

  it('says when the oldest pending upload was written while some are pending; a report without it stays valid', () => {
    const at = '2026-11-24T16:58:00.000Z';
    const waiting = storeStatusDoc({ ...initialStatus, state: 'offline', pending: 2 }, { ...ctx, oldestPendingAt: at });
    expect(waiting.oldestPendingAt).to.equal(at);
    expect(isValid({ ...waiting, ...stamped }, { db: 'store-s1' })).to.equal(null);
    expect(storeStatusDoc({ ...initialStatus, state: 'online', pending: 0 }, { ...ctx, oldestPendingAt: at })).not.to.have.property('oldestPendingAt');
    expect(storeStatusDoc({ ...initialStatus, state: 'offline', pending: 1 }, { ...ctx, oldestPendingAt: 'yesterday' })).not.to.have.property('oldestPendingAt');
    expect(isValid({ ...waiting, ...stamped, oldestPendingAt: 'yesterday' }, { db: 'store-s1' })).to.not.equal(null);
  });

  it('carries the error message only for error and denied', () => {
    const error = { code: 'SYNC_DENIED', message: 'You are not allowed' };
    expect(storeStatusDoc({ ...initialStatus, state: 'denied', error }, ctx).message).to.equal('You are not allowed');
    expect(storeStatusDoc({ ...initialStatus, state: 'offline', error }, ctx)).not.to.have.property('message');
    const long = storeStatusDoc({ ...initialStatus, state: 'error', error: { ...error, message: 'x'.repeat(3000) } }, ctx);
    expect(isValid({ ...long, ...stamped }, { db: 'store-s1' })).to.equal(null);
  });

  it('sees a change in state, pending or message, but not in the replication timestamps alone', () => {
    const doc = storeStatusDoc({ ...initialStatus, state: 'online', lastPush: '2026-11-24T17:03:09.120Z' }, ctx);
    expect(storeStatusChanged(undefined, doc)).to.equal(true);
    expect(storeStatusChanged({ ...doc, lastPush: '2026-11-24T17:00:00.000Z', lastPull: undefined }, doc)).to.equal(false);
    expect(storeStatusChanged({ ...doc, pending: 1 }, doc)).to.equal(true);
    expect(storeStatusChanged({ ...doc, state: 'syncing' }, doc)).to.equal(true);
    expect(storeStatusChanged({ ...doc, message: 'old' }, doc)).to.equal(true);
  });
});
