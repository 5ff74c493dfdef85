// Which requests to the database go on the long-poll pool (central/couch/couch-pool.ts): only
// those that hold their connection until a change comes.
import { expect } from 'chai';
import { isLongPoll } from '../../../../central/couch/couch-pool.js';

describe('couch-pool: isLongPoll', () => {
  it('takes live _changes and _db_updates feeds', () => {
    expect(isLongPoll('GET', '/store-s1/_changes?feed=longpoll&since=5&heartbeat=10000')).to.equal(true);
    expect(isLongPoll('POST', '/catalog/_changes?style=all_docs&feed=continuous')).to.equal(true);
    expect(isLongPoll('GET', '/_db_updates?feed=longpoll&since=now')).to.equal(true);
    expect(isLongPoll('GET', '/customers/_changes?feed=eventsource')).to.equal(true);
  });
  it('leaves one-shot feeds, other endpoints and documents named like them to the capped pool', () => {
    expect(isLongPoll('GET', '/store-s1/_changes?since=5&limit=100')).to.equal(false);
    expect(isLongPoll('GET', '/store-s1/_changes?feed=normal')).to.equal(false);
    expect(isLongPoll('GET', '/store-s1/_bulk_get?feed=longpoll')).to.equal(false);
    expect(isLongPoll('GET', '/store-s1/_changes-x?feed=longpoll')).to.equal(false);
    expect(isLongPoll('PUT', '/store-s1/_changes?feed=longpoll')).to.equal(false);
    expect(isLongPoll('GET', '/store-s1/_local/_changes')).to.equal(false);
  });
});
