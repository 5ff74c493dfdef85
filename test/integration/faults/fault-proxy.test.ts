// The fault proxy itself, against a small HTTP server: each mode does to a real client what it
// claims to (a test harness that cannot fail proves nothing).
import { expect } from 'chai';
import http from 'node:http';
import type net from 'node:net';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';

const BIG = 256 * 1024;

describe('fault proxy (test helper)', function () {
  this.timeout(30_000);
  let server: http.Server;
  let proxy: FaultProxy;
  let bodiesReceived = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      let length = 0;
      req.on('data', (c: Buffer) => (length += c.length));
      req.on('end', () => {
        bodiesReceived++;
        if (req.url === '/big') return void res.end(Buffer.alloc(BIG, 120));
        res.end(`echo:${length}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(async () => { proxy = await startFaultProxy((server.address() as net.AddressInfo).port); });
  afterEach(() => proxy.close());

  const get = (path: string, timeoutMs = 2_000, body?: string) =>
    fetch(`${proxy.url}${path}`, { method: body ? 'POST' : 'GET', body, signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.text());

  it('passes requests and responses through untouched', async () => {
    expect(await get('/x', 2_000, 'hello')).to.equal('echo:5');
    expect((await get('/big')).length).to.equal(BIG);
  });

  it('cut resets new connections until healed', async () => {
    proxy.set('cut');
    const err = await get('/x').catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect(String((err as Error & { cause?: { code?: string } }).cause?.code ?? err)).to.not.match(/Timeout/i);
    proxy.heal();
    expect(await get('/x')).to.equal('echo:0');
  });

  it('cuts a connection in the middle of a response, once it has carried the bytes asked', async () => {
    const fired = proxy.cutAfter({ direction: 'response', bytes: BIG / 2 });
    const err = await get('/big').catch((e: Error) => e);
    expect(err, 'the client sees the response break').to.be.instanceOf(Error);
    await fired;
    expect(proxy.stats().cut).to.equal(1);
    expect((await get('/big')).length, 'disarmed after one cut').to.equal(BIG);
  });

  it('cuts a connection in the middle of a request: the server never gets the whole body', async () => {
    const before = bodiesReceived;
    const fired = proxy.cutAfter({ direction: 'request', bytes: 1000 });
    const err = await get('/x', 2_000, 'y'.repeat(100_000)).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    await fired;
    expect(bodiesReceived, 'no complete request reached the server').to.equal(before);
  });

  it('black-hole accepts connections and never answers', async () => {
    proxy.set('black-hole');
    const err = await get('/x', 500).catch((e: Error) => e);
    expect((err as Error).name).to.equal('TimeoutError');
    expect(proxy.stats().stalled).to.be.greaterThan(0);
  });

  it('slow delays every chunk', async () => {
    proxy.set('slow', { latencyMs: 200, bytesPerSecond: 10 * 1024 * 1024 });
    const started = Date.now();
    expect(await get('/x')).to.equal('echo:0');
    // Two chunks at least (request, response), each delayed 200 ms: a floor, not a speed limit.
    expect(Date.now() - started).to.be.at.least(400);
  });

  it('silent freezes an open keep-alive connection without closing it, while new connections pass', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const viaAgent = (timeoutMs: number) => new Promise<string>((resolve, reject) => {
      const req = http.get(`${proxy.url}/x`, { agent, timeout: timeoutMs }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
    expect(await viaAgent(2_000)).to.equal('echo:0');
    const openBefore = proxy.stats().open;
    proxy.set('silent');
    let closed = false;
    for (const s of Object.values(agent.freeSockets).flat()) s?.on('close', () => (closed = true));
    const err = await viaAgent(500).catch((e: Error) => e);
    expect((err as Error).message, 'the reused connection hangs').to.equal('timeout');
    expect(closed || openBefore > 0).to.equal(true);
    expect(await get('/x'), 'a new connection passes').to.equal('echo:0');
    proxy.heal();
    agent.destroy();
  });

  it('silent with new connections stalled hangs them too, and refuse resets them', async () => {
    proxy.set('silent', { newConnections: 'stall' });
    expect(((await get('/x', 500).catch((e: Error) => e)) as Error).name).to.equal('TimeoutError');
    proxy.set('silent', { newConnections: 'refuse' });
    expect(((await get('/x', 2_000).catch((e: Error) => e)) as Error).name).to.not.equal('TimeoutError');
  });
});
