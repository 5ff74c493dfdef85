// Which requests to the database go on the long-poll pool (central/couch/couch-pool.ts): only
// those that hold their connection until a change comes; and what a pool holds (poolLoad).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createProxyPools, isLongPoll, poolLoad } from '../../../../central/couch/couch-pool.js';

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

// What central's metrics read of the /db proxy's pools (pronto_couch_proxy_*): real sockets to a
// loopback server that holds every answer until told to answer.
describe('couch-pool: poolLoad', () => {
  it('counts busy sockets, requests queued in central past the cap, and idle sockets once answered', async () => {
    const held: http.ServerResponse[] = [];
    const server = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const pools = createProxyPools(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 2);
    try {
      let answered = 0;
      const send = (agent: http.Agent) => http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/', agent }, (res) => res.resume().on('end', () => answered++));
      for (let i = 0; i < 5; i++) send(pools.short);
      for (let i = 0; i < 3; i++) send(pools.longPoll);
      await until(() => held.length === 5, 'the server holding 2 short requests and 3 long-polls');
      expect(poolLoad(pools.short)).to.deep.equal({ busy: 2, idle: 0, queued: 3 });
      expect(poolLoad(pools.longPoll)).to.deep.equal({ busy: 3, idle: 0, queued: 0 });
      // Answered two at a time, the queued ones take the freed sockets.
      await until(() => {
        for (const res of held.splice(0)) res.end('ok');
        return answered === 8;
      }, 'every request answered');
      await until(() => poolLoad(pools.short).busy === 0, 'the short pool idle');
      expect(poolLoad(pools.short)).to.deep.equal({ busy: 0, idle: 2, queued: 0 });
    } finally {
      pools.short.destroy();
      pools.longPoll.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Polls `cond` every 10 ms, at most 500 times. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never came: ${what}`);
}
